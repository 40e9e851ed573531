namespace Shuyaku.Core.Traces;

/// <summary>The quantities a utilisation series can carry, each in one fixed unit.</summary>
public enum Metric
{
    /// <summary>CPU busy, in percent of the workload's old server (or, for Bitbrains, of the VM's provisioned CPU).</summary>
    Cpu,
    /// <summary>Memory used, in mebibytes.</summary>
    Memory,
    /// <summary>Disk throughput, read plus write, in megabytes per second.</summary>
    Disk,
    /// <summary>Network throughput, received plus transmitted, in megabits per second.</summary>
    Network,
}

/// <summary>
/// Utilisation series of many workloads on one common time grid: <see cref="Length"/> steps of
/// <see cref="StepSeconds"/> from <see cref="Start"/>. Values are <see cref="float"/>s, one array per series and
/// metric; <see cref="float.NaN"/> marks a step without data (before a series starts, after it ends, or in a gap
/// too long to fill).
/// </summary>
public sealed class TraceSet
{
    /// <summary>How many metrics a series may carry.</summary>
    public const int MetricCount = 4;

    /// <summary>The metrics' names, in <see cref="Metric"/> order.</summary>
    public static readonly string[] MetricNames = ["cpu", "memory", "disk", "network"];

    /// <summary>The metrics' units, in <see cref="Metric"/> order.</summary>
    public static readonly string[] MetricUnits = ["% of old server", "MiB", "MB/s", "Mbps"];

    private readonly float[]?[][] _values;
    private readonly Dictionary<string, int> _index;

    internal TraceSet(long start, int stepSeconds, int length, bool absoluteTime, IReadOnlyList<string> names, float[]?[][] values)
    {
        Start = start;
        StepSeconds = stepSeconds;
        Length = length;
        AbsoluteTime = absoluteTime;
        Names = names;
        _values = values;
        _index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }
    }

    /// <summary>Seconds of the first step: Unix time when <see cref="AbsoluteTime"/>, else seconds from the trace's start.</summary>
    public long Start { get; }

    /// <summary>Seconds between two steps.</summary>
    public int StepSeconds { get; }

    /// <summary>Steps on the grid.</summary>
    public int Length { get; }

    /// <summary>True when the source gave clock times (Unix seconds); false for sources with only a sample order, such as PlanetLab.</summary>
    public bool AbsoluteTime { get; }

    /// <summary>Series names, in the order of the source (file order, then first appearance).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>How many series.</summary>
    public int Count => Names.Count;

    /// <summary>The index of the series with this name, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The values of series <paramref name="series"/> for <paramref name="metric"/>, or an empty span when that series lacks it.</summary>
    public ReadOnlySpan<float> Values(int series, Metric metric) => _values[(int)metric][series];

    /// <summary>Whether series <paramref name="series"/> carries <paramref name="metric"/>.</summary>
    public bool Has(int series, Metric metric) => _values[(int)metric][series] is not null;

    /// <summary>True when at least one series carries <paramref name="metric"/>.</summary>
    public bool Has(Metric metric) => _values[(int)metric].Any(v => v is not null);

    /// <summary>Bytes held by the value arrays (what grows with workloads × steps).</summary>
    public long ValueBytes
    {
        get
        {
            long bytes = 0;
            foreach (var metric in _values)
            {
                foreach (var v in metric)
                {
                    bytes += v is null ? 0 : (long)v.Length * sizeof(float);
                }
            }

            return bytes;
        }
    }

    /// <summary>Time of a step, in the units of <see cref="Start"/>.</summary>
    public long TimeOf(int step) => Start + ((long)step * StepSeconds);

    /// <summary>Builds a set from arrays already on the grid; every array must have <paramref name="length"/> values.</summary>
    public static TraceSet FromArrays(long start, int stepSeconds, int length, bool absoluteTime, IReadOnlyList<string> names, IReadOnlyDictionary<Metric, float[]?[]> values)
    {
        var all = new float[]?[MetricCount][];
        for (var m = 0; m < MetricCount; m++)
        {
            all[m] = values.TryGetValue((Metric)m, out var v) ? v : new float[]?[names.Count];
            if (all[m].Length != names.Count || all[m].Any(a => a is not null && a.Length != length))
            {
                throw new ArgumentException($"every {MetricNames[m]} array must be {length} long, one per name", nameof(values));
            }
        }

        return new TraceSet(start, stepSeconds, length, absoluteTime, names, all);
    }
}
