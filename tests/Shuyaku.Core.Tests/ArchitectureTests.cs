using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests;

/// <summary>
/// The dependency direction of docs/architecture.md: each folder of Shuyaku.Core uses only the folders before it in
/// the pipeline, and the checker uses none of the planner's searches or bounds.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Core's folders in pipeline order; a folder may use only the folders before it.</summary>
    public static readonly string[] Pipeline =
    [
        "Localization", "Diagnostics", "Model", "Traces", "Import", "Sizing", "Power", "Plans", "Placement", "Checking", "WhatIf", "Move", "Access",
        "Simulation", "Reporting", "Benchmarks",
    ];

    private static readonly Assembly Core = typeof(Estate).Assembly;

    public static TheoryData<string> Folders() => [.. Pipeline];

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_folder_of_Core_uses_no_folder_that_comes_after_it(string folder)
    {
        var later = Pipeline.SkipWhile(f => f != folder).Skip(1).Select(f => $"Shuyaku.Core.{f}").ToArray();
        if (later.Length == 0)
        {
            return;
        }

        var result = Types.InAssembly(Core).That().ResideInNamespace($"Shuyaku.Core.{folder}")
            .ShouldNot().HaveDependencyOnAny(later).GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty(
            $"Shuyaku.Core.{folder} may use only {string.Join(", ", Pipeline.TakeWhile(f => f != folder))}");
    }

    [Fact]
    public void Every_type_of_Core_lives_in_a_pipeline_folder()
    {
        var outside = Core.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Shuyaku", StringComparison.Ordinal))
            .Where(t => !Pipeline.Any(f => t.Namespace == $"Shuyaku.Core.{f}" || t.Namespace!.StartsWith($"Shuyaku.Core.{f}.", StringComparison.Ordinal)))
            .Select(t => t.FullName);

        outside.ShouldBeEmpty();
    }

    [Fact]
    public void The_checker_shares_no_search_or_bound_with_the_planner()
    {
        var result = Types.InAssembly(Core).That().ResideInNamespace("Shuyaku.Core.Checking")
            .ShouldNot().HaveDependencyOnAny("Shuyaku.Core.Placement.Search", "Shuyaku.Core.Placement.Bounds").GetResult();

        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_checker_sizes_with_its_own_arithmetic_not_the_planners_sizer()
    {
        // Only the trace-based sizing (DemandModel) and the option records naming a method may be shared.
        string[] shared = ["DemandModel", "TraceSizing", "SizingOptions", "SizingMethod"];
        var forbidden = Core.GetTypes()
            .Where(t => t.Namespace == "Shuyaku.Core.Sizing" && !t.IsNested && !shared.Contains(t.Name))
            .Select(t => t.FullName!).ToArray();

        var result = Types.InAssembly(Core).That().ResideInNamespace("Shuyaku.Core.Checking")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        forbidden.ShouldContain("Shuyaku.Core.Sizing.Sizer");
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_searches_and_bounds_are_internal()
    {
        var result = Types.InAssembly(Core).That()
            .ResideInNamespace("Shuyaku.Core.Placement.Search").Or().ResideInNamespace("Shuyaku.Core.Placement.Bounds")
            .And().AreClasses().And().AreNotNested()
            .Should().NotBePublic().GetResult();

        // Records that the planner's public results carry (bound parts, failover scenarios) are the exception.
        (result.FailingTypeNames ?? []).Where(n => !n.EndsWith("LowerBound", StringComparison.Ordinal)
                && !n.EndsWith("BoundPart", StringComparison.Ordinal) && !n.EndsWith("FailoverScenario", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Core_shows_its_internals_to_tests_only_so_the_CLI_and_the_solver_use_its_public_surface()
    {
        var friends = Core.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName);

        friends.ShouldAllBe(name => name.EndsWith(".Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_namespace_equals_its_folder_and_assembly()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        var wrong = new List<string>();
        foreach (var project in Directory.GetDirectories(src))
        {
            var assembly = Path.GetFileName(project);
            foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(project, Path.GetDirectoryName(file)!);
                if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                {
                    continue;
                }

                var expected = relative == "." ? assembly : $"{assembly}.{relative.Replace(Path.DirectorySeparatorChar, '.')}";
                var declared = NamespaceLine().Match(File.ReadAllText(file)) is { Success: true } m ? m.Groups[1].Value : null;
                if (declared is not null && declared != expected)
                {
                    wrong.Add($"{Path.GetRelativePath(src, file)}: namespace {declared}, folder says {expected}");
                }
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void No_file_under_src_exceeds_600_lines()
    {
        var src = Path.Combine(RepositoryPaths.Root, "src");
        var large = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 600)
            .Select(f => $"{f.File}: {f.Lines} lines");

        large.ShouldBeEmpty();
    }

    [Fact]
    public void The_README_layout_and_the_architecture_page_name_every_project_and_every_folder_of_Core()
    {
        var root = RepositoryPaths.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];
        var architecture = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var projects = new[] { "src", "tests", "bench" }
            .SelectMany(d => Directory.GetDirectories(Path.Combine(root, d)))
            .Where(p => Directory.EnumerateFiles(p, "*.csproj").Any())
            .Select(p => Path.GetFileName(p));
        var folders = Directory.GetDirectories(Path.Combine(root, "src", "Shuyaku.Core"))
            .Where(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Select(f => $"{f}/").ToList();

        folders.Select(f => f.TrimEnd('/')).OrderBy(f => f, StringComparer.Ordinal)
            .ShouldBe(Pipeline.OrderBy(f => f, StringComparer.Ordinal), "Core's folders are the pipeline's");
        foreach (var name in projects.Concat(folders))
        {
            layout.ShouldContain(name, Case.Sensitive, $"README's layout does not name {name}");
            architecture.ShouldContain(name.TrimEnd('/'), Case.Sensitive, $"docs/architecture.md does not name {name}");
        }
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();
}
