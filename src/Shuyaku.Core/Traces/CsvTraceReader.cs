using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>
/// The two CSV layouts of docs/traces.md. Long: a header <c>workload,timestamp,metric,value</c> (any column order),
/// one sample per row. Wide: a header <c>timestamp,&lt;series&gt;,...</c>, one row per time, an empty cell for a
/// missing sample, one file per metric named cpu.csv, memory.csv, disk.csv or network.csv (gzip allowed).
/// Timestamps are Unix seconds or ISO 8601 with an offset; plain numbers below 1,000,000,000 are seconds from the
/// start of the trace.
/// </summary>
internal static class CsvTraceReader
{
    /// <summary>Unix time 1,000,000,000 (2001-09-09): smaller plain numbers are read as relative seconds.</summary>
    private const long AbsoluteFrom = 1_000_000_000;

    private static readonly string[] LongColumns = ["workload", "timestamp", "metric", "value"];

    public static bool LooksLikeLong(string header)
    {
        var fields = new List<Field>();
        TraceText.Split(header, ',', fields);
        return fields.Count == 4 && LongColumns.All(c => fields.Any(f => string.Equals(f.Text, c, StringComparison.OrdinalIgnoreCase)));
    }

    public static bool LooksLikeWide(string header) => header.TrimStart().StartsWith("timestamp,", StringComparison.OrdinalIgnoreCase);

    /// <summary>The metric a wide file holds, from its name (cpu.csv → cpu); any other name holds CPU.</summary>
    public static Metric? WideMetric(string file)
    {
        var name = TraceText.SeriesName(file).ToLowerInvariant();
        var i = Array.IndexOf(TraceSet.MetricNames, name);
        return i >= 0 ? (Metric)i : null;
    }

    /// <summary>Reads long files; returns whether every timestamp was absolute.</summary>
    public static bool ReadLong(IReadOnlyList<string> files, RawTraces raw, TraceErrors errors)
    {
        var absolute = true;
        var kind = new TimeKind();
        foreach (var file in files)
        {
            using var reader = TraceText.Open(file);
            var fields = new List<Field>();
            var header = reader.ReadLine();
            if (header is null)
            {
                errors.Add(file, 1, 1, Texts.Get("trace.csv.long-empty"));
                continue;
            }

            TraceText.Split(header, ',', fields);
            var col = LongColumns.Select(c => fields.FindIndex(f => string.Equals(f.Text, c, StringComparison.OrdinalIgnoreCase))).ToArray();
            if (col.Any(c => c < 0) || fields.Count != 4)
            {
                errors.Add(file, 1, 1, Texts.Format("trace.csv.long-header", PlanetLabReader.Cut(header)));
                continue;
            }

            var rows = 0;
            foreach (var (lineNo, line) in TraceText.Rows(reader, errors))
            {
                rows++;
                TraceText.Split(line, ',', fields);
                if (fields.Count != 4)
                {
                    errors.Add(file, lineNo, 1, Texts.Format("trace.csv.long-fields", fields.Count));
                    continue;
                }

                var name = fields[col[0]];
                if (name.Text.Length == 0)
                {
                    errors.Add(file, lineNo, name.Column, Texts.Get("trace.csv.no-workload"));
                    continue;
                }

                var metricField = fields[col[2]];
                var mi = Array.FindIndex(TraceSet.MetricNames, n => string.Equals(n, metricField.Text, StringComparison.OrdinalIgnoreCase));
                if (mi < 0)
                {
                    errors.Add(file, lineNo, metricField.Column, Texts.Format("trace.csv.metric", PlanetLabReader.Cut(metricField.Text)));
                    continue;
                }

                if (!Time(fields[col[1]], file, lineNo, errors, kind, out var t, out var abs))
                {
                    continue;
                }

                absolute &= abs;
                if (!Value(fields[col[3]], file, lineNo, errors, out var v))
                {
                    continue;
                }

                if (!raw.Add(raw.GetOrAdd(name.Text, file), (Metric)mi, t, v))
                {
                    errors.Add(file, lineNo, fields[col[1]].Column, TraceErrors.FarTime(fields[col[1]].Text));
                }
            }

            if (rows == 0 && !errors.Full)
            {
                errors.Warn(file, 1, 1, Texts.Get("trace.csv.no-rows"));
            }
        }

        return absolute;
    }

