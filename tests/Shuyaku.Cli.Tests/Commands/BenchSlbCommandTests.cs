using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Access;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>A test that needs the real HAProxy: skipped, saying so, when it is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HaproxyFactAttribute : FactAttribute
{
    /// <summary>Skips unless haproxy is installed.</summary>
    public HaproxyFactAttribute()
    {
        if (DaemonValidator.Find("haproxy") is null)
        {
            Skip = "haproxy not installed (Debian: apt-get install haproxy)";
        }
    }
}

public sealed partial class BenchSlbCommandTests
{
    [HaproxyFact]
    public void One_round_prints_a_row_per_installed_daemon_with_non_negative_figures_and_writes_the_csv()
    {
        using var folder = new TempFolder();
        var (code, output, error) = Run("bench", "slb", "--rounds", "1", "--csv", folder.File("slb.csv"), "--keep", folder.File("keep"));

        code.ShouldBe(ExitCodes.Ok, output + error);
        foreach (var (service, daemon) in new[] { ("web", "haproxy"), ("dns", "dnsdist"), ("ntp", "nginx") })
        {
            if (DaemonValidator.Find(daemon) is null)
            {
                output.ShouldContain($"round 1: {service}: skipped: {daemon} not installed");
                continue;
            }

            var row = Row().Matches(output).SingleOrDefault(m => m.Groups["service"].Value == service);
            row.ShouldNotBeNull(output);
            row.Groups["daemon"].Value.ShouldBe(daemon);
            int.Parse(row.Groups["members"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
            int.Parse(row.Groups["baseSent"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
            int.Parse(row.Groups["lost"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0);
            double.Parse(row.Groups["failover"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0);
            File.Exists(folder.File($"keep/round-1/{service}/{daemon}.log")).ShouldBeTrue();
        }

        var web = Row().Matches(output).Single(m => m.Groups["service"].Value == "web");
        double.Parse(web.Groups["ban"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0);
        web.Groups["limit"].Value.ShouldBe("100");
        var csv = File.ReadAllLines(folder.File("slb.csv"));
        csv[0].ShouldBe("round,service,daemon,skipped,members,baseline_sent,baseline_lost,failover_ms,failover_seen_by,failover_sent,failover_lost,ban_limit,ban_ms,refused_at,others_sent,others_served,ban_note");
        csv.Length.ShouldBe(4);
        csv[1].ShouldStartWith("1,web,haproxy,,16,");
    }

    [Fact]
    public void Rounds_out_of_range_are_refused_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "slb", "--rounds", "0");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--rounds must be between 1 and 20.");
    }

    // │ 1     │ web     │ haproxy │ 16      │ 0/101     │ 2587.0      │ 1/156 │ 100   │ 0.4    │ 101       │ 11/11     │
    [GeneratedRegex(@"│ 1\s+│ (?<service>\w+)\s+│ (?<daemon>\w+)\s+│ (?<members>\d+)\s+│ \d+/(?<baseSent>\d+)\s+│ (?<failover>\d+\.\d)\s+│ (?<lost>\d+)/\d+\s+│ (?<limit>[\d-]+)\s+│ (?<ban>[\d.-]+)\s+│")]
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
