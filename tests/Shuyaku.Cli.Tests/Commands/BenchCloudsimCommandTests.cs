using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class BenchCloudsimCommandTests
{
    [Fact]
    public void A_missing_data_folder_is_reported_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "cloudsim", "--data", "no-such-folder");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--data no-such-folder: folder does not exist");
    }

    [Theory]
    [InlineData("bench", "cloudsim")]
    [InlineData("bench", "cloudsim", "--data", "x", "--seed", "abc")]
    public void A_command_line_that_does_not_parse_exits_with_code_2(params string[] args)
    {
        var (code, _, error) = Run(args);
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldNotBeEmpty();
    }

    [Fact]
    public void Unknown_days_and_policies_are_reported_with_exit_code_2()
    {
        var folder = Directory.CreateTempSubdirectory("shuyaku-bench-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "20110303"));

            var (code, _, error) = Run("bench", "cloudsim", "--data", folder.FullName, "--days", "20990101");
            code.ShouldBe(ExitCodes.BadInput);
            error.ShouldContain("--days: 20990101 not found");

            (code, _, error) = Run("bench", "cloudsim", "--data", folder.FullName, "--policies", "Dvfs,Nope");
            code.ShouldBe(ExitCodes.BadInput);
            error.ShouldContain("--policies: 'Nope' is not a policy");

            // A day folder without CloudSim's VM order cannot be reproduced.
            (code, _, error) = Run("bench", "cloudsim", "--data", folder.FullName, "--policies", "Dvfs");
            code.ShouldBe(ExitCodes.BadInput);
            error.ShouldContain("listfiles_order_20110303.csv does not exist");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [PlanetLabFact]
    public void The_command_prints_ours_beside_cloudsim_and_writes_csv()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"shuyaku-bench-{Guid.NewGuid():N}.csv");
        try
        {
            var (code, output, error) = Run("bench", "cloudsim", "--data", PlanetLabData.Directory!, "--days", "20110306", "--policies", "Dvfs", "--csv", csv);
            code.ShouldBe(ExitCodes.Ok);
            error.ShouldContain("[1/1] Dvfs 20110306: 618.28 kWh");
            output.ShouldContain("618.28");
            var lines = File.ReadAllLines(csv);
            lines[0].ShouldBe("policy,day,energy_kwh,migrations,slatah,pdm,slav,esv,seconds,cpu_seconds");
            lines[1].ShouldStartWith("Dvfs,20110306,618.28121,0,");
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, Environment.CurrentDirectory));
        return (code, console.Output, error.ToString());
    }
}
