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

    /// <summary>A folder holding the report samples' estate and its plan (also used by LanguageTests).</summary>
    internal static TempFolder Planned()
    {
        var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml());
        var (_, plan) = ReportSamples.Planned();
        folder.Write("plan.json", PlanJson.Write(plan with { Inputs = plan.Inputs with { EstateSha256 = TestEstates.Read(File.ReadAllText(folder.File("estate.yaml"))).Digest } }));
        return folder;
    }

    [Fact]
    public void Writes_the_default_file_with_the_move_computed_from_the_estate_and_the_plan()
    {
        using var folder = Planned();
        var (code, output, error) = Run(folder, "report", "estate.yaml", "plan.json");
        code.ShouldBe(ExitCodes.Ok, error + output);
        var html = File.ReadAllText(folder.File("shuyaku-out/report.html"));
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("<section id=\"cost\">");
        output.ShouldContain($"Report written to {Path.Combine("shuyaku-out", "report.html")}");
        output.ShouldNotContain("the move was not computed");
        html.ShouldNotContain("The move was not computed");
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
    public void The_move_hook_computes_the_move_when_no_file_is_given()
    {
        var (estate, plan) = ReportSamples.Planned();
        var move = Shuyaku.Cli.Commands.ReportCommand.LoadOrComputeMove(estate, plan, null, out var error);
        error.ShouldBeNull();
        move.ShouldNotBeNull();
        move.DataCenter.ShouldBe("dc");
        move.Network.Subnets.Count(s => s.Fate == Shuyaku.Core.Move.SubnetFate.Moved).ShouldBe(2);
    }

    [Fact]
    public void A_move_file_given_is_read_and_shown()
    {
        using var folder = Planned();
        var estate = TestEstates.Read(File.ReadAllText(folder.File("estate.yaml")));
        folder.Write("move.json", Shuyaku.Core.Move.MoveJson.Write(ReportSamples.Move(estate)));
        var (code, _, error) = Run(folder, "report", "estate.yaml", "plan.json", "--move", "move.json");
        code.ShouldBe(ExitCodes.Infeasible, error);
        File.ReadAllText(folder.File("shuyaku-out/report.html")).ShouldContain("split");
    }

    [Fact]
    public void A_move_file_that_cannot_be_read_is_bad_input_in_one_line()
    {
        using var folder = Planned();
        folder.Write("move.json", "{ \"schemaVersion\": \"one\" }");
        var (code, _, error) = Run(folder, "report", "estate.yaml", "plan.json", "--move", "move.json");
        code.ShouldBe(ExitCodes.BadInput);
        error.Trim().Split('\n').Length.ShouldBe(1);
        error.ShouldContain("move.json:1:");
        error.ShouldContain("error: the file is not a valid move.json at $.schemaVersion: the value is not a whole number");
        File.Exists(folder.File("shuyaku-out/report.html")).ShouldBeFalse();
    }
}
