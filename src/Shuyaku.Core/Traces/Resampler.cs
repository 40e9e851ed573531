using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Traces;

/// <summary>
/// Puts raw samples on one grid. Rules (docs/traces.md): every sample goes to the nearest step; samples that share a
/// step are averaged (repeated timestamps are counted as duplicates, distinct ones as merged steps); inside a series,
/// runs of empty steps of at most <see cref="ResampleOptions.MaxFillSteps"/> are filled linearly between their
/// neighbours, longer runs stay missing (NaN) and are reported one by one; before a series' first sample and after
/// its last it is missing.
/// </summary>
internal static class Resampler
{
    /// <summary>The grid is refused beyond this many bytes of values; a wrong step is the usual cause.</summary>
    public const long MaxValueBytes = 8L << 30;

    public static ReadResult<TraceImport> Resample(RawTraces raw, ResampleOptions options, TraceFormat format, int files, string where, IReadOnlyList<Diagnostic> warnings)
    {
        Diagnostic Fail(string message) => new(where, 0, 0, message);
        long minT = long.MaxValue, maxT = long.MinValue;
        foreach (var s in raw.Series)
        {
            for (var m = 0; m < TraceSet.MetricCount; m++)
            {
                var samples = s[(Metric)m];
                if (samples is null || samples.Count == 0)
                {
                    continue;
                }

                samples.SortByTime();
                minT = Math.Min(minT, samples.FirstTime);
                maxT = Math.Max(maxT, samples.LastTime);
            }
        }

        if (minT == long.MaxValue)
        {
            return ReadResult<TraceImport>.Failed([Fail(Texts.Get("trace.resample.no-samples"))], warnings);
        }

        var detected = options.StepSeconds is null;
        var step = options.StepSeconds ?? DetectStep(raw);
        if (step <= 0)
        {
            return ReadResult<TraceImport>.Failed([Fail(Texts.Get("trace.resample.no-step"))], warnings);
        }

        var start = raw.AbsoluteTime ? FloorDiv(minT, step) * step : minT;
        var lengthL = Bucket(maxT, start, step) + 1;
        var arrays = raw.Series.Sum(s => Enumerable.Range(0, TraceSet.MetricCount).Count(m => s[(Metric)m] is { Count: > 0 }));
        var bytes = lengthL * arrays * sizeof(float);
        if (lengthL > int.MaxValue / 2 || bytes > MaxValueBytes)
        {
            var gib = (bytes / (double)(1L << 30)).ToString("0.#", CultureInfo.InvariantCulture);
            return ReadResult<TraceImport>.Failed([Fail(Texts.Format("trace.resample.too-large", lengthL, step, arrays, gib))], warnings);
        }

        var length = (int)lengthL;
        var values = new float[]?[TraceSet.MetricCount][];
        for (var m = 0; m < TraceSet.MetricCount; m++)
        {
            values[m] = new float[]?[raw.Series.Count];
        }

        var sum = new double[length];
        var count = new int[length];
        var firstTime = new long[length];
        var mixed = new bool[length];
        long duplicates = 0, merged = 0, filledSteps = 0;
        var filledGaps = 0;
        var gaps = new List<TraceGap>();
        for (var si = 0; si < raw.Series.Count; si++)
        {
            var s = raw.Series[si];
            for (var m = 0; m < TraceSet.MetricCount; m++)
            {
                var samples = s[(Metric)m];
                if (samples is null || samples.Count == 0)
                {
                    continue;
                }

                var origin = samples.Origin;
                var first = (int)Bucket(samples.FirstTime, start, step);
                var last = (int)Bucket(samples.LastTime, start, step);
                Array.Clear(sum, first, last - first + 1);
                Array.Clear(count, first, last - first + 1);
                Array.Clear(mixed, first, last - first + 1);
                var previous = 0;
                for (var i = 0; i < samples.Count; i++)
                {
                    var offset = samples.Offset(i);
                    var time = origin + offset;
                    var b = (int)Bucket(time, start, step);
                    if (i > 0 && offset == previous)
                    {
                        duplicates++;
                    }
                    else if (count[b] > 0 && time != firstTime[b] && !mixed[b])
                    {
                        mixed[b] = true;
                        merged++;
                    }

                    if (count[b] == 0)
                    {
                        firstTime[b] = time;
                    }

                    sum[b] += samples.Value(i);
                    count[b]++;
                    previous = offset;
                }

                var output = new float[length];
                output.AsSpan().Fill(float.NaN);
                for (var b = first; b <= last; b++)
                {
                    if (count[b] > 0)
                    {
                        output[b] = (float)(sum[b] / count[b]);
                    }
                }

                // Gaps lie strictly between first and last, so both neighbours of a run hold values.
                var g = first + 1;
                while (g < last)
                {
                    if (count[g] > 0)
                    {
                        g++;
                        continue;
                    }

                    var end = g;
                    while (count[end + 1] == 0)
                    {
                        end++;
                    }

                    var run = end - g + 1;
                    if (run <= options.MaxFillSteps)
                    {
                        var before = output[g - 1];
                        var after = output[end + 1];
                        for (var k = 0; k < run; k++)
                        {
                            output[g + k] = before + ((after - before) * (k + 1) / (run + 1));
                        }

                        filledGaps++;
                        filledSteps += run;
                    }
                    else
                    {
                        gaps.Add(new TraceGap(s.Name, (Metric)m, start + ((long)g * step), run));
                    }

                    g = end + 1;
                }

                values[m][si] = output;
                s.Release((Metric)m);
            }
        }

        // A series without a sample in any metric (a header-only file, an empty column; warned when read) is absent.
        var kept = Enumerable.Range(0, raw.Series.Count).Where(si => Enumerable.Range(0, TraceSet.MetricCount).Any(m => values[m][si] is not null)).ToArray();
        if (kept.Length < raw.Series.Count)
        {
            for (var m = 0; m < TraceSet.MetricCount; m++)
            {
                values[m] = kept.Select(si => values[m][si]).ToArray();
            }
        }

        var set = new TraceSet(start, step, length, raw.AbsoluteTime, kept.Select(si => raw.Series[si].Name).ToList(), values);
        var report = new ImportReport
        {
            Format = format,
            Files = files,
            Samples = raw.Samples,
            Series = kept.Length,
            StepSeconds = step,
            StepDetected = detected,
            Length = length,
            DuplicateSamples = duplicates,
            MergedSteps = merged,
            FilledGaps = filledGaps,
            FilledSteps = filledSteps,
            LongGaps = gaps,
            MaxFillSteps = options.MaxFillSteps,
            Warnings = warnings,
        };
        return ReadResult<TraceImport>.Ok(new TraceImport(set, report), warnings);
    }

    /// <summary>The median of the positive intervals between consecutive samples (the first 2,000 of each series), or 0.</summary>
    internal static int DetectStep(RawTraces raw)
    {
        var deltas = new List<long>();
        foreach (var s in raw.Series)
        {
            var samples = s[Metric.Cpu] ?? Enumerable.Range(0, TraceSet.MetricCount).Select(m => s[(Metric)m]).FirstOrDefault(x => x is not null);
            if (samples is null)
            {
                continue;
            }

            for (var i = 1; i < Math.Min(samples.Count, 2000); i++)
            {
                var delta = (long)samples.Offset(i) - samples.Offset(i - 1);
                if (delta > 0)
                {
                    deltas.Add(delta);
                }
            }
        }

        if (deltas.Count == 0)
        {
            return 0;
        }

        deltas.Sort();
        return (int)Math.Min(int.MaxValue, deltas[deltas.Count / 2]);
    }

    private static long Bucket(long time, long start, int step) => (long)Math.Floor(((time - start) / (double)step) + 0.5);

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
