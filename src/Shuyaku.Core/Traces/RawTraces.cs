namespace Shuyaku.Traces;

/// <summary>Samples as read from a source, before they are put on a common grid.</summary>
internal sealed class RawTraces
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>True when the times read are Unix seconds, false when they only count seconds from the start.</summary>
    public bool AbsoluteTime { get; set; }

    public List<RawSeries> Series { get; } = [];

    /// <summary>Every sample read, over all series and metrics.</summary>
    public long Samples { get; private set; }

    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    public RawSeries GetOrAdd(string name, string source)
    {
        if (!_index.TryGetValue(name, out var i))
        {
            i = Series.Count;
            _index[name] = i;
            Series.Add(new RawSeries(name, source));
        }

        return Series[i];
    }

    public void Add(RawSeries series, Metric metric, long time, float value)
    {
        series.Add(metric, time, value);
        Samples++;
    }
}

/// <summary>One series' samples per metric, in the order read.</summary>
internal sealed class RawSeries(string name, string source)
{
    private readonly Samples?[] _metrics = new Samples?[TraceSet.MetricCount];

    public string Name { get; } = name;

    /// <summary>The file it came from first, for messages.</summary>
    public string Source { get; } = source;

    public Samples? this[Metric metric] => _metrics[(int)metric];

    public void Add(Metric metric, long time, float value) => (_metrics[(int)metric] ??= new Samples()).Add(time, value);
}

/// <summary>A growable list of (time, value) pairs kept as two arrays.</summary>
internal sealed class Samples
{
    private long[] _times = new long[64];
    private float[] _values = new float[64];

    public int Count { get; private set; }

    public Span<long> Times => _times.AsSpan(0, Count);

    public Span<float> Values => _values.AsSpan(0, Count);

    public void Add(long time, float value)
    {
        if (Count == _times.Length)
        {
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _times[Count] = time;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Sorts by time, keeping the read order of equal times.</summary>
    public void SortByTime()
    {
        var times = Times;
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] < times[i - 1])
            {
                var order = Enumerable.Range(0, Count).OrderBy(k => _times[k]).ThenBy(k => k).ToArray();
                var t = order.Select(k => _times[k]).ToArray();
                var v = order.Select(k => _values[k]).ToArray();
                t.CopyTo(_times, 0);
                v.CopyTo(_values, 0);
                return;
            }
        }
    }
}
