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

    /// <summary>Adds a sample; false when its time is more than 68 years from the first sample of that series and metric.</summary>
    public bool Add(RawSeries series, Metric metric, long time, float value)
    {
        if (!series.Add(metric, time, value))
        {
            return false;
        }

        Samples++;
        return true;
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

    public bool Add(Metric metric, long time, float value) => (_metrics[(int)metric] ??= new Samples(time)).Add(time, value);
}

/// <summary>
/// A growable list of (time, value) pairs: times as 32-bit offsets from the first sample's time, so that a sample
/// costs 8 bytes while the file is read.
/// </summary>
internal sealed class Samples(long origin)
{
    private int[] _offsets = new int[64];
    private float[] _values = new float[64];

    public int Count { get; private set; }

    /// <summary>The time the offsets count from (the first sample's).</summary>
    public long Origin { get; } = origin;

    public Span<int> Offsets => _offsets.AsSpan(0, Count);

    public Span<float> Values => _values.AsSpan(0, Count);

    public long FirstTime => Origin + _offsets[0];

    public long LastTime => Origin + _offsets[Count - 1];

    public bool Add(long time, float value)
    {
        var offset = time - Origin;
        if (offset is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        if (Count == _offsets.Length)
        {
            Array.Resize(ref _offsets, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }

        _offsets[Count] = (int)offset;
        _values[Count] = value;
        Count++;
        return true;
    }

    /// <summary>Sorts by time, keeping the read order of equal times.</summary>
    public void SortByTime()
    {
        var offsets = Offsets;
        for (var i = 1; i < offsets.Length; i++)
        {
            if (offsets[i] < offsets[i - 1])
            {
                var order = Enumerable.Range(0, Count).OrderBy(k => _offsets[k]).ThenBy(k => k).ToArray();
                var t = order.Select(k => _offsets[k]).ToArray();
                var v = order.Select(k => _values[k]).ToArray();
                t.CopyTo(_offsets, 0);
                v.CopyTo(_values, 0);
                return;
            }
        }
    }
}
