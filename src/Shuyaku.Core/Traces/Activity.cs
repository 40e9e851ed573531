using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>One series' CPU on one UTC day: how many samples, their mean and their peak (in % of the old server).</summary>
/// <param name="Day">The UTC calendar day.</param>
/// <param name="Samples">How many CPU samples fall on that day (at least 1).</param>
/// <param name="Mean">The mean of those samples.</param>
/// <param name="Peak">The largest of those samples.</param>
public sealed record ActivityDay(DateOnly Day, int Samples, double Mean, double Peak);

/// <summary>How a guest's CPU looked against an activity threshold over a window of days ending today.</summary>
/// <param name="LastActiveDay">The latest day on or before today with a sample above the threshold; null when there is none.</param>
/// <param name="WindowSamples">CPU samples in the window.</param>
/// <param name="WindowMean">Mean of the samples in the window; null without samples there.</param>
/// <param name="WindowPeak">Largest sample in the window; null without samples there.</param>
public sealed record ActivityVerdict(DateOnly? LastActiveDay, int WindowSamples, double? WindowMean, double? WindowPeak)
{
    /// <summary>Whether the window holds samples at all: without them a guest is neither idle nor busy, only unmeasured.</summary>
    public bool Measured => WindowSamples > 0;

    /// <summary>Idle: measured in the window and no sample there above the threshold.</summary>
    public bool Idle { get; init; }
}

/// <summary>
/// Guest activity from measured CPU (the csv-long series that <c>import sar|perfmon|prometheus</c> write, or any trace
/// the trace importer reads with clock times): each series' CPU summed up per UTC day, and a verdict per guest against
/// a threshold over a window of whole days. docs/console.md states the rule; this is its one implementation.
/// </summary>
public static class Activity
{
    /// <summary>The threshold when none is given: CPU above 5 % of the old server counts as activity.</summary>
    public const double DefaultThresholdPercent = 5;

    /// <summary>The window when none is given: the 30 UTC days ending today.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>The longest window accepted, in days (ten years).</summary>
    public const int MaxWindowDays = 3660;

    /// <summary>
    /// Reads measurements at <paramref name="path"/> with the trace importer (format told from the first line, the step
    /// taken from the data, no gap filled) and sums their CPU up per day; an error when the times are not clock times.
    /// </summary>
    public static ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>> Read(string path, string? shownAs = null)
    {
        var import = TraceImporter.Import(path, null, new ResampleOptions(StepSeconds: null, MaxFillSteps: 0));
        var name = shownAs ?? path;
        IReadOnlyList<Diagnostic> Rename(IReadOnlyList<Diagnostic> list) =>
            list.Select(d => d.File == path ? d with { File = name } : d).ToList();
        if (!import.Succeeded)
        {
            return ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>>.Failed(Rename(import.Errors), Rename(import.Warnings));
        }

        return Days(import.Value!.Set) is { } days
            ? ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>>.Ok(days, Rename(import.Warnings))
            : ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>>.Failed(
                [new Diagnostic(name, 0, 0, Texts.Get("trace.activity.relative-times"))], Rename(import.Warnings));
    }

    /// <summary>
    /// The CPU of every series of <paramref name="traces"/> per UTC day, days in order; steps without a value (NaN: before
    /// a series starts, after it ends, or in a gap) are not samples. Series without CPU are left out. The set must
    /// hold clock times (<see cref="TraceSet.AbsoluteTime"/>); null when it does not.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>? Days(TraceSet traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        if (!traces.AbsoluteTime)
        {
            return null;
        }

        var result = new Dictionary<string, IReadOnlyList<ActivityDay>>(StringComparer.Ordinal);
        for (var s = 0; s < traces.Count; s++)
        {
            if (!traces.Has(s, Metric.Cpu))
            {
                continue;
            }

            var values = traces.Values(s, Metric.Cpu);
            var days = new List<ActivityDay>();
            DateOnly? day = null;
            int n = 0;
            double sum = 0, peak = 0;
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                if (float.IsNaN(v))
                {
                    continue;
                }

                var d = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(traces.TimeOf(i)).UtcDateTime);
                if (day != d)
                {
                    if (day is { } done)
                    {
                        days.Add(new ActivityDay(done, n, sum / n, peak));
                    }

                    (day, n, sum, peak) = (d, 0, 0, double.MinValue);
                }

                n++;
                sum += v;
                peak = Math.Max(peak, v);
            }

            if (day is { } last)
            {
                days.Add(new ActivityDay(last, n, sum / n, peak));
            }

            if (days.Count > 0)
            {
                result[traces.Names[s]] = days;
            }
        }

        return result;
    }

    /// <summary>
    /// The verdict over the window of <paramref name="windowDays"/> UTC days ending with <paramref name="today"/> (both
    /// ends included): last active day (a day whose peak is above <paramref name="thresholdPercent"/>, strictly, on or
    /// before today), samples, sample-weighted mean and peak in the window, and idle when the window has samples and
    /// none above the threshold. Days after today are ignored.
    /// </summary>
    public static ActivityVerdict Judge(IEnumerable<ActivityDay> days, DateOnly today, int windowDays, double thresholdPercent)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, 1);
        var from = WindowStart(today, windowDays);
        DateOnly? lastActive = null;
        int samples = 0;
        double sum = 0, peak = double.MinValue;
        foreach (var d in days)
        {
            if (d.Day > today)
            {
                continue;
            }

            if (d.Peak > thresholdPercent && (lastActive is null || d.Day > lastActive))
            {
                lastActive = d.Day;
            }

            if (d.Day >= from)
            {
                samples += d.Samples;
                sum += d.Mean * d.Samples;
                peak = Math.Max(peak, d.Peak);
            }
        }

        return samples == 0
            ? new ActivityVerdict(lastActive, 0, null, null)
            : new ActivityVerdict(lastActive, samples, sum / samples, peak) { Idle = peak <= thresholdPercent };
    }

    /// <summary>The first day of the window of <paramref name="windowDays"/> days that ends with <paramref name="today"/>.</summary>
    public static DateOnly WindowStart(DateOnly today, int windowDays) => today.AddDays(1 - windowDays);

    /// <summary>A day as stored and shown: yyyy-MM-dd.</summary>
    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
