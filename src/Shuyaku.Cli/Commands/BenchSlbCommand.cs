using System.CommandLine;
using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Access;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench slb [ESTATE] [--rounds N] [--keep DIR] [--csv FILE]</c>: failover and ban figures of the real balancers.</summary>
internal static class BenchSlbCommand
{
    /// <summary>The CSV header, one row per service and round.</summary>
    internal const string CsvHeader = "round,service,daemon,skipped,members,baseline_sent,baseline_lost,failover_ms,failover_seen_by,failover_sent,failover_lost,ban_limit,ban_ms,refused_at,others_sent,others_served,ban_note";

    internal static Command Create(CliContext context)
    {
        var estate = new Argument<string?>("ESTATE")
        {
            Description = Texts.Get("cli.bench.slb.estate"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var rounds = new Option<int>("--rounds") { Description = Texts.Get("cli.bench.slb.rounds"), DefaultValueFactory = _ => 3 };
        rounds.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 20)
            {
                r.AddError(Texts.Get("cli.bench.slb.error.1"));
            }
        });
        var keep = new Option<string?>("--keep") { Description = Texts.Get("cli.bench.slb.keep") };
        var csv = new Option<string?>("--csv") { Description = Texts.Get("cli.bench.slb.csv") };
        var command = new Command("slb", Texts.Get("cli.bench.slb.description"))
        {
            estate, rounds, keep, csv,
        };
        command.SetAction(parse => Run(context, parse.GetValue(estate), parse.GetValue(rounds), parse.GetValue(keep), parse.GetValue(csv)));
        return command;
    }

    private static int Run(CliContext context, string? estatePath, int rounds, string? keep, string? csvPath)
    {
        var (read, path) = BundledExamples.ReadEstateOrExample(context, estatePath);
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, estatePath ?? path, Texts.Get("cli.bench.slb.outcome"));
        }

        if (read.Value!.Access is not { } access)
        {
            context.Error.WriteLine(Texts.Format("cli.error.in-file", estatePath ?? path, Texts.Format("cli.bench.slb.no-access", Texts.Get("cli.bench.slb.outcome"))));
            return ExitCodes.BadInput;
        }

        string work;
        try
        {
            work = keep is null ? Directory.CreateTempSubdirectory("shuyaku-bench-slb-").FullName : Directory.CreateDirectory(context.Resolve(keep)).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.slb.cannot-create", keep, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        IReadOnlyList<SlbFigures> figures;
        try
        {
            figures = SlbBenchmark.Run(access, rounds, work, line => context.Out.MarkupLine(Markup.Escape(line)));
        }
        finally
        {
            if (keep is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            Texts.Get("cli.bench.slb.column.round"), Texts.Get("cli.bench.slb.column.service"), Texts.Get("cli.bench.slb.column.daemon"),
            Texts.Get("cli.bench.slb.column.members"), Texts.Get("cli.bench.slb.column.base-lost"), Texts.Get("cli.bench.slb.column.failover-ms"),
            Texts.Get("cli.bench.slb.column.lost"), Texts.Get("cli.bench.slb.column.limit"), Texts.Get("cli.bench.slb.column.ban-ms"),
            Texts.Get("cli.bench.slb.column.refused"), Texts.Get("cli.bench.slb.column.others-ok"));
        var notes = new List<string>();
        foreach (var f in figures)
        {
            if (f.SkippedBecause is { } why)
            {
                context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.slb.skipped", I(f.Round), f.Service, why.ToString())));
                continue;
            }

            table.AddRow(
                I(f.Round), Markup.Escape(f.Service), f.Daemon, I(f.Members),
                $"{I(f.BaselineLost)}/{I(f.BaselineSent)}",
                D(f.FailoverMs),
                $"{I(f.FailoverLost)}/{I(f.FailoverSent)}",
                f.BanLimit is { } l ? I(l) : "-",
                D(f.BanMs),
                f.RefusedAt is { } r ? I(r) : "-",
                f.OthersSent == 0 ? "-" : $"{I(f.OthersServed)}/{I(f.OthersSent)}");
            var seenBy = f.FailoverSeenBy switch
            {
                "daemon log" => Texts.Get("cli.bench.slb.seen-by.log"),
                "clients" => Texts.Get("cli.bench.slb.seen-by.clients"),
                var other => other,
            };
            var note = f.BanNoteBecause is { } noBan ? Texts.Format("cli.bench.slb.note.no-ban", f.Service, seenBy, noBan.ToString()) : Texts.Format("cli.bench.slb.note", f.Service, seenBy);
            if (!notes.Contains(note))
            {
                notes.Add(note);
            }
        }

        context.Out.Write(table);
        foreach (var n in notes)
        {
            context.Out.MarkupLine(Markup.Escape(n));
        }

        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.slb.legend", I(SlbBenchmark.IntervalMs), I(SlbBenchmark.BaselineMs))));
        if (csvPath is not null)
        {
            try
            {
                File.WriteAllLines(context.Resolve(csvPath), [CsvHeader, .. figures.Select(CsvRow)], new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-file", csvPath, IoReasons.Of(e))));
                return ExitCodes.OutputFailed;
            }
        }

        return ExitCodes.Ok;
    }

    internal static string CsvRow(SlbFigures f) => string.Join(',', [
        I(f.Round), f.Service, f.Daemon, f.Skipped is null ? "" : $"\"{f.Skipped.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", I(f.Members),
        I(f.BaselineSent), I(f.BaselineLost), f.FailoverMs is { } m ? D(m) : "", f.FailoverSeenBy, I(f.FailoverSent), I(f.FailoverLost),
        f.BanLimit is { } l ? I(l) : "", f.BanMs is { } b ? D(b) : "", f.RefusedAt is { } r ? I(r) : "", I(f.OthersSent), I(f.OthersServed),
        f.BanNote is null ? "" : $"\"{f.BanNote}\""]);

    private static string D(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "-";

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
