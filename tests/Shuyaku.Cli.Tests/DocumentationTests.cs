using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>What the README says the command line prints and offers is what it does, so it cannot rot.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void The_sample_output_in_the_readme_is_what_plan_prints_when_redirected()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("## What it prints", StringComparison.Ordinal);
        var sample = RepositoryPaths.CodeBlocksOf(readme[start..], "").First();
        using var folder = new TempFolder();
        var console = new TestConsole();
        console.Profile.Width = 80;
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();

        var exit = ShuyakuCli.Run(["plan"], new CliContext(console, error, folder.Path));

        exit.ShouldBe(0, error.ToString());
        Lines(console.Output).ShouldBe(Lines(sample));

        static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
    }

    [Fact]
    public void The_8_gib_plan_tabled_in_the_case_study_readme_is_what_plan_prints_and_survives_every_single_failure()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "README.md"));
        var cells = readme.Single(l => l.StartsWith("| 8 GiB model, N+1 |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        using var folder = new TempFolder();
        var error = new StringWriter();

        // A cap far above what the deterministic budgets take, so the clock cannot end the search on a loaded machine.
        var exit = ShuyakuCli.Run(
            ["plan", Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"), "--host-model", "dl380-g5-8g", "--time-limit", "300", "-o", folder.Path],
            new CliContext(new TestConsole(), error, folder.Path));

        exit.ShouldBe(0, error.ToString());
        var plan = Core.Plans.PlanJson.ReadFile(Path.Combine(folder.Path, "plan.json")).Value!;
        plan.Summary.Hosts.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(cells[2].Trim('*'));
        cells[3].ShouldStartWith($"{plan.LowerBound.Value} ");
        cells[3].Contains("proven minimal", StringComparison.Ordinal).ShouldBe(plan.Summary.Hosts == plan.LowerBound.Value);
        // The heuristics' plan (idle spares on the packing with its zone evened out, room made for restarts) meets the bound
        // that CP-SAT's N+1 model met before them; either way every single failure restarts.
        plan.Method.ShouldContain("N+1");
        plan.Inputs.Failures.ShouldBe(1);
        string.Join(" → ", plan.Breakdown.Take(5).Select(b => b.Hosts.ToString(System.Globalization.CultureInfo.InvariantCulture))).ShouldBe(cells[4]);
    }

    [Fact]
    public void The_readme_lists_every_command_and_links_every_documentation_page()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var root = ShuyakuCli.Build(new CliContext(new TestConsole(), new StringWriter(), RepositoryPaths.Root));

        foreach (var command in root.Subcommands)
        {
            readme.ShouldContain($"| `shuyaku {command.Name} ", Case.Sensitive, $"the command table lacks '{command.Name}'");
        }

        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md"))
        {
            readme.ShouldContain($"](docs/{Path.GetFileName(page)})", Case.Sensitive, $"README does not link {Path.GetFileName(page)}");
        }
    }
}
