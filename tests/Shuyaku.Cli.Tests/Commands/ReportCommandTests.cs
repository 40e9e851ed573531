using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    private static (int Code, string Out, string Error) Run(TempFolder folder, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, folder.Path));
        return (code, console.Output, error.ToString());
    }

    private static TempFolder Planned()
    {
        var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml());
        var (_, plan) = ReportSamples.Planned();
        folder.Write("plan.json", PlanJson.Write(plan with { Inputs = plan.Inputs with { EstateSha256 = TestEstates.Read(File.ReadAllText(folder.File("estate.yaml"))).Digest } }));
        return folder;
    }

    [Fact]
    public void Writes_the_default_file_and_says_the_move_was_not_computed()
    {
        using var folder = Planned();
        var (code, output, error) = Run(folder, "report", "estate.yaml", "plan.json");
        code.ShouldBe(ExitCodes.Ok, error);
        var html = File.ReadAllText(folder.File("shuyaku-out/report.html"));
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<section id=\"cost\">");
        output.ShouldContain($"Report written to {Path.Combine("shuyaku-out", "report.html")}");
        output.ShouldContain("the move was not computed");
    }

    [Fact]
    public void Writes_where_o_says()
    {
        using var folder = Planned();
        var (code, output, _) = Run(folder, "report", "estate.yaml", "plan.json", "-o", "out/r.html");
        code.ShouldBe(ExitCodes.Ok);
        File.Exists(folder.File("out/r.html")).ShouldBeTrue();
        output.ShouldContain("Report written to out");
    }

    [Fact]
    public void A_missing_move_file_is_bad_input()
    {
        using var folder = Planned();
        var (code, _, error) = Run(folder, "report", "estate.yaml", "plan.json", "--move", "nope.json");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("error: --move nope.json: no such file");
        File.Exists(folder.File("shuyaku-out/report.html")).ShouldBeFalse();
    }

    [Fact]
    public void A_plan_that_cannot_be_read_is_bad_input()
    {
        using var folder = Planned();
        folder.Write("bad.json", "{ not json");
        var (code, _, error) = Run(folder, "report", "estate.yaml", "bad.json");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("no report was written");
    }

    [Fact]
    public void An_output_that_is_a_folder_fails_with_exit_code_3()
    {
        using var folder = Planned();
        Directory.CreateDirectory(folder.File("taken"));
        var (code, _, error) = Run(folder, "report", "estate.yaml", "plan.json", "-o", "taken");
        code.ShouldBe(ExitCodes.OutputFailed);
        error.ShouldContain("error: cannot write the report to taken: it is a folder");
    }

    [Fact]
    public void The_move_hook_returns_no_move_until_the_move_planner_is_wired()
    {
        var (estate, plan) = ReportSamples.Planned();
        Shuyaku.Cli.Commands.ReportCommand.LoadOrComputeMove(estate, plan, null).ShouldBeNull();
    }
}
