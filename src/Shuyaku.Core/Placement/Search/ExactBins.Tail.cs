namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// The tail search: a depth-first partition of every unit into hosts each filled exactly in every tight dimension, for
/// problems where every dimension a unit needs is tight (a perfect packing). The unit to place next is the largest,
/// weighed up by the dead ends it has caused on earlier runs (when its listing runs out of steps before it finds a set,
/// the next units by priority open the host instead, and it waits until fewer units are left); its completions among the
/// units left are listed by the table walk, those of the fewest units first (a set of few units that closes a host in every tight dimension is far
/// less often a coincidence than one of many: the subsets of k units grow like n^k), and each is tried in turn after a
/// forward check over the rest; the units left, once they fill one host exactly, close it. Restarted with more nodes
/// each time.
/// </summary>
internal sealed partial class ExactBins
{
    /// <summary>Completions listed per host of the tail search.</summary>
    private const int TailSets = 64;

    /// <summary>Nodes of the first run of the tail search; each restart has half as many again.</summary>
    private const long TailRestartNodes = 2_000_000;

    /// <summary>Walk steps one listing of the tail search may take, over all its sizes.</summary>
    private const int TailSteps = 200_000;

    /// <summary>Units that may open a host in turn when the listings of those before them run out of steps with no set.</summary>
    private const int TailOpenerTries = 10;

    /// <summary>
    /// A unit whose listing ran out of steps with no set opens a host again only once the units left are at most this
    /// share of those left then (before, the units after it by priority open the host, up to the last try).
    /// </summary>
    private const double CutRetry = 0.8;

    /// <summary>Per unit, the fewest units left at which its listing ran out of steps with no set (kept over restarts).</summary>
    private int[]? _cutAt;

    /// <summary>Weight of a dead end in a unit's priority (its size times one plus this per dead end).</summary>
    private const double FailWeight = 1;

    /// <summary>Where the walk lists the completions it closes instead of taking the first (the tail search), or null.</summary>
    private List<int[]>? _collect;

    private int _collectCap;

    /// <summary>Units a host may hold in the current walk (the tail search lists hosts of fewer units first).</summary>
    private int _maxUnits = int.MaxValue;

    /// <summary>Steps the current walk may take.</summary>
    private int _stepLimit = CompletionSteps;

    /// <summary>The node count at which the current run of the tail search stops.</summary>
    private long _tailStop;

    /// <summary>Share of the time left the tail search may take (the exact fill's hosts follow it).</summary>
    private const double TailTimeShare = 0.5;

    /// <summary>When (on the budget's clock) the tail search stops.</summary>
    private TimeSpan _tailUntil;

    /// <summary>Dead ends each unit has caused in the tail search (no completion, or stranded by the forward check).</summary>
    private int[]? _fails;

    /// <summary>
    /// Restarted tail searches over every unit (the first <see cref="TailRestartNodes"/> nodes, each restart half as many
    /// again) until one packs them all, <paramref name="nodeLimit"/> nodes are spent or <see cref="TailTimeShare"/> of the
    /// time left has passed.
    /// </summary>
    private List<int[]>? SolveByTail(long nodeLimit)
    {
        var all = Enumerable.Range(0, _n).ToList();
        _fails = new int[_n];
        var restart = TailRestartNodes;
        _tailUntil = _budget.Elapsed + ((_budget.TimeLimit - _budget.Elapsed) * TailTimeShare);
        while (_nodes < nodeLimit && _budget.TimeLeft && _budget.Elapsed < _tailUntil)
        {
            _tailStop = Math.Min(nodeLimit, _nodes + restart);
            if (_cutAt is null)
            {
                _cutAt = new int[_n];
                Array.Fill(_cutAt, int.MaxValue / 2);
            }

            var bins = new List<int[]>();
            if (TailSearch(all, bins))
            {
                return bins;
            }

            restart = restart * 3 / 2;
        }

        return null;
    }

    private bool TailOver => _nodes >= _tailStop || !_budget.TimeLeft || _budget.Elapsed >= _tailUntil;

    private double Priority(int x) => _size[x] * (1 + (FailWeight * _fails![x]));

