using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces.Measurements;

/// <summary>The order of day, month and year in the dates of a perfmon CSV, which follows the recording machine's region.</summary>
public enum DateOrder
{
    /// <summary>Month, day, year (United States: 12/06/2026).</summary>
    Mdy,

    /// <summary>Day, month, year (most of Europe: 06/12/2026 or 06.12.2026).</summary>
    Dmy,

    /// <summary>Year, month, day (Japan: 2026/12/06).</summary>
    Ymd,
}

/// <summary>How to read a perfmon CSV: what the file does not say.</summary>
/// <param name="TotalMemoryMib">The machine's memory, for memory in use = total − <c>Available MBytes</c>; null to use <c>Committed Bytes</c>.</param>
/// <param name="DateOrder">The order of dates; null to tell it from the dates (a field above 12 decides; month first when nothing does).</param>
public sealed record PerfmonOptions(double? TotalMemoryMib = null, DateOrder? DateOrder = null);

/// <summary>
/// Reads Windows performance counter logs written as CSV by <c>typeperf -f CSV</c> or perfmon (<c>relog -f csv</c>): a
/// header whose first field starts <c>(PDH-CSV 4.0)</c> and ends with the time-zone bias in minutes, then one row per
/// sample. The counters used and how they become cpu, memory, disk and network are in docs/import.md.
/// </summary>
public static partial class PerfmonReader
{
    [GeneratedRegex(@"^\\\\(?<host>[^\\]+)\\(?<object>[^\\(]+)(\((?<instance>.*)\))?\\(?<counter>[^\\]+)$")]
    private static partial Regex CounterPath();

    [GeneratedRegex(@"\((?<bias>-?\d+)\)\s*$")]
    private static partial Regex Bias();

    [GeneratedRegex(@"^(?<a>\d{1,4})[/.\-](?<b>\d{1,2})[/.\-](?<c>\d{1,4})[ T](?<time>\d{1,2}:\d{2}:\d{2}(\.\d+)?)$")]
    private static partial Regex Stamp();

    private enum Use
    {
        None,
        Cpu,
        CommittedBytes,
        AvailableMBytes,
        DiskBytes,
        DiskReadWriteBytes,
        NetworkBytes,
    }

    /// <summary>Reads <paramref name="files"/>; each host in a counter path (<c>\\HOST\...</c>) is a series.</summary>
    public static ReadResult<MeasurementImport> Read(IReadOnlyList<string> files, PerfmonOptions? options = null)
    {
        options ??= new PerfmonOptions();
        var errors = new TraceErrors();
        var read = new List<string>();
        var skipped = new List<string>();
        var values = new Dictionary<(string Host, long Time, Metric Metric), double>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                errors.Add(file, 1, 1, Texts.Get("trace.perfmon.missing"));
                continue;
            }