    /// <summary>Reads wide files, each for the metric its name gives; returns whether every timestamp was absolute.</summary>
    public static bool ReadWide(IReadOnlyList<string> files, RawTraces raw, TraceErrors errors)
    {
        var absolute = true;
        var kind = new TimeKind();
        var seen = new HashSet<Metric>();
        foreach (var file in files)
        {
            var metric = WideMetric(file) ?? Metric.Cpu;
            if (!seen.Add(metric))
            {
                errors.Add(file, 0, 0, Texts.Format("trace.csv.second-file", TraceSet.MetricNames[(int)metric]));
                continue;
            }

            using var reader = TraceText.Open(file);
            var fields = new List<Field>();
            var header = reader.ReadLine();
            if (header is null || !LooksLikeWide(header))
            {
                errors.Add(file, 1, 1, Texts.Get("trace.csv.wide-header"));
                continue;
            }

            TraceText.Split(header, ',', fields);
            var names = new List<RawSeries>();
            var headerNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in fields.Skip(1))
            {
                if (f.Text.Length == 0)
                {
                    errors.Add(file, 1, f.Column, Texts.Get("trace.csv.unnamed-column"));
                }
                else if (!headerNames.Add(f.Text))
                {
                    errors.Add(file, 1, f.Column, Texts.Format("trace.csv.column-twice", f.Text));
                }

                names.Add(raw.GetOrAdd(f.Text, file));
            }

            var counted = new int[names.Count];
            var rows = 0;
            foreach (var (lineNo, line) in TraceText.Rows(reader, errors))
            {
                rows++;
                TraceText.Split(line, ',', fields);
                if (fields.Count != names.Count + 1)
                {
                    errors.Add(file, lineNo, 1, Texts.Format("trace.csv.wide-fields", fields.Count, names.Count + 1));
                    continue;
                }

                if (!Time(fields[0], file, lineNo, errors, kind, out var t, out var abs))
                {
                    continue;
                }

                absolute &= abs;
                var far = false;
                for (var i = 1; i < fields.Count; i++)
                {
                    if (fields[i].Text.Length > 0 && Value(fields[i], file, lineNo, errors, out var v))
                    {
                        far |= !raw.Add(names[i - 1], metric, t, v);
                        counted[i - 1]++;
                    }
                }

                if (far)
                {
                    errors.Add(file, lineNo, fields[0].Column, TraceErrors.FarTime(fields[0].Text));
                }
            }

            WarnEmptyColumns(file, metric, rows, names, counted, header, errors);
        }

        return absolute;
    }

    /// <summary>A header without rows, or a column without values: those series are left out for this metric, not the whole trace.</summary>
    private static void WarnEmptyColumns(string file, Metric metric, int rows, List<RawSeries> names, int[] counted, string header, TraceErrors errors)
    {
        if (errors.Full)
        {
            return;
        }

        var what = TraceSet.MetricNames[(int)metric];
        if (rows == 0)
        {
            var listed = string.Join(", ", names.Take(5).Select(n => $"'{PlanetLabReader.Cut(n.Name)}'")) + (names.Count > 5 ? Texts.Format("trace.csv.more", names.Count - 5) : "");
            errors.Warn(file, 1, 1, names.Count == 0
                ? Texts.Get("trace.csv.no-rows")
                : Texts.Format("trace.csv.no-rows-series", what, names.Count, listed));
            return;
        }

        var columns = new List<Field>();
        TraceText.Split(header, ',', columns);
        for (var i = 0; i < names.Count; i++)
        {
            if (counted[i] == 0 && names[i].Name.Length > 0)
            {
                errors.Warn(file, 1, columns[i + 1].Column, Texts.Format("trace.csv.no-values", PlanetLabReader.Cut(names[i].Name), what));
            }
        }
    }

    /// <summary>Whether the trace's timestamps are clock times or seconds from the start, as its first one says, and where that was.</summary>
    private sealed class TimeKind
    {
        public bool? Absolute { get; set; }
        public string Where { get; set; } = "";
    }

    private static bool Time(Field f, string file, int line, TraceErrors errors, TimeKind kind, out long time, out bool absolute)
    {
        absolute = true;
        if (long.TryParse(f.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out time))
        {
            if (TraceText.TimeRange(time) is { } wrong)
            {
                errors.Add(file, line, f.Column, Texts.Format("trace.bad", Texts.Get("trace.field.timestamp"), PlanetLabReader.Cut(f.Text), wrong));
                return false;
            }

            absolute = time >= AbsoluteFrom;
        }
        else if (DateTimeOffset.TryParse(f.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) && f.Text.Contains('T', StringComparison.Ordinal))
        {
            time = when.ToUnixTimeSeconds();
        }
        else
        {
            errors.Add(file, line, f.Column, Texts.Format("trace.csv.time-format", PlanetLabReader.Cut(f.Text)));
            return false;
        }

        if (kind.Absolute is null)
        {
            kind.Absolute = absolute;
            kind.Where = $"{file}:{line.ToString(CultureInfo.InvariantCulture)}";
        }
        else if (kind.Absolute != absolute)
        {
            // Seconds from the start beside clock times would put the two kinds 40-odd years apart on one grid.
            errors.Add(file, line, f.Column,
                Texts.Format(absolute ? "trace.csv.clock-after-relative" : "trace.csv.relative-after-clock", PlanetLabReader.Cut(f.Text), kind.Where));
            return false;
        }

        return true;
    }

    private static bool Value(Field f, string file, int line, TraceErrors errors, out float value)
    {
        if (TraceText.Value(f.Text, out var v) is { } wrong)
        {
            value = 0;
            errors.Add(file, line, f.Column, Texts.Format("trace.bad", Texts.Get("trace.field.value"), PlanetLabReader.Cut(f.Text), wrong));
            return false;
        }

        value = (float)v;
        return true;
    }
}