    private bool TailSearch(List<int> left, List<int[]> bins)
    {
        if (left.Count == 0)
        {
            return true;
        }

        if (OneHost(left) is { } last)
        {
            if (last)
            {
                bins.Add([.. left.Order()]);
            }

            return last;
        }

        if (TailOver)
        {
            return false;
        }

        // The unit of highest priority opens the host; when its listing runs out of steps before it finds a set (one may
        // still exist), the next ones by priority open it instead, up to TailOpenerTries. A listing that ends with none is a
        // dead end.
        var sets = new List<int[]>();
        var tries = 0;
        foreach (var opener in left.OrderByDescending(Priority).ThenBy(x => x))
        {
            if (left.Count > _cutAt![opener] * CutRetry && tries + 1 < TailOpenerTries)
            {
                // Its listing ran out of steps with this many units left or few more: try it again only with fewer left.
                continue;
            }

            sets = Completions(opener, left, out var cut);
            if (sets.Count > 0)
            {
                break;
            }

            if (cut)
            {
                _cutAt[opener] = Math.Min(_cutAt[opener], left.Count);
            }

            if (!cut || ++tries >= TailOpenerTries || TailOver)
            {
                _fails![opener]++;
                return false;
            }
        }

        _rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sets));
        var inSet = new bool[_n];
        foreach (var set in sets.OrderBy(set => set.Length))
        {
            foreach (var x in set)
            {
                inSet[x] = true;
            }

            var rest = left.Where(x => !inSet[x]).ToList();
            foreach (var x in set)
            {
                inSet[x] = false;
            }

            if (!RestOk(rest))
            {
                continue;
            }

            bins.Add(set);
            if (TailSearch(rest, bins))
            {
                return true;
            }

            bins.RemoveAt(bins.Count - 1);
            if (TailOver)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="left"/> is one host: true when it fills every tight dimension exactly and fits the others,
    /// false when it fills the tight ones but overflows another, null when it is more than one host.
    /// </summary>
    private bool? OneHost(List<int> left)
    {
        var fits = true;
        for (var k = 0; k < _d; k++)
        {
            long sum = 0;
            foreach (var x in left)
            {
                sum += _dem[(x * _d) + k];
            }

            if (_tight[k] && sum != _cap[k])
            {
                return null;
            }

            fits &= sum <= _cap[k];
        }

        return fits;
    }

    /// <summary>Every completion of <paramref name="opener"/> among <paramref name="left"/> the walk finds, up to <see cref="TailSets"/>.</summary>
    private List<int[]> Completions(int opener, List<int> left, out bool cut)
    {
        cut = false;
        var residual = new long[_d];
        var candidates = Prepare(opener, left, residual);
        BuildCounted(candidates);
        var found = new List<int[]>();
        if (!Reaches(0, residual))
        {
            return found;
        }

        // Hosts of fewer units first: one walk per cap on the units (sets of fewer units, found before, dropped), up to
        // the first cap with a set; one budget of steps for all; past the caps the counted tables follow, one walk without.
        _collect = found;
        _collectCap = TailSets;
        _stepLimit = TailSteps;
        try
        {
            var steps = 0;
            for (var k = 1; found.Count == 0 && steps <= TailSteps; k++)
            {
                _maxUnits = k > CountedUnits ? int.MaxValue : k;
                Walk(0, residual, candidates, [opener], ref steps);
                if (_maxUnits == int.MaxValue)
                {
                    break;
                }
            }

            cut = steps > TailSteps;
        }
        finally
        {
            _collect = null;
            _stepLimit = CompletionSteps;
            _maxUnits = int.MaxValue;
        }

        return found;
    }

    /// <summary>
    /// Forward check of the tail search: every unit of <paramref name="rest"/> must have room, in dimensions a and b and
    /// in a and the hash of the others, that is a sum the units of the rest reach (the unit itself included, so the check
    /// only rejects what surely strands a unit).
    /// </summary>
    private bool RestOk(List<int> rest)
    {
        if (rest.Count == 0)
        {
            return true;
        }

        var rows = (int)_cap[_a] + 1;
        var w = _words;
        var t = ReachTable(rest);
        var hw = _hashWords;
        var hashNeed = rows * hw;
        if (hw > 0)
        {
            if (_reachHash.Length < hashNeed)
            {
                _reachHash = new ulong[hashNeed];
            }

            var th = _reachHash.AsSpan(0, hashNeed);
            th.Clear();
            th[0] = 1;
            foreach (var x in rest)
            {
                var wa = (int)_dem[(x * _d) + _a];
                var h = Hash(x);
                for (var s = rows - 1; s >= wa; s--)
                {
                    // In place, rows downwards, so the source row is not yet written (a copy when it is the same row).
                    ReadOnlySpan<ulong> from = wa == 0 ? th.Slice(s * hw, hw).ToArray() : th.Slice((s - wa) * hw, hw);
                    RotateOr(th.Slice(s * hw, hw), from, h);
                }
            }

            _nodes += (rest.Count * hashNeed / 256) + 1;
        }

        var room = new long[_d];
        foreach (var x in rest)
        {
            for (var k = 0; k < _d; k++)
            {
                room[k] = _cap[k] - _dem[(x * _d) + k];
            }

            var ra = room[_a];
            var rb = _b < 0 ? 0 : room[_b];
            if (ra < 0 || rb < 0 || (t[(int)((ra * w) + (rb >> 6))] & (1UL << (int)(rb & 63))) == 0)
            {
                _fails![x]++;
                return false;
            }

            if (hw > 0)
            {
                var h = HashOf(room);
                if ((_reachHash[(int)((ra * hw) + (h >> 6))] & (1UL << (h & 63))) == 0)
                {
                    _fails![x]++;
                    return false;
                }
            }
        }

        return true;
    }

    private ulong[] _reachHash = [];

    /// <summary>Most units the tables of counted sums follow; a cap above them is checked as this many.</summary>
    private const int CountedUnits = 16;

    /// <summary>
    /// Per position m of the current candidates, count c (0 to <see cref="CountedUnits"/>) and tight dimension: the sums
    /// there at most c candidates from m on reach (bit sets of the capacity's width).
    /// </summary>
    private ulong[] _counted = [];

    private int[] _countedAt = [];

    private int _countedLayer;

    /// <summary>Builds the tables of counted sums for the candidates of the current walk.</summary>
    private void BuildCounted(int[] candidates)
    {
        if (_countedAt.Length != _d)
        {
            _countedAt = new int[_d];
        }

        var words = 0;
        for (var k = 0; k < _d; k++)
        {
            _countedAt[k] = words;
            words += _tight[k] ? (int)(_cap[k] / 64) + 1 : 0;
        }

        var layer = (CountedUnits + 1) * words;
        _countedLayer = layer;
        var need = (candidates.Length + 1) * layer;
        if (_counted.Length < need)
        {
            _counted = new ulong[need];
        }

        var t = _counted.AsSpan(0, need);
        t.Slice(candidates.Length * layer, layer).Clear();
        for (var c = 0; c <= CountedUnits; c++)
        {
            for (var k = 0; k < _d; k++)
            {
                if (_tight[k])
                {
                    t[(candidates.Length * layer) + (c * words) + _countedAt[k]] = 1;
                }
            }
        }

        for (var m = candidates.Length - 1; m >= 0; m--)
        {
            var from = (m + 1) * layer;
            var to = m * layer;
            t.Slice(from, layer).CopyTo(t.Slice(to, layer));
            for (var c = 1; c <= CountedUnits; c++)
            {
                for (var k = 0; k < _d; k++)
                {
                    if (_tight[k])
                    {
                        var w = (int)(_cap[k] / 64) + 1;
                        ShiftOr(t.Slice(to + (c * words) + _countedAt[k], w), t.Slice(from + ((c - 1) * words) + _countedAt[k], w), (int)_dem[(candidates[m] * _d) + k]);
                    }
                }
            }
        }

        _nodes += (candidates.Length * layer / 256) + 1;
    }

    /// <summary>Whether at most <paramref name="more"/> more candidates from m on can still fill the residual in each tight dimension alone.</summary>
    private bool FewEnough(int m, long[] residual, int more)
    {
        var c = Math.Min(more, CountedUnits);
        var words = _countedLayer / (CountedUnits + 1);
        for (var k = 0; k < _d; k++)
        {
            if (!_tight[k])
            {
                continue;
            }

            var r = residual[k];
            if (r < 0 || (_counted[(m * _countedLayer) + (c * words) + _countedAt[k] + (int)(r >> 6)] & (1UL << (int)(r & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
