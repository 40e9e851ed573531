namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Every set of units that fills a host exactly in every dimension, listed once, for a perfect packing (every
/// dimension some unit needs is tight: a packing on the bound's hosts is an exact cover of the units by such sets). In
/// three or more dimensions such sets are rare, so all of them fit in memory and an exact cover over them
/// (<see cref="ExactCover"/>) is the packing. Units are taken largest first; the sets whose largest unit is x are
/// enumerated from x: depth first over the smaller units, each taken only where it fits the room left in every
/// dimension and only while the room left is still a sum the units not yet considered reach in every dimension (a bit
/// set per position and dimension), the last unit found by a hash look-up of the exact room left. Node-limited; when the
/// budget runs out part way, the sets found so far are kept (every set holding a unit enumerated in full is then in the
/// list; see <see cref="Result.Complete"/>).
/// </summary>
internal sealed class ExactSets
{
    private readonly int _d;
    private readonly long[] _cap;
    private readonly long[] _dem;
    private readonly int[] _order;
    private readonly int[] _offset;
    private readonly SearchBudget _budget;
    private readonly long _nodeLimit;
    private readonly long _nodesPerUnit;
    private readonly int _setLimit;
    private readonly List<int[]> _sets = [];
    private readonly HashSet<string> _seen = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly List<int> _pathB = [];
    private int[] _parent = [];
    private int[] _item = [];
    private int[] _sameKey = [];
    private int[] _halfA = [];
    private int[] _halfB = [];
    private bool[] _complete = [];
    private int _count;
    private int _opener;
    private long _unitNodes;
    private long _nodes;

    /// <summary>The sets found, and for each unit whether every set holding it is among them.</summary>
    internal sealed record Result(List<int[]> Sets, bool[] Complete, long Nodes);

    private ExactSets(long[] cap, long[] dem, double[] size, int[] offset, SearchBudget budget, long nodeLimit, long nodesPerUnit, int setLimit)
    {
        _d = cap.Length;
        _cap = cap;
        _dem = dem;
        _offset = offset;
        _budget = budget;
        _nodeLimit = nodeLimit;
        _nodesPerUnit = nodesPerUnit;
        _setLimit = setLimit;
        _order = [.. Enumerable.Range(0, dem.Length / _d).OrderByDescending(x => size[x]).ThenBy(x => x)];
    }

    /// <summary>
    /// The sets of units (each sorted) that fill a host exactly in every dimension, enumerated within
    /// <paramref name="nodeLimit"/> nodes and <paramref name="setLimit"/> sets; null when the demands or capacities are
    /// not whole and non-negative or a capacity is above 2^16.
    /// </summary>
    public static Result? Enumerate(Units u, SearchBudget budget, long nodeLimit, long nodesPerUnit, int setLimit)
    {
        static bool Whole(double v) => v >= 0 && Math.Abs(v - Math.Round(v)) < 1e-9 && v <= 1 << 16;
        var capacity = u.Problem.Capacity;
        if (!capacity.All(Whole) || !u.Demand.All(Whole) || capacity.Any(c => c < 0))
        {
            return null;
        }

        // A dimension no unit needs has nothing to fill: its room counts as zero.
        var d = u.Dimensions;
        var cap = Enumerable.Range(0, d).Select(k => Enumerable.Range(0, u.Count).Any(x => u.DemandOf(x, k) > 0) ? (long)Math.Round(capacity[k]) : 0).ToArray();
        // A demand vector packs exactly into one 64-bit key (each dimension in the bits its capacity needs).
        var offset = new int[d];
        var bits = 0;
        for (var k = 0; k < d; k++)
        {
            offset[k] = bits;
            bits += 64 - (int)ulong.LeadingZeroCount((ulong)cap[k]);
        }

        if (bits > 63)
        {
            return null;
        }

        var search = new ExactSets(cap, [.. u.Demand.Select(v => (long)Math.Round(v))], u.Size, offset, budget, nodeLimit, nodesPerUnit, setLimit);
        search.Run();
        return new Result(search._sets, search._complete, search._nodes);
    }

    /// <summary>Enumerates the sets holding each unit in size order, each within its own share of nodes.</summary>
    private void Run()
    {
        var n = _order.Length;
        _complete = new bool[n];
        var residual = new long[_d];
        for (var i = 0; i < n && _nodes < _nodeLimit && _sets.Count < _setLimit && _budget.TimeLeft; i++)
        {
            var x = _order[i];
            var fits = true;
            for (var k = 0; k < _d; k++)
            {
                residual[k] = _cap[k] - _dem[(x * _d) + k];
                fits &= residual[k] >= 0;
            }

            if (!fits)
            {
                _complete[x] = true;
                continue;
            }

            // The candidates: every other unit that fits beside x, largest first, dealt alternately into two halves.
            var candidates = _order.Where(y => y != x && Fits(y, residual)).ToArray();
            _halfA = [.. candidates.Where((_, m) => m % 2 == 0)];
            _halfB = [.. candidates.Where((_, m) => m % 2 == 1)];
            _unitNodes = Math.Min(_nodeLimit, _nodes + _nodesPerUnit);
            _opener = x;
            _complete[x] = Meet(residual);
        }
    }

    /// <summary>
    /// Meet in the middle: every subset of the first half that fits the room is indexed by its exact demand, then every
    /// subset of the second half that fits looks up the first-half subsets that make up the rest exactly. False when the
    /// unit's nodes ran out.
    /// </summary>
    private bool Meet(long[] room)
    {
        _count = 0;
        _index.Clear();
        var sum = new long[_d];
        AddNode(-1, -1, sum);
        if (!Index(0, 0, sum, room))
        {
            return false;
        }

        _pathB.Clear();
        return Probe(0, sum, room);
    }

    /// <summary>Indexes every subset of half A from position m on, extending node <paramref name="parent"/> (sum <paramref name="sum"/>).</summary>
    private bool Index(int parent, int m, long[] sum, long[] room)
    {
        for (var j = m; j < _halfA.Length; j++)
        {
            var y = _halfA[j];
            if (!FitsWith(y, sum, room))
            {
                continue;
            }

            if (++_nodes > _unitNodes)
            {
                return false;
            }

            Take(y, sum, 1);
            var node = AddNode(parent, y, sum);
            var ok = Index(node, j + 1, sum, room);
            Take(y, sum, -1);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every subset of half B from position m on: each looks up the half-A subsets that close the room exactly.</summary>
    private bool Probe(int m, long[] sum, long[] room)
    {
        if (((_nodes & 4095) == 0 && !_budget.TimeLeft) || _sets.Count >= _setLimit)
        {
            return false;
        }

        var need = 0L;
        for (var k = 0; k < _d; k++)
        {
            need |= (room[k] - sum[k]) << _offset[k];
        }

        if (_index.TryGetValue(need, out var node))
        {
            for (; node >= 0; node = _sameKey[node])
            {
                if (node == 0 && _pathB.Count == 0 && need != 0)
                {
                    continue;
                }

                var set = new List<int>(_pathB) { _opener };
                for (var a = node; a > 0; a = _parent[a])
                {
                    set.Add(_item[a]);
                }

                set.Sort();
                if (_seen.Add(string.Join(',', set)))
                {
                    _sets.Add([.. set]);
                }
            }
        }

        for (var j = m; j < _halfB.Length; j++)
        {
            var y = _halfB[j];
            if (!FitsWith(y, sum, room))
            {
                continue;
            }

            if (++_nodes > _unitNodes)
            {
                return false;
            }

            Take(y, sum, 1);
            _pathB.Add(y);
            var ok = Probe(j + 1, sum, room);
            _pathB.RemoveAt(_pathB.Count - 1);
            Take(y, sum, -1);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds a half-A node (its parent, its last unit, its demand as a key) and indexes it; returns its number.</summary>
    private int AddNode(int parent, int item, long[] sum)
    {
        if (_count == _parent.Length)
        {
            var size = Math.Max(1024, _count * 2);
            Array.Resize(ref _parent, size);
            Array.Resize(ref _item, size);
            Array.Resize(ref _sameKey, size);
        }

        var key = 0L;
        for (var k = 0; k < _d; k++)
        {
            key |= sum[k] << _offset[k];
        }

        var node = _count++;
        _parent[node] = parent;
        _item[node] = item;
        _sameKey[node] = _index.TryGetValue(key, out var first) ? first : -1;
        _index[key] = node;
        return node;
    }

    private bool FitsWith(int y, long[] sum, long[] room)
    {
        for (var k = 0; k < _d; k++)
        {
            if (sum[k] + _dem[(y * _d) + k] > room[k])
            {
                return false;
            }
        }

        return true;
    }

    private void Take(int y, long[] sum, int sign)
    {
        for (var k = 0; k < _d; k++)
        {
            sum[k] += sign * _dem[(y * _d) + k];
        }
    }

    private bool Fits(int x, long[] residual)
    {
        for (var k = 0; k < _d; k++)
        {
            if (_dem[(x * _d) + k] > residual[k])
            {
                return false;
            }
        }

        return true;
    }
}
