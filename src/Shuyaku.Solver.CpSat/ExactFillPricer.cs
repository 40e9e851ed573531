namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Exact-fill pricing: the most valuable sets of groups that fill a host exactly in the exact dimensions (the sum of their
/// whole-number demands equals the capacity there) and within capacity in the others, with no two groups kept apart.
/// A depth-first branch and bound over the groups, largest summed size first (groups worth nothing or less take part: one
/// may be needed to close a host), pruned by valid tests: the room left in each exact dimension must be a sum that some
/// subset of the groups not yet considered reaches (a table of reachable sums per position and exact dimension, as bit
/// sets, and one over the two exact dimensions of smallest capacity jointly when it fits in 2^22 words), and the value
/// so far plus the smaller of the positive values left and the fractional knapsack of every positive group over the
/// summed room must beat the best value found (or one host). Complete within its nodes, so the
/// value found is then the maximum over exact-fill patterns.
/// </summary>
internal sealed class ExactFillPricer
{
    private const double Eps = 1e-9;

    /// <summary>Words (64 bits) the tables of reachable sums may take at most; larger problems are not priced this way.</summary>
    public const long MaxTableWords = 1 << 22;

    /// <summary>Words the joint table over two exact dimensions may take at most; without it, each dimension is tested alone.</summary>
    public const long MaxJointWords = 1 << 22;

    private readonly int _d;
    private readonly long[] _demand;
    private readonly long[] _capacity;
    private readonly double[] _value;
    private readonly int[] _exact;
    private readonly bool[] _notExact;
    private readonly int[] _order;
    private readonly int[] _dense;
    private readonly double[] _valueAfter;
    private readonly double[] _sizeBefore;
    private readonly double[] _valueBefore;
    private readonly double[] _size;
    private readonly ulong[][][] _reach;
    private readonly ulong[][]? _joint;
    private readonly int _jointA;
    private readonly int _jointB;
    private readonly int _jointWords;
    private readonly int _maxNew;
    private readonly Func<bool>? _stop;
    private readonly HashSet<(int, int)> _apart;
    private readonly long[] _room;
    private readonly int[] _chosen;
    private readonly int _nodeLimit;
    private int _count;

    /// <summary>
    /// Groups 0..m−1 with whole demands <paramref name="demand"/> (group g, dimension k at g·d + k), host capacity
    /// <paramref name="capacity"/>, values <paramref name="value"/>; groups with <paramref name="skip"/> set take no part.
    /// </summary>
    public ExactFillPricer(
        long[] demand, long[] capacity, double[] value, bool[] skip, int[] exactDimensions, IEnumerable<(int, int)> apart, int nodeLimit, int maxNew = Pricing.MaxNew, Func<bool>? stop = null)
    {
        _maxNew = maxNew;
        _stop = stop;
        _d = capacity.Length;
        _demand = demand;
        _capacity = capacity;
        _value = value;
        _exact = exactDimensions;
        _notExact = Enumerable.Range(0, _d).Select(k => !exactDimensions.Contains(k)).ToArray();
        _nodeLimit = nodeLimit;
        _apart = [.. apart];
        var m = value.Length;
        _size = new double[m];
        for (var g = 0; g < m; g++)
        {
            for (var k = 0; k < _d; k++)
            {
                _size[g] += (double)demand[(g * _d) + k] / capacity[k];
            }
        }

        // Largest first, as bin completion does: the large groups decide whether a host closes, the small ones close it.
        var live = Enumerable.Range(0, m).Where(g => !skip[g]).ToArray();
        _order = [.. live.OrderByDescending(g => _size[g]).ThenBy(g => g)];
        _valueAfter = new double[_order.Length + 1];
        for (var i = _order.Length - 1; i >= 0; i--)
        {
            _valueAfter[i] = _valueAfter[i + 1] + Math.Max(0, value[_order[i]]);
        }

        // The positive groups by value per size, for the fractional knapsack over all of them (a superset of those left).
        _dense = [.. live.Where(g => value[g] > Eps).OrderByDescending(g => value[g] / Math.Max(_size[g], Eps)).ThenBy(g => g)];
        _sizeBefore = new double[_dense.Length + 1];
        _valueBefore = new double[_dense.Length + 1];
        for (var i = 0; i < _dense.Length; i++)
        {
            _sizeBefore[i + 1] = _sizeBefore[i] + _size[_dense[i]];
            _valueBefore[i + 1] = _valueBefore[i] + value[_dense[i]];
        }

        _reach = Reachable();
        var pair = exactDimensions.OrderBy(k => capacity[k]).ThenBy(k => k).Take(2).ToArray();
        if (pair.Length == 2 && ((capacity[pair[0]] / 64) + 1) * (capacity[pair[1]] + 1) * (_order.Length + 1L) <= MaxJointWords)
        {
            (_jointA, _jointB) = (pair[0], pair[1]);
            _jointWords = (int)(capacity[_jointA] / 64) + 1;
            _joint = Joint();
        }

        _room = [.. capacity];
        _chosen = new int[_order.Length];
    }

    /// <summary>Whether the tables of reachable sums for these capacities and this many groups fit the limit.</summary>
    public static bool Fits(long[] capacity, int[] exactDimensions, int groups) =>
        exactDimensions.Length > 0 && exactDimensions.Sum(k => ((capacity[k] / 64) + 1) * (groups + 1L)) <= MaxTableWords;

    /// <summary>The best value of an exact-fill pattern found (0 when none).</summary>
    public double BestValue { get; private set; }

    public int Nodes { get; private set; }

    /// <summary>Whether the search completed within its nodes, so <see cref="BestValue"/> is the maximum.</summary>
    public bool Proven => Nodes < _nodeLimit;

    /// <summary>Up to <see cref="Pricing.MaxNew"/> exact-fill patterns worth more than one host, as group indices.</summary>
    public List<(int[] Groups, double Value)> Found { get; } = [];

    public void Run()
    {
        if (Reaches(0))
        {
            Visit(0, 0, _d);
        }
    }

    /// <summary>Bit sets of the sums each suffix of the order reaches, per exact dimension, up to the capacity.</summary>
    private ulong[][][] Reachable()
    {
        var tables = new ulong[_exact.Length][][];
        for (var e = 0; e < _exact.Length; e++)
        {
            var k = _exact[e];
            var words = (int)(_capacity[k] / 64) + 1;
            var table = new ulong[_order.Length + 1][];
            table[_order.Length] = new ulong[words];
            table[_order.Length][0] = 1;
            for (var i = _order.Length - 1; i >= 0; i--)
            {
                var next = table[i + 1];
                var row = (ulong[])next.Clone();
                var w = _demand[(_order[i] * _d) + k];
                if (w <= _capacity[k])
                {
                    OrShifted(row, next, (int)w, _capacity[k]);
                }

                table[i] = row;
            }

            tables[e] = table;
        }

        return tables;
    }

    /// <summary>
    /// The sums each suffix of the order reaches in two exact dimensions jointly: per position, one bit set over the first
    /// dimension's sums for each sum of the second (row-major).
    /// </summary>
    private ulong[][] Joint()
    {
        var rows = (int)_capacity[_jointB] + 1;
        var table = new ulong[_order.Length + 1][];
        table[_order.Length] = new ulong[rows * _jointWords];
        table[_order.Length][0] = 1;
        for (var i = _order.Length - 1; i >= 0; i--)
        {
            var next = table[i + 1];
            var row = (ulong[])next.Clone();
            var g = _order[i];
            var wa = _demand[(g * _d) + _jointA];
            var wb = (int)_demand[(g * _d) + _jointB];
            if (wa <= _capacity[_jointA] && wb < rows)
            {
                for (var r = rows - 1; r >= wb; r--)
                {
                    OrShifted(row.AsSpan(r * _jointWords, _jointWords), next.AsSpan((r - wb) * _jointWords, _jointWords), (int)wa, _capacity[_jointA]);
                }
            }

            table[i] = row;
        }

        return table;
    }

    /// <summary>row |= source shifted up by <paramref name="shift"/> bits, cut at <paramref name="limit"/>.</summary>
    private static void OrShifted(Span<ulong> row, ReadOnlySpan<ulong> source, int shift, long limit)
    {
        var words = row.Length;
        var wordShift = shift / 64;
        var bitShift = shift % 64;
        for (var i = words - 1; i >= wordShift; i--)
        {
            var s = i - wordShift;
            var v = source[s] << bitShift;
            if (bitShift != 0 && s > 0)
            {
                v |= source[s - 1] >> (64 - bitShift);
            }

            row[i] |= v;
        }

        var top = (int)(limit % 64);
        if (top < 63)
        {
            row[words - 1] &= (1UL << (top + 1)) - 1;
        }
    }

    /// <summary>Whether the groups from position <paramref name="i"/> on can close every exact dimension's room.</summary>
    private bool Reaches(int i)
    {
        for (var e = 0; e < _exact.Length; e++)
        {
            var r = _room[_exact[e]];
            if ((_reach[e][i][r >> 6] & (1UL << (int)(r & 63))) == 0)
            {
                return false;
            }
        }

        if (_joint is not null)
        {
            var bit = (_room[_jointB] * _jointWords * 64) + _room[_jointA];
            var cell = (_room[_jointB] * _jointWords) + (_room[_jointA] >> 6);
            return (_joint[i][cell] & (1UL << (int)(bit & 63))) != 0;
        }

        return true;
    }

    private bool Closed()
    {
        foreach (var k in _exact)
        {
            if (_room[k] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private double Threshold => Math.Max(Math.Max(BestValue, 1), Found.Count >= _maxNew ? Found.Min(f => f.Value) : 1);

    private void Visit(int at, double value, double room)
    {
        if (++Nodes >= _nodeLimit)
        {
            return;
        }

        // The wall-time cap only guards the node budget: when it passes, the search ends unproven.
        if ((Nodes & 1023) == 0 && _stop is not null && _stop())
        {
            Nodes = _nodeLimit;
            return;
        }

        if (Closed())
        {
            Record(value);
        }

        for (var i = at; i < _order.Length; i++)
        {
            if (Nodes >= _nodeLimit || value + Bound(i, room) <= Threshold + Eps)
            {
                return;
            }

            var g = _order[i];
            if (!FitsRoom(g) || Conflicts(g))
            {
                continue;
            }

            Take(g, -1);
            if (Reaches(i + 1))
            {
                _chosen[_count++] = g;
                Visit(i + 1, value + _value[g], room - _size[g]);
                _count--;
            }

            Take(g, 1);
        }
    }

    private void Record(double value)
    {
        if (value > BestValue)
        {
            BestValue = value;
        }

        if (value <= 1 + Eps)
        {
            return;
        }

        if (Found.Count >= _maxNew)
        {
            var worst = Found.FindIndex(f => f.Value == Found.Min(h => h.Value));
            if (Found[worst].Value >= value)
            {
                return;
            }

            Found.RemoveAt(worst);
        }

        Found.Add(([.. _chosen.AsSpan(0, _count).ToArray().Order()], value));
    }

    private bool FitsRoom(int g)
    {
        var at = g * _d;
        for (var k = 0; k < _d; k++)
        {
            if (_demand[at + k] > _room[k])
            {
                return false;
            }
        }

        return true;
    }

    private bool Conflicts(int g)
    {
        if (_apart.Count == 0)
        {
            return false;
        }

        for (var c = 0; c < _count; c++)
        {
            var h = _chosen[c];
            if (_apart.Contains((Math.Min(g, h), Math.Max(g, h))))
            {
                return true;
            }
        }

        return false;
    }

    private void Take(int g, int sign)
    {
        var at = g * _d;
        for (var k = 0; k < _d; k++)
        {
            _room[k] += sign * _demand[at + k];
        }
    }

    /// <summary>
    /// A valid upper bound on what the groups from position i on add: the smaller of their positive values' sum and the
    /// fractional knapsack of every positive group over the summed room.
    /// </summary>
    private double Bound(int i, double room)
    {
        var limit = room;
        var lo = Pricing.LastPrefixWithin(_sizeBefore, 0, _dense.Length, limit + Eps);

        var value = _valueBefore[lo];
        if (lo < _dense.Length)
        {
            var g = _dense[lo];
            value += _value[g] * Math.Max(0, limit - _sizeBefore[lo]) / Math.Max(_size[g], Eps);
        }

        return Math.Min(value, _valueAfter[i]);
    }
}
