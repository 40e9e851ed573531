using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Traces;

namespace Shuyaku.Core.Sizing;

/// <summary>How each workload's CPU demand is turned into a number (or a series) to place.</summary>
public enum SizingMethod
{
    /// <summary>The policy's statistic (peak, p95 or avg) of each workload, as written in the estate.</summary>
    Statistic,
    /// <summary>Each workload's peak: the sum of peaks never overloads a host, and wastes the most.</summary>
    Peak,
    /// <summary>A percentile of each workload's demand times a comfort factor (the method of commercial assessment tools).</summary>
    Percentile,
    /// <summary>Time-aligned: a host is feasible when its workloads' summed demand fits at every step (or a share of steps).</summary>
    TimeSeries,
}

/// <summary>The sizing method and its parameters.</summary>
/// <param name="Method">How each workload's CPU demand becomes a number or a series.</param>
/// <param name="Percentile">For <see cref="SizingMethod.Percentile"/>: which percentile (the estate gives p95 only; other values need traces).</param>
/// <param name="ComfortFactor">For <see cref="SizingMethod.Percentile"/>: multiplier on the percentile.</param>
/// <param name="StepShare">For <see cref="SizingMethod.TimeSeries"/>: share of steps at which a host's demand must fit (1 = every step).</param>
public sealed record SizingOptions(SizingMethod Method = SizingMethod.Statistic, double Percentile = 95, double ComfortFactor = 1.3, double StepShare = 1.0)
{
    /// <summary>The policy's statistic, as the estate says.</summary>
    public static readonly SizingOptions Default = new();

    /// <summary>The method in a few words, as the plan report prints it, in the reader's language.</summary>
    public string Describe() => Method switch
    {
        SizingMethod.Peak => Texts.Get("sizing.method.peak"),
        SizingMethod.Percentile => string.Create(CultureInfo.InvariantCulture, $"p{Percentile:0.#} × {ComfortFactor:0.##}"),
        SizingMethod.TimeSeries => StepShare >= 1 ? Texts.Get("sizing.method.time-series") : Texts.Format("sizing.method.time-series-share", (StepShare * 100).ToString("0.#", CultureInfo.InvariantCulture)),
        _ => Texts.Get("sizing.method.statistic"),
    };
}

/// <summary>Utilisation series bound to workloads, for sizing from traces.</summary>
/// <param name="Traces">The series, resampled onto one grid.</param>
/// <param name="Binding">Which series each workload takes.</param>
/// <param name="CpuScale">How a CPU % becomes normalised GHz.</param>
/// <param name="Digest">Identifies the traces (file digest or path and size), recorded in the plan.</param>
public sealed record TraceSizing(TraceSet Traces, SeriesBinding Binding, CpuScale CpuScale, string Digest);

/// <summary>
/// Demand of every workload on a host model under a sizing method: a vector per workload and, for time-aligned
/// sizing, a CPU series per workload (normalised GHz per step, growth and VM overhead included) and a memory series per
/// workload that has one (MiB per step, growth and VM overhead included). Shared by the planner and the checker so both
/// size alike.
/// </summary>
public sealed class DemandModel
{
    private readonly Dictionary<string, int> _index;

    private DemandModel(IReadOnlyList<Workload> workloads, ResourceVector[] demand, float[]?[] cpuSeries, float[]?[] memorySeries, int length)
    {
        Demand = demand;
        CpuSeries = cpuSeries;
        MemorySeries = memorySeries;
        Length = length;
        _index = new Dictionary<string, int>(workloads.Count, StringComparer.Ordinal);
        for (var i = 0; i < workloads.Count; i++)
        {
            _index.TryAdd(workloads[i].Id, i);
        }
    }

    /// <summary>Per workload (in the estate's order): demand as one vector; for time series, CPU holds the series' peak and memory its memory series' peak (for ordering and reports; placement checks the series).</summary>
    public ResourceVector[] Demand { get; }

    /// <summary>Per workload: CPU demand per step for time-aligned sizing, else null.</summary>
    public float[]?[] CpuSeries { get; }

    /// <summary>
    /// Per workload: memory demand per step (MiB, growth and VM overhead included) for time-aligned sizing when its traces
    /// carry a memory series, else null (such a workload holds its constant memory figure at every step).
    /// </summary>
    public float[]?[] MemorySeries { get; }

    /// <summary>Whether some workload's memory is sized step by step from a memory series (time-aligned sizing only).</summary>
    public bool MemoryAligned => MemorySeries.Any(m => m is not null);

    /// <summary>Steps of the series (0 without time series).</summary>
    public int Length { get; }

    /// <summary>Whether CPU is sized step by step from series.</summary>
    public bool TimeAligned => Length > 0;

    /// <summary>Demand of the workload with this id.</summary>
    public ResourceVector Of(string workload) => Demand[_index[workload]];

    /// <summary>Time-aligned sizing: the summed CPU series of these workloads at each step.</summary>
    public double[] StepSums(IEnumerable<string> workloads)
    {
        var steps = new double[Length];
        foreach (var id in workloads)
        {
            var series = CpuSeries[_index[id]]!;
            for (var t = 0; t < steps.Length; t++)
            {
                steps[t] += series[t];
            }
        }

        return steps;
    }

