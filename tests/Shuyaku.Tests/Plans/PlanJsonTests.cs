using Shuyaku.Plans;
using Shuyaku.Tests.Support;

namespace Shuyaku.Tests.Plans;

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
        read.Errors.Single().ShouldBe(new Shuyaku.Import.Diagnostic(dir, 0, 0,
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
}
