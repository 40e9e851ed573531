using System.Globalization;

namespace Shuyaku.Core.Traces.Measurements;

/// <summary>One measured value of one series, in the metric's unit of docs/traces.md.</summary>
/// <param name="Series">The series (workload) name.</param>
/// <param name="UnixSeconds">When, in Unix seconds (UTC).</param>
/// <param name="Metric">The metric.</param>
/// <param name="Value">The value: cpu %, memory MiB, disk MB/s, network Mbps.</param>
public readonly record struct Sample(string Series, long UnixSeconds, Metric Metric, double Value);

/// <summary>What an importer of measurements read: the samples, and a report of what it read and left out.</summary>
/// <param name="Samples">Every sample, ordered by series, time and metric.</param>
/// <param name="Read">Lines saying what was read (files, sections, counters, series).</param>
/// <param name="Skipped">Lines saying what was left out and why; nothing is left out silently.</param>
public sealed record MeasurementImport(IReadOnlyList<Sample> Samples, IReadOnlyList<string> Read, IReadOnlyList<string> Skipped)
{
    /// <summary>The series names, ordered.</summary>
    public IReadOnlyList<string> SeriesNames => Samples.Select(s => s.Series).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The samples of one series and metric, in time order.</summary>
    public IEnumerable<Sample> Of(string series, Metric metric) => Samples.Where(s => s.Series == series && s.Metric == metric);

    /// <summary>Orders samples by series, time and metric, as importers return them.</summary>
    public static List<Sample> Ordered(IEnumerable<Sample> samples) =>
        samples.OrderBy(s => s.Series, StringComparer.Ordinal).ThenBy(s => s.UnixSeconds).ThenBy(s => s.Metric).ToList();
}

/// <summary>Writes samples as the csv-long trace layout of docs/traces.md, which <c>simulate</c> and <c>sizing</c> read.</summary>
public static class CsvLongWriter
{
    /// <summary>The header line.</summary>
    public const string Header = "workload,timestamp,metric,value";

    /// <summary>Writes the header and one row per sample: ISO 8601 UTC times, invariant numbers, names quoted when needed.</summary>
    public static void Write(TextWriter writer, IEnumerable<Sample> samples)
    {
        writer.Write(Header);
        writer.Write('\n');
        foreach (var s in samples)
        {
            writer.Write(Quote(s.Series));
            writer.Write(',');
            writer.Write(DateTimeOffset.FromUnixTimeSeconds(s.UnixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(TraceSet.MetricNames[(int)s.Metric]);
            writer.Write(',');
            writer.Write(Math.Round(s.Value, 4).ToString("0.####", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static string Quote(string name) =>
        name.IndexOfAny([',', '"', '\n', '\r']) < 0 ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Numbers as measurement tools print them.</summary>
internal static class MeasureText
{
    /// <summary>A number with a decimal point or a decimal comma (tools print the region's separator); null when it is not one.</summary>
    public static double? Number(string text)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            return null;
        }

        if (t.Contains(',', StringComparison.Ordinal) && !t.Contains('.', StringComparison.Ordinal))
        {
            t = t.Replace(',', '.');
        }

        return double.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
               && double.IsFinite(v) && Math.Abs(v) <= TraceText.MaxValue ? v : null;
    }
}
