using Shuyaku.Import;
using Shuyaku.Plans;
using Shuyaku.Tests.Support;

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
        var result = EstateReader.ReadFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        result.Errors.ShouldBeEmpty();
        result.Value!.Workloads.Count.ShouldBe(70);
        result.Value.Servers.Count.ShouldBe(37);
        result.Value.Workloads.GroupBy(w => w.Software).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<string, int>
        {
            ["apache"] = 16, ["sendmail"] = 10, ["pop"] = 10, ["bind"] = 14, ["ntp"] = 6, ["InterScan"] = 8, ["radius"] = 6,
        }, ignoreOrder: true);
    }
}
