using System.Text.RegularExpressions;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed partial class BenchWavesCommandTests
{
    [Fact]
    public void The_command_prints_the_planner_beside_the_baseline_with_no_violations_and_no_fewer_waves_than_the_bound()
    {
        var (code, output, _) = Run("bench", "waves", "--servers", "300", "--subnets", "6", "--seed", "3");

        code.ShouldBe(ExitCodes.Ok, output);
        output.ShouldContain("300 servers in 6 subnets");
        output.ShouldContain("│ checker");
        var planner = Row().Match(output);
        planner.Success.ShouldBeTrue(output);
        var waves = int.Parse(planner.Groups["waves"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var bound = int.Parse(planner.Groups["bound"].Value, System.Globalization.CultureInfo.InvariantCulture);
        waves.ShouldBeGreaterThanOrEqualTo(bound);
        planner.Groups["violations"].Value.ShouldBe("0");
        output.ShouldContain("round robin");
    }

    [Fact]
    public void A_size_out_of_range_is_refused_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "waves", "--servers", "0");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--servers must be between 1 and 1000000.");
    }

    [GeneratedRegex(@"│ planner\s+│ (?<waves>\d+)\s+│ (?<bound>\d+)\s+│ (?<violations>\d+)")]
    private static partial Regex Row();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, Environment.CurrentDirectory));
        return (code, console.Output, error.ToString());
    }
}