    /// <summary>Time-aligned sizing: the summed memory of these workloads at each step (a workload without a memory series at its constant figure).</summary>
    public double[] MemoryStepSums(IEnumerable<string> workloads)
    {
        var steps = new double[Length];
        foreach (var id in workloads)
        {
            var i = _index[id];
            for (var t = 0; t < steps.Length; t++)
            {
                steps[t] += MemorySeries[i] is { } series ? series[t] : Demand[i].Memory;
            }
        }

        return steps;
    }

    /// <summary>Sizes every workload of the estate on <paramref name="model"/> under <paramref name="policy"/>.</summary>
    public static DemandModel Build(Estate estate, HostModel model, Policy policy, SizingOptions sizing, TraceSizing? traces, bool withGrowth)
    {
        var n = estate.Workloads.Count;
        var demand = new ResourceVector[n];
        var series = new float[]?[n];
        var memorySeries = new float[]?[n];
        var growth = withGrowth ? Sizer.GrowthFactor(policy) : 1.0;
        var overhead = policy.OverheadCpuGhz * model.PerfFactor;
        var timeAligned = sizing.Method == SizingMethod.TimeSeries && traces is not null;
        var length = timeAligned ? traces!.Traces.Length : 0;
        for (var i = 0; i < n; i++)
        {
            var w = estate.Workloads[i];
            var statistic = sizing.Method switch
            {
                SizingMethod.Peak => Statistic.Peak,
                SizingMethod.Percentile => Statistic.P95,
                _ => policy.Statistic,
            };
            var p = policy with { Statistic = statistic };
            var v = Sizer.WorkloadDemand(estate, w, model, p, withGrowth);
            if (sizing.Method == SizingMethod.Percentile)
            {
                v = v with
                {
                    Memory = ((v.Memory - policy.OverheadMemoryMib) * sizing.ComfortFactor) + policy.OverheadMemoryMib,
                    Network = v.Network * sizing.ComfortFactor,
                };
            }

            var cpuSeries = traces is not null && traces.Binding.SeriesOf.TryGetValue(w.Id, out var s) && traces.Traces.Has(s, Metric.Cpu)
                ? traces.Traces.Values(s, Metric.Cpu)
                : default;
            if (!cpuSeries.IsEmpty)
            {
                var scale = CpuScaling.Of(estate, w, cpuSeries, traces!.CpuScale) * growth;
                var cpu = sizing.Method switch
                {
                    SizingMethod.Peak => Quantile(cpuSeries, 100) * scale,
                    SizingMethod.Percentile => Quantile(cpuSeries, sizing.Percentile) * scale * sizing.ComfortFactor,
                    SizingMethod.TimeSeries => Quantile(cpuSeries, 100) * scale,
                    _ => Sizer.CpuNormalisedGhz(estate, w, policy.Statistic) * growth,
                };
                v = v with { Cpu = cpu + overhead };
                if (timeAligned)
                {
                    var row = new float[length];
                    for (var t = 0; t < length; t++)
                    {
                        var x = cpuSeries[t];
                        row[t] = float.IsNaN(x) ? 0f : (float)((x * scale) + overhead);
                    }

                    series[i] = row;
                }
            }
            else if (sizing.Method == SizingMethod.Percentile)
            {
                v = v with { Cpu = ((v.Cpu - overhead) * sizing.ComfortFactor) + overhead };
            }

            if (timeAligned && traces!.Binding.SeriesOf.TryGetValue(w.Id, out var ms) && traces.Traces.Has(ms, Metric.Memory)
                && PeakOf(traces.Traces.Values(ms, Metric.Memory)) is { } memoryPeak)
            {
                // Memory does not stretch: each step grown, plus the VM overhead, as the replay adds them; a host fits when
                // its summed memory fits at every step. The own peak is the constant figure, for ordering and reports; a
                // missing step counts at that peak.
                var memory = traces.Traces.Values(ms, Metric.Memory);
                var peak = (memoryPeak * growth) + policy.OverheadMemoryMib;
                var row = new float[length];
                for (var t = 0; t < length; t++)
                {
                    var x = memory[t];
                    row[t] = float.IsNaN(x) ? (float)peak : (float)((x * growth) + policy.OverheadMemoryMib);
                }

                v = v with { Memory = peak };
                memorySeries[i] = row;
            }

            if (timeAligned && series[i] is null)
            {
                // A workload without a series runs at its constant figure at every step.
                var row = new float[length];
                Array.Fill(row, (float)v.Cpu);
                series[i] = row;
            }

            demand[i] = v;
        }

        return new DemandModel(estate.Workloads, demand, series, memorySeries, length);
    }

    /// <summary>The highest value that is not NaN, or null when every step is missing.</summary>
    private static double? PeakOf(ReadOnlySpan<float> values)
    {
        double? peak = null;
        foreach (var v in values)
        {
            if (!float.IsNaN(v) && (peak is null || v > peak))
            {
                peak = v;
            }
        }

        return peak;
    }

    /// <summary>The <paramref name="percentile"/>-th percentile (nearest rank) of the values that are not NaN; 0 when none.</summary>
    public static double Quantile(ReadOnlySpan<float> values, double percentile)
    {
        var list = new List<float>(values.Length);
        foreach (var v in values)
        {
            if (!float.IsNaN(v))
            {
                list.Add(v);
            }
        }

        if (list.Count == 0)
        {
            return 0;
        }

        list.Sort();
        var rank = (int)Math.Ceiling(percentile / 100.0 * list.Count);
        return list[Math.Clamp(rank - 1, 0, list.Count - 1)];
    }
}
