using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Cli.Localization;
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
        Description = Texts.Get("cli.import.measurements.out"),
        DefaultValueFactory = _ => "traces.csv",
    };

    private static Command Sar(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = Texts.Get("cli.import.sar.file"), Arity = ArgumentArity.OneOrMore };
        var workload = new Option<string?>("--workload") { Description = Texts.Get("cli.import.sar.workload") };
        var output = OutOption();
        var command = new Command("sar", Texts.Get("cli.import.sar.description"))
        {
            files, workload, output,
        };
        command.SetAction(parse => Finish(context, SadfReader.Read(parse.GetValue(files)!.Select(context.Resolve).ToList(), parse.GetValue(workload)), Texts.Get("cli.import.sar.what"), parse.GetValue(output)!));
        return command;
    }

    private static Command Perfmon(CliContext context)
    {
        var files = new Argument<string[]>("FILE") { Description = Texts.Get("cli.import.perfmon.file"), Arity = ArgumentArity.OneOrMore };
        var total = new Option<double?>("--total-memory") { Description = Texts.Get("cli.import.perfmon.total-memory") };
        var order = new Option<string?>("--date-order") { Description = Texts.Get("cli.import.perfmon.date-order") };
        order.AcceptOnlyFromAmong("mdy", "dmy", "ymd");
        var output = OutOption();
        var command = new Command("perfmon", Texts.Get("cli.import.perfmon.description"))
        {
            files, total, order, output,
        };
        command.SetAction(parse =>
        {
            var dateOrder = parse.GetValue(order) switch { "dmy" => DateOrder.Dmy, "ymd" => DateOrder.Ymd, "mdy" => DateOrder.Mdy, _ => (DateOrder?)null };
            if (parse.GetValue(total) is { } t && (!(t > 0) || t > 1e12))
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.import.perfmon.bad-total", t.ToString(CultureInfo.InvariantCulture))));
                return ExitCodes.BadInput;
            }

            var read = PerfmonReader.Read(parse.GetValue(files)!.Select(context.Resolve).ToList(), new PerfmonOptions(parse.GetValue(total), dateOrder));
            return Finish(context, read, Texts.Get("cli.import.perfmon.what"), parse.GetValue(output)!);
        });
        return command;
    }

    private static Command Prometheus(CliContext context)
    {
        var url = new Option<string>("--url") { Description = Texts.Get("cli.import.prometheus.url"), Required = true };
        var from = new Option<string>("--from") { Description = Texts.Get("cli.import.prometheus.from"), Required = true };
        var to = new Option<string>("--to") { Description = Texts.Get("cli.import.prometheus.to"), DefaultValueFactory = _ => "now" };
        var step = new Option<string>("--step") { Description = Texts.Get("cli.import.prometheus.step"), DefaultValueFactory = _ => "5m" };
        var window = new Option<string?>("--window") { Description = Texts.Get("cli.import.prometheus.window") };
        var map = new Option<string?>("--map") { Description = Texts.Get("cli.import.prometheus.map") };
        var timeout = new Option<string>("--timeout") { Description = Texts.Get("cli.import.prometheus.timeout"), DefaultValueFactory = _ => "30s" };
        var output = OutOption();
        var command = new Command("prometheus", Texts.Get("cli.import.prometheus.description"))
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
            return Bad(context, Texts.Format("cli.import.prometheus.bad-url", url));
        }

        if (Time(from, now) is not { } start || Time(to, now) is not { } end)
        {
            return Bad(context, Texts.Format("cli.import.prometheus.bad-time", from, to));
        }

        if (Span(step) is not { } stepSpan || stepSpan < TimeSpan.FromSeconds(1))
        {
            return Bad(context, Texts.Format("cli.import.prometheus.bad-step", step));
        }

        TimeSpan? windowSpan = null;
        if (window is not null && (windowSpan = Span(window)) is null)
        {
            return Bad(context, Texts.Format("cli.import.prometheus.bad-window", window));
        }

        if (Span(timeout) is not { } timeoutSpan || timeoutSpan <= TimeSpan.Zero)
        {
            return Bad(context, Texts.Format("cli.import.prometheus.bad-timeout", timeout));
        }

        if ((end - start).TotalSeconds / stepSpan.TotalSeconds > 10_000_000)
        {
            return Bad(context, Texts.Format("cli.import.prometheus.too-many-steps", from, to, step));
        }

        IReadOnlyDictionary<string, string>? map = null;
        if (mapPath is not null)
        {
            var m = PrometheusImporter.ReadMap(context.Resolve(mapPath));
            if (!m.Succeeded)
            {
                return Diagnostics.Report(context, m.Errors, mapPath, Texts.Get("cli.outcome.imported"));
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
                context.Out.MarkupLine($"[grey]{Markup.Escape(Texts.Format("cli.import.prometheus.querying", value))}[/]");
            }
        }
    }

    private static int Bad(CliContext context, string message)
    {
        context.Error.WriteLine(Texts.Format("cli.error", message));
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
            return Diagnostics.Report(context, read.Errors, what, Texts.Get("cli.outcome.written"));
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
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-file", output, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        foreach (var line in import.Read)
        {
            context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.import.measurements.read", line)));
        }

        foreach (var line in import.Skipped)
        {
            context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.import.measurements.left-out", line)));
        }

        context.Out.MarkupLine(Texts.Format("cli.import.measurements.written", import.Samples.Count.ToString("N0", CultureInfo.InvariantCulture), import.SeriesNames.Count, Markup.Escape(output)));
        return ExitCodes.Ok;
    }
}
