using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Plans;

public sealed class PlanJsonTests
{
    [Fact]
    public void A_folder_holding_plan_json_given_as_the_plan_points_to_the_file_inside()
    {
        using var folder = new TempFolder();
        folder.Write("shuyaku-out/plan.json", "{}");
        var dir = folder.File("shuyaku-out");

        var read = PlanJson.ReadFile(dir);

        read.Succeeded.ShouldBeFalse();
        read.Errors.Single().ShouldBe(new Shuyaku.Core.Diagnostics.Diagnostic(dir, 0, 0,
            $"this is a folder, not a plan file: did you mean {Path.Combine(dir, "plan.json")}?"));
    }

    [Fact]
    public void A_folder_without_plan_json_given_as_the_plan_is_reported_as_a_folder()
    {
        using var folder = new TempFolder();

        var read = PlanJson.ReadFile(folder.Path);

        read.Errors.Single().Message.ShouldBe("this is a folder, not a plan file: give the plan.json that 'shuyaku plan' wrote");
    }

    [Fact]
    public void A_plan_starting_with_a_byte_order_mark_is_read()
    {
        using var folder = new TempFolder();
        var json = RepositoryPaths.CodeBlocks(Path.Combine(RepositoryPaths.Root, "docs", "plan-format.md"), "json").First();
        var path = folder.File("plan.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json.Replace("\n", "\r\n", StringComparison.Ordinal))]);

        var read = PlanJson.ReadFile(path);

        read.Errors.ShouldBeEmpty();
        read.Value!.Hosts.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData("{ \"schemaVersion\": \"1\" }", "plan.json:1:23: the plan is not a valid plan.json at $.schemaVersion: the value is not a whole number")]
    [InlineData("{ \"schemaVersion\": 1, \"hosts\": 3 }", "plan.json:1:33: the plan is not a valid plan.json at $.hosts: the value is not a list")]
    [InlineData("{ \"schemaVersion\": 1, \"colour\": 3 }", "plan.json:1:32: the plan is not a valid plan.json at $.colour: unknown field 'colour'")]
    [InlineData("{}", "plan.json:1:3: the plan is not a valid plan.json: required fields are missing: 'inputs', 'hostModel', 'hosts', 'assignments', 'lowerBound', 'breakdown'")]
    [InlineData("{ \"schemaVersion\": 1, \"inputs\": { \"failures\": 1.5 } }", "plan.json:1:50: the plan is not a valid plan.json at $.inputs.failures: the value has the wrong type")]
    public void Errors_in_a_plan_are_described_without_dotnet_type_names(string json, string error)
    {
        var read = PlanJson.Read(json, "plan.json");

        read.Errors.Select(e => e.ToString()).ShouldBe([error]);
    }
}