            try
            {
                ReadFile(file, options, values, errors, read, skipped);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors.Add(file, 0, 0, Texts.Format("trace.measure.unreadable", e.Message));
            }
        }

        if (errors.Errors.Count > 0)
        {
            return ReadResult<MeasurementImport>.Failed(errors.Errors, errors.Warnings);
        }

        if (values.Count == 0)
        {
            return ReadResult<MeasurementImport>.Failed([new Diagnostic(files.Count > 0 ? files[0] : "", 1, 1,
                Texts.Get("trace.perfmon.nothing"))], errors.Warnings);
        }

        var samples = MeasurementImport.Ordered(values.Select(kv => new Sample(kv.Key.Host, kv.Key.Time, kv.Key.Metric, kv.Value)));
        return ReadResult<MeasurementImport>.Ok(new MeasurementImport(samples, read, skipped), errors.Warnings);
    }

    private static void ReadFile(
        string file,
        PerfmonOptions options,
        Dictionary<(string, long, Metric), double> values,
        TraceErrors errors,
        List<string> read,
        List<string> skipped)
    {
        var lines = new List<string>();
        using (var reader = TraceText.Open(file))
        {
            string? l;
            while ((l = reader.ReadLine()) is not null)
            {
                lines.Add(l);
            }
        }

        if (lines.Count == 0 || !lines[0].TrimStart('\uFEFF', '"', ' ').StartsWith("(PDH-CSV 4.0)", StringComparison.Ordinal))
        {
            errors.Add(file, 1, 1, Texts.Get("trace.perfmon.header"));
            return;
        }

        var head = lines[0].TrimStart('\uFEFF');
        var close = head.IndexOf('"', 1);
        var separator = close > 0 && close + 1 < head.Length ? head[close + 1] : ',';
        if (separator is not (',' or ';' or '\t'))
        {
            errors.Add(file, 1, close + 2, Texts.Format("trace.perfmon.separator", separator));
            return;
        }

        var fields = new List<Field>();
        TraceText.Split(head, separator, fields);
        var bias = Bias().Match(fields[0].Text) is { Success: true } m ? int.Parse(m.Groups["bias"].Value, CultureInfo.InvariantCulture) : 0;
        var columns = new (string Host, Use Use, Metric Metric)[fields.Count];
        for (var i = 1; i < fields.Count; i++)
        {
            columns[i] = Classify(fields[i].Text, options, out var why);
            if (columns[i].Use == Use.None)
            {
                skipped.Add(Texts.Format("trace.perfmon.unused", Path.GetFileName(file), fields[i].Text, why));
            }
        }

        for (var i = 1; i < columns.Length; i++)
        {
            var host = columns[i].Host;
            if (columns[i].Use == Use.DiskReadWriteBytes && columns.Any(c => c.Host == host && c.Use == Use.DiskBytes))
            {
                columns[i] = (host, Use.None, Metric.Disk);
                skipped.Add(Texts.Format("trace.perfmon.unused", Path.GetFileName(file), fields[i].Text, Texts.Get("trace.perfmon.why.disk-bytes")));
            }
        }

        var order = options.DateOrder ?? GuessOrder(lines, separator);
        if (options.DateOrder is null && order is null)
        {
            errors.Warn(file, 2, 1, Texts.Get("trace.perfmon.date-order"));
        }

        var rows = 0;
        for (var n = 1; n < lines.Count && !errors.Full; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            TraceText.Split(lines[n], separator, fields);
            if (fields.Count != columns.Length)
            {
                errors.Add(file, n + 1, 1, Texts.Format("trace.perfmon.fields", fields.Count, columns.Length));
                continue;
            }

            if (Parse(fields[0].Text, order ?? DateOrder.Mdy) is not { } local)
            {
                errors.Add(file, n + 1, fields[0].Column, Texts.Format("trace.perfmon.date", fields[0].Text, order ?? DateOrder.Mdy));
                continue;
            }

            var time = local + bias * 60L; // the bias is UTC minus local time, in minutes
            rows++;
            for (var i = 1; i < columns.Length; i++)
            {
                var (host, use, metric) = columns[i];
                if (use == Use.None || fields[i].Text.Trim().Length == 0)
                {
                    continue; // typeperf writes " " for a sample it could not take
                }

                if (MeasureText.Number(fields[i].Text) is not { } v || v < 0)
                {
                    errors.Add(file, n + 1, fields[i].Column, Texts.Format("trace.perfmon.value", fields[i].Text));
                    continue;
                }

                var value = use switch
                {
                    Use.Cpu => Math.Clamp(v, 0, 100),
                    Use.CommittedBytes => v / 1048576,
                    Use.AvailableMBytes => Math.Max(0, options.TotalMemoryMib!.Value - v * 1e6 / 1048576),
                    Use.DiskBytes or Use.DiskReadWriteBytes => v / 1e6,
                    _ => v * 8 / 1e6,
                };
                var key = (host, time, metric);
                values[key] = use is Use.Cpu or Use.CommittedBytes or Use.AvailableMBytes ? value : values.GetValueOrDefault(key) + value;
            }
        }

        read.Add(Texts.Format("trace.perfmon.read", Path.GetFileName(file), rows, columns.Count(c => c.Use != Use.None), columns.Length - 1, bias));
    }

    private static (string Host, Use Use, Metric Metric) Classify(string path, PerfmonOptions options, out string why)
    {
        why = "";
        var m = CounterPath().Match(path.Trim());
        if (!m.Success)
        {
            why = Texts.Get("trace.perfmon.why.not-path");
            return ("", Use.None, Metric.Cpu);
        }

        var host = m.Groups["host"].Value;
        var obj = m.Groups["object"].Value.Trim();
        var instance = m.Groups["instance"].Success ? m.Groups["instance"].Value : null;
        var counter = m.Groups["counter"].Value.Trim();
        bool Is(string o, string c) => obj.Equals(o, StringComparison.OrdinalIgnoreCase) && counter.Equals(c, StringComparison.OrdinalIgnoreCase);
        if ((Is("Processor", "% Processor Time") || Is("Processor Information", "% Processor Time")) && instance == "_Total")
        {
            return (host, Use.Cpu, Metric.Cpu);
        }

        if (Is("Memory", "Available MBytes"))
        {
            why = Texts.Get("trace.perfmon.why.total-memory");
            return options.TotalMemoryMib is null ? (host, Use.None, Metric.Memory) : (host, Use.AvailableMBytes, Metric.Memory);
        }

        if (Is("Memory", "Committed Bytes"))
        {
            why = Texts.Get("trace.perfmon.why.available");
            return options.TotalMemoryMib is null ? (host, Use.CommittedBytes, Metric.Memory) : (host, Use.None, Metric.Memory);
        }

        if (Is("PhysicalDisk", "Disk Bytes/sec") && instance == "_Total")
        {
            return (host, Use.DiskBytes, Metric.Disk);
        }

        if ((Is("PhysicalDisk", "Disk Read Bytes/sec") || Is("PhysicalDisk", "Disk Write Bytes/sec")) && instance == "_Total")
        {
            return (host, Use.DiskReadWriteBytes, Metric.Disk);
        }

        if ((Is("Network Interface", "Bytes Total/sec") || Is("Network Adapter", "Bytes Total/sec")) && instance is not null && !IsVirtual(instance))
        {
            return (host, Use.NetworkBytes, Metric.Network);
        }

        why = instance is not null && obj.StartsWith("Network", StringComparison.OrdinalIgnoreCase) && IsVirtual(instance)
            ? Texts.Get("trace.perfmon.why.virtual")
            : obj.Equals("PhysicalDisk", StringComparison.OrdinalIgnoreCase) && instance != "_Total"
                ? Texts.Get("trace.perfmon.why.one-disk")
                : Texts.Get("trace.perfmon.why.unknown");
        return (host, Use.None, Metric.Cpu);
    }

    private static bool IsVirtual(string instance) =>
        instance.Contains("isatap", StringComparison.OrdinalIgnoreCase) || instance.Contains("Loopback", StringComparison.OrdinalIgnoreCase)
        || instance.Contains("Teredo", StringComparison.OrdinalIgnoreCase) || instance.Contains("6to4", StringComparison.OrdinalIgnoreCase);

    private static DateOrder? GuessOrder(List<string> lines, char separator)
    {
        var fields = new List<Field>();
        for (var n = 1; n < lines.Count; n++)
        {
            TraceText.Split(lines[n], separator, fields);
            if (fields.Count == 0 || Stamp().Match(fields[0].Text.Trim()) is not { Success: true } m)
            {
                continue;
            }

            var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
            var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
            if (m.Groups["a"].Value.Length == 4)
            {
                return DateOrder.Ymd;
            }

            if (a > 12)
            {
                return DateOrder.Dmy;
            }

            if (b > 12)
            {
                return DateOrder.Mdy;
            }
        }

        return null;
    }

    private static long? Parse(string text, DateOrder order)
    {
        if (Stamp().Match(text.Trim()) is not { Success: true } m)
        {
            return null;
        }

        var a = int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        var b = int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        var c = int.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture);
        var (year, month, day) = order switch
        {
            DateOrder.Ymd => (a, b, c),
            DateOrder.Dmy => (c, b, a),
            _ => (c, a, b),
        };
        if (year is < 1970 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || !TimeSpan.TryParse(m.Groups["time"].Value, CultureInfo.InvariantCulture, out var clock) || clock >= TimeSpan.FromDays(1))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).Add(clock).ToUnixTimeSeconds();
    }
}
