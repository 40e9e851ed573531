namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Exact pricing of a multi-dimensional 0/1 knapsack: the most valuable sets of units (items, or groups of items a node of
/// branch and price keeps together) that fit one host in every dimension, with no two units kept apart. A depth-first
/// branch and bound over the units by value per summed size, pruned by the fractional knapsack of the units not yet
/// considered over the summed room (prefix sums). Units of identical demand vectors (and in no pair kept apart) form a
/// class taken by count: a unit is taken only after every unit of its class worth more (exchanging the two never lowers a
/// pattern's value, so the maximum is kept). Every part of the search it leaves unexplored (on reaching its node limit,
/// or on settling, below) counts with its bound (value so far plus the fractional knapsack of what it could still add)
/// in <see cref="UpperBound"/>, so that stays an upper bound on every pattern's value. Once it holds a pattern worth more
/// than one host and has spent <c>enough</c> nodes it settles: it leaves every part whose bound is at most
/// <c>useful</c> (the value at or below which the caller's lower bound would rise enough; infinite by default).
/// </summary>
internal sealed class KnapsackPricer
{
    private const double Eps = 1e-9;

    /// <summary>
    /// Nodes after which a search that has found a pattern worth more than one host stops, with a proven upper bound: column
    /// generation needs a column that prices out, and the proof of the maximum only near its end.
    /// </summary>
    public const int EnoughNodes = 10_000;

    private readonly int _d;
    private readonly int _m;
    private readonly double[] _demand;
    private readonly double[] _value;
    private readonly double[] _size;
    private readonly int[] _unit;
    private readonly int[] _twinBefore;
    private readonly double[] _sizeBefore;
    private readonly double[] _valueBefore;
    private readonly bool[][]? _apart;
    private readonly double[] _free;
    private readonly bool[] _taken;
    private readonly int[] _chosen;
    private readonly int _nodeLimit;
    private readonly int _maxNew;
    private readonly int _enough;
    private readonly double _useful;
    private double _open;
    private readonly List<(int[] Units, double Value)> _found = [];
    private double _foundMin = double.PositiveInfinity;
    private int _count;

    /// <summary>
    /// Units 0..n−1 with demands <paramref name="demand"/> (unit u, dimension k at u·d + k, a host holding 1 in each) and
    /// values <paramref name="value"/>; only the <paramref name="candidates"/> worth more than zero take part, and no two
    /// units of a pair in <paramref name="apart"/> go together.
    /// </summary>
    public KnapsackPricer(
        int dimensions, double[] demand, double[] value, IEnumerable<int> candidates, IReadOnlyCollection<(int, int)> apart, int nodeLimit, int enough, int maxNew = Pricing.MaxNew, double useful = double.PositiveInfinity)
    {
        _useful = useful;
        _d = dimensions;
        _nodeLimit = nodeLimit;
        _enough = enough;
        _maxNew = maxNew;
        var sizeOf = (int u) =>
        {
            var s = 0.0;
            for (var k = 0; k < dimensions; k++)
            {
                s += demand[(u * dimensions) + k];
            }

            return s;
        };

        // By value per summed size, ties by index: the order of the branching and of the prefix-sum bound.
        _unit = [.. candidates.Where(u => value[u] > 1e-12).OrderByDescending(u => value[u] / Math.Max(sizeOf(u), Eps)).ThenBy(u => u)];
        _m = _unit.Length;
        _demand = new double[_m * _d];
        _value = new double[_m];
        _size = new double[_m];
        var position = new Dictionary<int, int>();
        for (var i = 0; i < _m; i++)
        {
            var u = _unit[i];
            position[u] = i;
            Array.Copy(demand, u * _d, _demand, i * _d, _d);
            _value[i] = value[u];
            _size[i] = sizeOf(u);
        }

        if (apart.Count > 0)
        {
            _apart = new bool[_m][];
            foreach (var (a, b) in apart)
            {
                if (position.TryGetValue(a, out var pa) && position.TryGetValue(b, out var pb))
                {
                    (_apart[pa] ??= new bool[_m])[pb] = true;
                    (_apart[pb] ??= new bool[_m])[pa] = true;
                }
            }
        }

        // Identical demand vectors: within a class the order is by value, so the unit worth more comes first.
        _twinBefore = new int[_m];
        var last = new Dictionary<DemandKey, int>();
        for (var i = 0; i < _m; i++)
        {
            _twinBefore[i] = -1;
            if (_apart?[i] is not null)
            {
                continue;
            }

            var key = new DemandKey(_demand, i * _d, _d);
            if (last.TryGetValue(key, out var before))
            {
                _twinBefore[i] = before;
            }

            last[key] = i;
        }

        _sizeBefore = new double[_m + 1];
        _valueBefore = new double[_m + 1];
        for (var i = 0; i < _m; i++)
        {
            _sizeBefore[i + 1] = _sizeBefore[i] + _size[i];
            _valueBefore[i + 1] = _valueBefore[i] + _value[i];
        }

        _free = Enumerable.Repeat(1.0, _d).ToArray();
        _taken = new bool[_m];
        _chosen = new int[_m];
    }

    /// <summary>The best pattern value found (0 when none); the maximum when <see cref="Proven"/> and above one.</summary>
    public double BestValue { get; private set; }

    /// <summary>Nodes visited.</summary>
    public int Nodes { get; private set; }

    /// <summary>
    /// Whether the search ended within its node limit or holds a pattern worth more than one host: then no pattern is worth
    /// more than <see cref="UpperBound"/> (or more than one host when that is at most one), and the caller needs no other pricing.
    /// </summary>
    public bool Proven => Nodes < _nodeLimit || _found.Count > 0;

    /// <summary>
    /// The best value found, or, when the search stopped early, the largest bound of a part it left unexplored if that is
    /// larger: when <see cref="Proven"/>, no pattern is worth more (or, when this is at most one, more than one host).
    /// </summary>
    public double UpperBound => Math.Max(BestValue, _open);

    /// <summary>
    /// Whether the search has spent <c>enough</c> nodes and holds a pattern worth more than one host: from then on it only
    /// explores parts whose bound exceeds <c>useful</c>.
    /// </summary>
    private bool Settled => _found.Count > 0 && Nodes >= _enough;

    /// <summary>Records the bound of a part left unexplored.</summary>
    private void Open(double bound) => _open = Math.Max(_open, bound);

    /// <summary>Up to the given number of patterns worth more than one host, as sorted unit indices.</summary>
    public IReadOnlyList<(int[] Units, double Value)> Found => _found;

    /// <summary>Searches from the empty host.</summary>
    public void Run() => Visit(0, 0, _d);

    private double Target => Math.Max(Math.Max(BestValue, 1), _found.Count >= _maxNew ? _foundMin : 1);

    private void Visit(int at, double value, double room)
    {
        ++Nodes;
        if (value > 1 + Eps)
        {
            Record(value);
        }

        for (var i = at; i < _m; i++)
        {
            var bound = value + Prefix(i, room);
            if (bound <= Target + Eps)
            {
                return;
            }

            // Later siblings are bounded by this bound too (the prefix bound only falls along the order).
            if (Nodes >= _nodeLimit || (Settled && bound <= _useful))
            {
                Open(bound);
                return;
            }

            if (!Fits(i) || (_twinBefore[i] >= 0 && !_taken[_twinBefore[i]]) || Conflicts(i))
            {
                continue;
            }

            Take(i, -1);
            _taken[i] = true;
            _chosen[_count++] = i;
            Visit(i + 1, value + _value[i], room - _size[i]);
            _count--;
            _taken[i] = false;
            Take(i, 1);
        }
    }

    private void Record(double value)
    {
        if (value > BestValue)
        {
            BestValue = value;
        }

        if (_found.Count >= _maxNew)
        {
            if (value <= _foundMin)
            {
                return;
            }

            _found.RemoveAt(_found.FindIndex(f => f.Value == _foundMin));
        }

        var units = new int[_count];
        for (var c = 0; c < _count; c++)
        {
            units[c] = _unit[_chosen[c]];
        }

        Array.Sort(units);
        _found.Add((units, value));
        _foundMin = _found.Min(f => f.Value);
    }

    /// <summary>The fractional knapsack over the units from position i on with the summed room as capacity.</summary>
    private double Prefix(int i, double room)
    {
        var limit = _sizeBefore[i] + room;
        var lo = Pricing.LastPrefixWithin(_sizeBefore, i, _m, limit + Eps);
        var bound = _valueBefore[lo] - _valueBefore[i];
        if (lo < _m)
        {
            bound += _value[lo] * Math.Max(0, limit - _sizeBefore[lo]) / Math.Max(_size[lo], Eps);
        }

        return bound;
    }

    private bool Fits(int i)
    {
        var at = i * _d;
        for (var k = 0; k < _d; k++)
        {
            if (_demand[at + k] > _free[k] + Eps)
            {
                return false;
            }
        }

        return true;
    }

    private bool Conflicts(int i)
    {
        if (_apart?[i] is not { } row)
        {
            return false;
        }

        for (var c = 0; c < _count; c++)
        {
            if (row[_chosen[c]])
            {
                return true;
            }
        }

        return false;
    }

    private void Take(int i, int sign)
    {
        var at = i * _d;
        for (var k = 0; k < _d; k++)
        {
            _free[k] += sign * _demand[at + k];
        }
    }

    /// <summary>A demand vector as a key, compared exactly.</summary>
    private readonly struct DemandKey(double[] demand, int at, int d) : IEquatable<DemandKey>
    {
        private readonly double[] _demand = demand;
        private readonly int _at = at;
        private readonly int _d = d;

        public bool Equals(DemandKey other) => _demand.AsSpan(_at, _d).SequenceEqual(other._demand.AsSpan(other._at, other._d));

        public override bool Equals(object? obj) => obj is DemandKey other && Equals(other);

        public override int GetHashCode()
        {
            var h = default(HashCode);
            foreach (var a in _demand.AsSpan(_at, _d))
            {
                h.Add(a);
            }

            return h.ToHashCode();
        }
    }
}
