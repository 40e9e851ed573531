using System.Text.RegularExpressions;
using Shuyaku.Cli;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Tests.Docs;

/// <summary>Examples in the documentation are run, so they cannot rot.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void The_complete_example_of_the_estate_format_is_valid_and_plans()
    {
        var yaml = RepositoryPaths.CodeBlocks(Path.Combine(RepositoryPaths.Root, "docs", "estate-format.md"), "yaml").Single();
        var estate = TestEstates.Read(yaml);
        estate.Rules.Select(r => r.Kind).Distinct().Count().ShouldBe(6, "the complete example shows every kind of rule");
        var plan = TestEstates.PlanChecked(estate);
        plan.Hosts.ShouldContain(h => h.Dedicated);
        plan.Hosts.ShouldContain(h => h.Group == "licensed");
    }

    [Fact]
    public void The_plan_format_example_is_a_readable_plan()
    {
        var json = RepositoryPaths.CodeBlocks(Path.Combine(RepositoryPaths.Root, "docs", "plan-format.md"), "json").First();
        var plan = PlanJson.Read(json, "plan-format.md");
        plan.Errors.ShouldBeEmpty();
        plan.Value!.SchemaVersion.ShouldBe(1);
    }

    [Fact]
    public void The_bundled_example_is_valid()
    {
        var result = EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        result.Errors.ShouldBeEmpty();
        result.Value!.Workloads.Count.ShouldBe(70);
        result.Value.Servers.Count.ShouldBe(37);
        result.Value.Workloads.GroupBy(w => w.Software).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<string, int>
        {
            ["apache"] = 16,
            ["sendmail"] = 10,
            ["pop"] = 10,
            ["bind"] = 14,
            ["ntp"] = 6,
            ["InterScan"] = 8,
            ["radius"] = 6,
        }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("cheapest model (16 GiB), N+1", null, null)]
    [InlineData("8 GiB model, N+1", "dl380-g5-8g", null)]
    [InlineData("16 GiB model, N+2", "dl380-g5", 2)]
    public void The_plans_tabled_in_the_case_study_readme_are_what_plan_prints(string row, string? hostModel, int? failures)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "README.md"));
        var cells = readme.Single(l => l.StartsWith($"| {row} |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries);
        var documentedHosts = int.Parse(cells[2].Trim('*'), System.Globalization.CultureInfo.InvariantCulture);
        var documentedBound = int.Parse(Regex.Match(cells[3], @"^\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        var documentedSteps = cells[4].Split('→', StringSplitOptions.TrimEntries);

        var estate = EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")).Value!;
        var plan = TestEstates.PlanChecked(estate, new PlanOptions(hostModel, failures));

        plan.Summary.Hosts.ShouldBe(documentedHosts, row);
        plan.LowerBound.Value.ShouldBe(documentedBound, row);
        cells[3].Contains("proven minimal", StringComparison.Ordinal).ShouldBe(plan.Summary.Hosts == plan.LowerBound.Value, row);
        plan.Breakdown.Take(4).Select(b => b.Hosts.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(documentedSteps, row);
    }

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
