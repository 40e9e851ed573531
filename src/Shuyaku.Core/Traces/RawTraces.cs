namespace Shuyaku.Core.Traces;

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

    /// <summary>Drops the samples of <paramref name="metric"/> once they are on the grid, so memory is freed as the grid fills.</summary>
    public void Release(Metric metric) => _metrics[(int)metric] = null;

    public bool Add(Metric metric, long time, float value) => (_metrics[(int)metric] ??= new Samples(time)).Add(time, value);
}

/// <summary>
/// A growable list of (time, value) pairs: times as 32-bit offsets from the first sample's time, kept in chunks of
/// 1,024 so that a sample costs 8 bytes while the files are read and growing never copies or doubles.
/// </summary>
internal sealed class Samples(long origin)
{
    private const int ChunkBits = 10;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<int[]> _offsets = [];
    private readonly List<float[]> _values = [];

    public int Count { get; private set; }

    /// <summary>The time the offsets count from (the first sample's).</summary>
    public long Origin { get; } = origin;

    public long FirstTime => Origin + Offset(0);

    public long LastTime => Origin + Offset(Count - 1);

    public int Offset(int i) => _offsets[i >> ChunkBits][i & ChunkMask];

    public float Value(int i) => _values[i >> ChunkBits][i & ChunkMask];

    public bool Add(long time, float value)
    {
        var offset = time - Origin;
        if (offset is > int.MaxValue or < int.MinValue)
        {
            return false;
        }

        if ((Count & ChunkMask) == 0)
        {
            _offsets.Add(new int[ChunkSize]);
            _values.Add(new float[ChunkSize]);
        }

        _offsets[^1][Count & ChunkMask] = (int)offset;
        _values[^1][Count & ChunkMask] = value;
        Count++;
        return true;
    }

    /// <summary>Sorts by time, keeping the read order of equal times.</summary>
    public void SortByTime()
    {
        for (var i = 1; i < Count; i++)
        {
            if (Offset(i) < Offset(i - 1))
            {
                var order = Enumerable.Range(0, Count).OrderBy(Offset).ThenBy(k => k).ToArray();
                var t = order.Select(Offset).ToArray();
                var v = order.Select(Value).ToArray();
                for (var k = 0; k < Count; k++)
                {
                    _offsets[k >> ChunkBits][k & ChunkMask] = t[k];
                    _values[k >> ChunkBits][k & ChunkMask] = v[k];
                }

                return;
            }
        }
    }
}
