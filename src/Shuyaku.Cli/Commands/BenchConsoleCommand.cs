using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Web.Benchmarks;
using Shuyaku.Web.Storage;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>
/// <c>shuyaku bench console</c>: the web console under load on loopback, on a temporary SQLite file and, when asked, on
/// PostgreSQL; latency percentiles per endpoint, with the stylesheet's as the baseline of the same run.
/// </summary>
internal static class BenchConsoleCommand
{
    /// <summary>The latency the issue asks of the dashboard, the sprawl view and the API at the 95th percentile.</summary>
    private const double TargetP95Ms = 200;

    internal static Command Create(CliContext context)
    {
        var guests = new Option<int>("--guests") { Description = Texts.Get("cli.bench.console.guests"), DefaultValueFactory = _ => 10_000 };
        var users = new Option<int>("--users") { Description = Texts.Get("cli.bench.console.users"), DefaultValueFactory = _ => 50 };
        var requests = new Option<int>("--requests") { Description = Texts.Get("cli.bench.console.requests"), DefaultValueFactory = _ => 40 };
        var postgres = new Option<string?>("--postgres") { Description = Texts.Get("cli.bench.console.postgres") };
        var pgAuto = new Option<bool>("--pg-auto") { Description = Texts.Get("cli.bench.console.pg-auto") };
        Range(guests, 1, 1_000_000);
        Range(users, 1, 1000);
        Range(requests, 1, 100_000);
        var command = new Command("console", Texts.Get("cli.bench.console.description"))
        {
            guests, users, requests, postgres, pgAuto,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(postgres) is not null && r.GetValue(pgAuto))
            {
                r.AddError(Texts.Get("cli.bench.console.error.1"));
            }
        });
        command.SetAction(parse => Run(context, new ConsoleBenchOptions(parse.GetValue(guests), parse.GetValue(users), parse.GetValue(requests)),
            parse.GetValue(postgres), parse.GetValue(pgAuto)));
        return command;
    }

    private static void Range(Option<int> option, int min, int max) => option.Validators.Add(r =>
    {
        if (r.GetValueOrDefault<int>() < min || r.GetValueOrDefault<int>() > max)
        {
            r.AddError(Texts.Format("cli.bench.console.error.range", option.Name, min, max));
        }
    });

    private static int Run(CliContext context, ConsoleBenchOptions options, string? postgres, bool pgAuto)
    {
        var progress = new Progress<string>(line => context.Error.WriteLine(line));
        var results = new List<EndpointLatency>();
        var folder = Directory.CreateTempSubdirectory("shuyaku-bench-console-");
        try
        {
            results.AddRange(ConsoleBenchmark.RunAsync(DatabaseOptions.SqliteFile(Path.Combine(folder.FullName, "bench.db")), "SQLite", options, progress).GetAwaiter().GetResult());
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (pgAuto)
            {
                if (PrivatePostgres.Unavailable is { } why)
                {
                    context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.console.pg-auto-unavailable", why)));
                    return ExitCodes.BadInput;
                }

                using var server = new PrivatePostgres();
                results.AddRange(ConsoleBenchmark.RunAsync(DatabaseOptions.Postgres(server.CreateDatabase("bench", pooling: true)), "PostgreSQL", options, progress).GetAwaiter().GetResult());
            }
            else if (postgres is not null)
            {
                results.AddRange(ConsoleBenchmark.RunAsync(DatabaseOptions.Postgres(postgres), "PostgreSQL", options, progress).GetAwaiter().GetResult());
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.Data.Common.DbException or HttpRequestException or IOException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.console.failed", e.Message)));
            return ExitCodes.BadInput;
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            Texts.Get("cli.bench.console.column.db"), Texts.Get("cli.bench.console.column.endpoint"), Texts.Get("cli.bench.console.column.n"),
            Texts.Get("cli.bench.console.column.errors"), "p50 ms", "p95 ms", "p99 ms", "p95÷css");
        foreach (var r in results)
        {
            var baseline = results.Single(b => b.Database == r.Database && b.Endpoint == ConsoleBenchmark.Endpoints[^1]);
            table.AddRow(r.Database == "PostgreSQL" ? "pg" : "sqlite", Markup.Escape(r.Endpoint), r.Requests.ToString(CultureInfo.InvariantCulture), r.Errors.ToString(CultureInfo.InvariantCulture),
                F(r.P50), F(r.P95), F(r.P99), (r.P95 / Math.Max(baseline.P95, 0.001)).ToString("0.0", CultureInfo.InvariantCulture));
        }

        foreach (var column in table.Columns)
        {
            column.NoWrap();
        }

        context.Out.Write(table);
        var measured = results.Where(r => r.Endpoint != ConsoleBenchmark.Endpoints[^1]).ToList();
        var errors = results.Sum(r => r.Errors);
        var target = Texts.Get(measured.All(r => r.P95 < TargetP95Ms) ? "cli.bench.target.met" : "cli.bench.target.missed");
        context.Out.MarkupLine(Markup.Escape(Texts.Format(
            errors > 0 ? "cli.bench.console.legend.errors" : "cli.bench.console.legend",
            options.Guests.ToString(CultureInfo.InvariantCulture), options.Users.ToString(CultureInfo.InvariantCulture), options.Requests.ToString(CultureInfo.InvariantCulture),
            TargetP95Ms.ToString("0", CultureInfo.InvariantCulture), target, errors.ToString(CultureInfo.InvariantCulture))));
        foreach (var database in results.Select(r => r.Database).Distinct())
        {
            var own = measured.Where(r => r.Database == database).ToList();
            var worst = own.MaxBy(r => r.P95)!;
            context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.console.target.db", database, TargetP95Ms.ToString("0", CultureInfo.InvariantCulture),
                Texts.Get(own.All(r => r.P95 < TargetP95Ms) ? "cli.bench.target.met" : "cli.bench.target.missed"), worst.Endpoint, F(worst.P95))));
        }

        return results.Sum(r => r.Errors) > 0 ? ExitCodes.Infeasible : ExitCodes.Ok;
    }
}
