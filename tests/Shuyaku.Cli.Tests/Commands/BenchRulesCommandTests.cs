using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class BenchRulesCommandTests
{
    [Fact]
    public void The_command_plans_checks_writes_the_estates_and_the_csv()
    {
        var dir = Path.Combine(Path.GetTempPath(), "shuyaku-bench-rules-" + Environment.ProcessId);
        try
        {
            var (code, output, _) = Run(
                "bench", "rules", "--sizes", "10,12", "--seeds", "1", "--first-seed", "7", "--time-limit", "1", "--write", Path.Combine(dir, "estates"), "--csv", Path.Combine(dir, "runs.csv"));

            code.ShouldBe(ExitCodes.Ok, output);
            output.ShouldContain("proven minimal");
            output.ShouldContain("│ all ");
            File.Exists(Path.Combine(dir, "estates", "rules-0010-seed007.yaml")).ShouldBeTrue();
            File.Exists(Path.Combine(dir, "estates", "rules-0012-seed007.yaml")).ShouldBeTrue();
            var rows = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
            rows.Length.ShouldBe(3);
            rows[1].ShouldStartWith("10,7,");
            output.ShouldContain("Seeds 7–7 per size");
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void A_size_out_of_range_is_refused_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "rules", "--sizes", "10,9");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--sizes: '9' is not a whole number from 10 to 5000");
    }

    [Fact]
    public void A_first_seed_of_0_is_refused_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "rules", "--first-seed", "0");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--first-seed must be a whole number from 1 to 1000000");
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 220;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, Environment.CurrentDirectory));
        return (code, console.Output, error.ToString());
    }
}
