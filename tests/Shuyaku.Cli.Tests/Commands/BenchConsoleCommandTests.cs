using System.Text.RegularExpressions;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed partial class BenchConsoleCommandTests
{
    [Fact]
    public void A_small_run_on_sqlite_answers_every_request_and_prints_each_endpoint_with_its_ratio_to_the_stylesheet()
    {
        var (code, output, error) = Run("bench", "console", "--guests", "60", "--users", "2", "--requests", "8");

        code.ShouldBe(ExitCodes.Ok, output + error);
        foreach (var endpoint in new[] { "/", "/guests/sprawl", "/api/guests", "/static/console.css" })
        {
            var row = Row().Matches(output).SingleOrDefault(m => m.Groups["endpoint"].Value == endpoint);
            row.ShouldNotBeNull($"no row for {endpoint}: {output}");
            row.Groups["n"].Value.ShouldBe("4", "2 users × 8 requests over 4 endpoints");
            row.Groups["err"].Value.ShouldBe("0");
        }

        Row().Matches(output).Single(m => m.Groups["endpoint"].Value == "/static/console.css").Groups["ratio"].Value.ShouldBe("1.0");
        output.ShouldContain("60 guests, 2 users × 8 requests");
        Target().Matches(output).Select(m => m.Groups["db"].Value).ShouldBe(["SQLite"], "one verdict per database run: " + output);
    }

    [Fact]
    public void Postgres_given_twice_is_refused_with_exit_code_2()
    {
        var (code, _, error) = Run("bench", "console", "--pg-auto", "--postgres", "Host=127.0.0.1");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("--postgres and --pg-auto cannot be used together");
    }

    [GeneratedRegex(@"│ sqlite\s+│ (?<endpoint>\S+)\s+│ (?<n>\d+)\s+│ (?<err>\d+)\s+│ [\d.]+\s+│ [\d.]+\s+│ [\d.]+\s+│ (?<ratio>[\d.]+)")]
    private static partial Regex Row();

    [GeneratedRegex(@"(?<db>SQLite|PostgreSQL): target p95 < 200 ms for the dashboard, /guests/sprawl and /api/guests: (met|missed) \(highest p95: /\S* [\d.]+ ms\)\.")]
    private static partial Regex Target();

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, Environment.CurrentDirectory));
        return (code, console.Output, error.ToString());
    }
}
