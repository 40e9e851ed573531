using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Traces.Measurements;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku import sar|perfmon|prometheus</c>: measurements into the csv-long trace layout.</summary>
internal static partial class ImportMeasurementsCommand
{
    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m|min|h|d)$")]
    private static partial Regex Duration();

    public static void AddTo(Command import, CliContext context)
    {
        import.Subcommands.Add(Sar(context));
        import.Subcommands.Add(Perfmon(context));
        import.Subcommands.Add(Prometheus(context));
    }

    private static Option<string> OutOption() => new("--out", "-o")
    {
        Description = "The csv-long trace file to write (docs/traces.md).",
        DefaultValueFactory = _ => "traces.csv",
    };

    private static Command Sar(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "Text written by 'sadf -d SAFILE -- -u -r -d -n DEV' (one file per host or several).", Arity = ArgumentArity.OneOrMore };
        var workload = new Option<string?>("--workload") { Description = "Name the series this workload instead of the host name (the files must hold one host)." };
        var output = OutOption();
        var command = new Command(
            "sar",
            "Read sysstat measurements printed by 'sadf -d' (CPU -u, memory -r, disk -d, network -n DEV) and write them as " +
            "cpu %, memory MiB, disk MB/s and network Mbps per host. Exit 0 written, 2 bad input, 3 the output could not be written.")
        {
            files, workload, output,
        };
        command.SetAction(parse => Finish(context, SadfReader.Read(parse.GetValue(files)!.Select(context.Resolve).ToList(), parse.GetValue(workload)), "the sadf output", parse.GetValue(output)!));
        return command;
    }

    private static Command Perfmon(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = "CSV written by 'typeperf -f CSV' or 'relog -f csv' (header '(PDH-CSV 4.0)').", Arity = ArgumentArity.OneOrMore };
        var total = new Option<double?>("--total-memory") { Description = "The machine's memory in MiB: memory in use = total − Available MBytes. Without it, Committed Bytes is used." };
        var order = new Option<string?>("--date-order") { Description = "mdy, dmy or ymd: the order of the dates (the recording machine's region). Default: told from the dates." };
        order.AcceptOnlyFromAmong("mdy", "dmy", "ymd");
        var output = OutOption();
        var command = new Command(
            "perfmon",
            "Read Windows performance counters (typeperf/perfmon CSV, locale-formatted numbers and dates) and write " +
            "cpu %, memory MiB, disk MB/s and network Mbps per host. Exit 0 written, 2 bad input, 3 the output could not be written.")
        {
            files, total, order, output,
        };
        command.SetAction(parse =>
        {
            var dateOrder = parse.GetValue(order) switch { "dmy" => DateOrder.Dmy, "ymd" => DateOrder.Ymd, "mdy" => DateOrder.Mdy, _ => (DateOrder?)null };
            if (parse.GetValue(total) is { } t && (!(t > 0) || t > 1e12))
            {
                context.Error.WriteLine($"error: --total-memory {t.ToString(CultureInfo.InvariantCulture)} must be a positive number of MiB.");
                return ExitCodes.BadInput;
            }

            var read = PerfmonReader.Read(parse.GetValue(files)!.Select(context.Resolve).ToList(), new PerfmonOptions(parse.GetValue(total), dateOrder));
            return Finish(context, read, "the perfmon CSV", parse.GetValue(output)!);
        });
        return command;
    }

    private static Command Prometheus(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "The Prometheus server, e.g. http://127.0.0.1:9090/.", Required = true };
        var from = new Option<string>("--from") { Description = "First time: ISO 8601 (2026-12-01T00:00:00Z), Unix seconds, 'now' or 'now-7d'.", Required = true };
        var to = new Option<string>("--to") { Description = "Last time, in the same forms.", DefaultValueFactory = _ => "now" };
        var step = new Option<string>("--step") { Description = "Time between samples: 30s, 5m, 1h.", DefaultValueFactory = _ => "5m" };
        var window = new Option<string?>("--window") { Description = "The rate() range. Default: twice the step, at least 60s." };
        var map = new Option<string?>("--map") { Description = "CSV 'instance,workload' naming the series; instances not in it are left out. Default: the instance's host." };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for one answer.", DefaultValueFactory = _ => "30s" };
        var output = OutOption();
        var command = new Command(
            "prometheus",
            "Query a live Prometheus for node_exporter metrics (node_cpu_seconds_total, memory, disk, network) over a time " +
            "range and write cpu %, memory MiB, disk MB/s and network Mbps per instance. Long ranges are asked in pages of " +
            "10,000 steps. Exit 0 written, 2 bad options or the server could not answer, 3 the output could not be written.")
        {
            url, from, to, step, window, map, timeout, output,
        };
        command.SetAction(parse => RunPrometheus(context, parse.GetValue(url)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(step)!, parse.GetValue(window), parse.GetValue(map), parse.GetValue(timeout)!, parse.GetValue(output)!));
        return command;
    }

    private static int RunPrometheus(CliContext context, string url, string from, string to, string step, string? window, string? mapPath, string timeout, string output)
    {
        var now = TimeProvider.System.GetUtcNow();
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return Bad(context, $"--url {url} is not an http or https address");
        }

        if (Time(from, now) is not { } start || Time(to, now) is not { } end)
        {
            return Bad(context, $"--from {from} / --to {to}: give ISO 8601 with a zone (2026-12-01T00:00:00Z), Unix seconds, 'now' or 'now-7d'");
        }

        if (Span(step) is not { } stepSpan || stepSpan < TimeSpan.FromSeconds(1))
        {
            return Bad(context, $"--step {step} is not a duration of at least 1s (30s, 5m, 1h)");
        }

        TimeSpan? windowSpan = null;
        if (window is not null && (windowSpan = Span(window)) is null)
        {
            return Bad(context, $"--window {window} is not a duration (2m, 10m)");
        }

        if (Span(timeout) is not { } timeoutSpan || timeoutSpan <= TimeSpan.Zero)
        {
            return Bad(context, $"--timeout {timeout} is not a duration (30s, 2m)");
        }

        if ((end - start).TotalSeconds / stepSpan.TotalSeconds > 10_000_000)
        {
            return Bad(context, $"--from {from} to --to {to} at --step {step} is more than 10,000,000 steps: give a longer step");
        }

        IReadOnlyDictionary<string, string>? map = null;
        if (mapPath is not null)
        {
            var m = PrometheusImporter.ReadMap(context.Resolve(mapPath));
            if (!m.Succeeded)
            {
                return Diagnostics.Report(context, m.Errors, mapPath, "nothing was imported");
            }

            map = m.Value;
        }

        using var http = new HttpClient { Timeout = timeoutSpan };
        var query = new PrometheusQuery(baseUri, start, end, stepSpan, windowSpan, map);
        var progress = new Progress(context);
        var read = PrometheusImporter.ImportAsync(http, query, progress).GetAwaiter().GetResult();
        return Finish(context, read, url, output);
    }

    private sealed class Progress(CliContext context) : IProgress<string>
    {
        public void Report(string value)
        {
            if (context.Out.Profile.Capabilities.Interactive)
            {
                context.Out.MarkupLine($"[grey]querying {Markup.Escape(value)}[/]");
            }
        }
    }

    private static int Bad(CliContext context, string message)
    {
        context.Error.WriteLine($"error: {message}.");
        return ExitCodes.BadInput;
    }

    /// <summary>A duration: a number and one of ms, s, m or min, h, d.</summary>
    internal static TimeSpan? Span(string text)
    {
        var m = Duration().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var seconds = m.Groups["unit"].Value switch { "ms" => n / 1000, "s" => n, "m" or "min" => n * 60, "h" => n * 3600, _ => n * 86400 };
        return seconds is > 0 and < 1e9 ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>A time: ISO 8601 with a zone, Unix seconds, now, or now-DURATION.</summary>
    internal static DateTimeOffset? Time(string text, DateTimeOffset now)
    {
        var t = text.Trim();
        if (t == "now")
        {
            return now;
        }

        if (t.StartsWith("now-", StringComparison.Ordinal))
        {
            return Span(t[4..]) is { } back ? now - back : null;
        }

        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix < 253402300800)
        {
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        return t.Length > 10 && (t.EndsWith('Z') || t[^6] is '+' or '-')
               && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;
    }

    private static int Finish(CliContext context, ReadResult<MeasurementImport> read, string what, string output)
    {
        Diagnostics.Warnings(context, read.Warnings);
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, what, "nothing was written");
        }

        var import = read.Value!;
        var path = context.Resolve(output);
        try
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } dir)
            {
                Directory.CreateDirectory(dir);
            }

            using var writer = new StreamWriter(path);
            CsvLongWriter.Write(writer, import.Samples);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: cannot write {output}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        foreach (var line in import.Read)
        {
            context.Out.MarkupLine($"read: {Markup.Escape(line)}");
        }

        foreach (var line in import.Skipped)
        {
            context.Out.MarkupLine($"left out: {Markup.Escape(line)}");
        }

        context.Out.MarkupLine($"Wrote {import.Samples.Count.ToString("N0", CultureInfo.InvariantCulture)} samples of {import.SeriesNames.Count} series to [bold]{Markup.Escape(output)}[/] (csv-long; 'shuyaku simulate ESTATE PLAN --traces {Markup.Escape(output)}' reads it).");
        return ExitCodes.Ok;
    }
}
