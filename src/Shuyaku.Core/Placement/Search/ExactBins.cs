namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Hosts filled exactly, of any number of units, where the bound leaves no slack in every dimension that binds (each
/// dimension's total demand is exactly the bound's hosts times the capacity, as in a perfect packing). Every host it
/// closes is exactly full in every tight dimension, so once every unit is placed there are exactly the bound's hosts.
/// The largest unit left opens a host; the host is completed by a subset of the units left found through a table of
/// the sums the units can reach in two tight dimensions (a subset-sum table over one dimension whose rows are bit sets
/// over the other), so a completion is found whenever one exists in those two, and drawn at random among them; every other
/// tight dimension has a table of its own (the sums each suffix of the candidates reaches there), and all of them
/// together a table over dimension a and a hash of their residuals (with one such dimension, the residual itself), so
/// the search for the completion only follows sets that can still close each of them, and them jointly with a. A set
/// that closes the host is taken only when every other unit left can still be completed in the table's two dimensions
/// (a forward check; a few per completion search). When the
/// completion search of the largest unit left runs out of steps, the next largest units open the host instead (up to
/// four). When a unit has no completion (or every try ran out of steps), every distinct host closed so far, on this pass
/// or an earlier one, fills a host exactly, so an exact cover of all units by them (<see cref="ExactCover"/>) is a
/// packing; failing that, a few closed hosts, chosen at random, are opened again and their units join those left
/// (destroy and rebuild), until every unit is placed or the budget is spent. Whole-number demands only, none
/// negative; seeded and node-limited (a node is a step of the completion search or 256 words of table work).
/// </summary>
internal sealed partial class ExactBins
{
    /// <summary>Words of table one completion may use at most; a larger capacity declines.</summary>
    private const long TableWordLimit = 1L << 23;

    /// <summary>Hosts opened again at a dead end: at random between these.</summary>
    private const int DestroyMin = 2;

    private const int DestroyMax = 6;

    /// <summary>Relative noise on the sizes that order a completion's candidates, after the first dead end.</summary>
    private const double Noise = 0.5;

    /// <summary>Search steps one completion may take to meet the tight dimensions outside the table.</summary>
    private const int CompletionSteps = 20_000;

    /// <summary>Units tried in turn to open the next host when completions run out of steps.</summary>
    private const int OpenerTries = 4;

    /// <summary>Nodes of one exact cover over the hosts closed so far.</summary>
    private const long CoverNodes = 50_000;

    /// <summary>Whether the last completion search ran out of steps (rather than proving there is none).</summary>
    private bool _outOfSteps;


    private readonly int _n;
    private readonly int _d;
    private readonly bool[] _tight;
    private readonly long[] _cap;
    private readonly long[] _dem;
    private readonly double[] _size;
    private readonly int _a;
    private readonly int _b;
    private readonly int _words;
    private readonly Random _rng;
    private readonly SearchBudget _budget;
    private readonly long _nodeLimit;
    private ulong[] _table = [];
    private long _nodes;

    /// <summary>The tight dimensions outside the table, each with its own table of the sums each suffix of the candidates reaches.</summary>
    private readonly int[] _others;
    private readonly ulong[][] _otherTables;
    private readonly int[] _otherWords;

    /// <summary>
    /// With tight dimensions outside the table, a second table over dimension a and a hash of those dimensions (a
    /// weighted sum modulo a power of two; the residual itself when there is one): rows by the residual in a, bit sets
    /// over the hash. It ties the others to dimension a jointly, where their own tables only see each alone.
    /// </summary>
    private readonly long[] _hashWeight;

    private readonly int _hashBits;
    private readonly int _hashWords;
    private ulong[] _hashTable = [];

    /// <summary>Rows of each layer of the current table: the residual in dimension a, plus one.</summary>
    private int _rows;

    private double _noise;

    /// <summary>Units left when the current completion search started (for the forward check).</summary>
    private List<int> _left = [];

    /// <summary>Forward checks the current completion search may still make.</summary>
    private int _checksLeft;

    /// <summary>The single-layer table of the forward check: the (dimension a, dimension b) sums the units left reach.</summary>
    private ulong[] _reachLeft = [];

    /// <summary>Forward checks per completion search; after them a completion is taken unchecked.</summary>
    private const int ForwardChecks = 8;

    private ExactBins(Units u, bool[] tight, long[] cap, long[] dem, int a, int b, SearchBudget budget, long nodeLimit)
    {
        _n = u.Count;
        _d = u.Dimensions;
        _tight = tight;
        _cap = cap;
        _dem = dem;
        _size = u.Size;
        _a = a;
        _b = b;
        _rng = new Random(budget.Seed);
        _words = b < 0 ? 1 : (int)(cap[b] / 64) + 1;
        _budget = budget;
        _nodeLimit = nodeLimit;
        _others = [.. Enumerable.Range(0, _d).Where(k => tight[k] && k != a && k != b)];
        _otherWords = [.. _others.Select(k => (int)(cap[k] / 64) + 1)];
        _otherTables = new ulong[_others.Length][];
        _hashWeight = new long[_d];
        if (_others.Length > 0)
        {
            _hashBits = HashBits(_others.Max(k => cap[k]));
            _hashWords = _hashBits / 64;
            for (var e = 0; e < _others.Length; e++)
            {
                _hashWeight[_others[e]] = e == 0 ? 1 : (_rng.Next(1, _hashBits / 2) * 2) + 1;
            }
        }
    }

    /// <summary>Nodes spent.</summary>
    public long Nodes => _nodes;

    /// <summary>
    /// Host of each unit on exactly <paramref name="hosts"/> hosts, each exactly full in every tight dimension, or null
    /// when the demands are not whole and non-negative, the table would be too large, or the budget ran out. By the hosts
    /// of any size, or with <paramref name="byTail"/> by the tail search (<see cref="SolveByTail"/>).
    /// </summary>
    public static int[]? Find(Units u, int hosts, bool[] tight, SearchBudget budget, long nodeLimit, out long spent, bool byTail = false)
    {
        spent = 0;
        var capacity = u.Problem.Capacity;
        static bool Whole(double v) => v >= 0 && Math.Abs(v - Math.Round(v)) < 1e-9 && v < 1e12;
        if (!capacity.All(Whole) || !u.Demand.All(Whole) || nodeLimit <= 0)
        {
            return null;
        }

        var tightDims = Enumerable.Range(0, u.Dimensions).Where(k => tight[k]).OrderBy(k => capacity[k]).ToArray();
        if (tightDims.Length == 0)
        {
            return null;
        }

        var cap = capacity.Select(c => (long)Math.Round(c)).ToArray();
        var a = tightDims[0];
        var b = tightDims.Length > 1 ? tightDims[1] : -1;
        var words = b < 0 ? 1 : (cap[b] / 64) + 1;
        if ((u.Count + 1) * (cap[a] + 1) * words > TableWordLimit)
        {
            return null;
        }

        var otherTop = tightDims.Skip(2).Select(k => cap[k]).DefaultIfEmpty(-1).Max();
        var hashWords = otherTop < 0 ? 0 : HashBits(otherTop) / 64;
        if ((u.Count + 1) * (cap[a] + 1) * hashWords > TableWordLimit)
        {
            return null;
        }

        var search = new ExactBins(u, tight, cap, u.Demand.Select(v => (long)Math.Round(v)).ToArray(), a, b, budget, nodeLimit);
        var bins = byTail ? search.SolveByTail(nodeLimit) : search.Run();
        spent = search.Nodes;
        if (bins is null || bins.Count != hosts)
        {
            return null;
        }

        var hostOf = new int[u.Count];
        for (var h = 0; h < bins.Count; h++)
        {
            foreach (var x in bins[h])
            {
                hostOf[x] = h;
            }
        }

        return hostOf;
    }

    private List<int[]>? Run()
    {
        var left = new List<int>(Enumerable.Range(0, _n));
        var bins = new List<int[]>();
        var pool = new List<int[]>();
        var inPool = new HashSet<string>();
        var covered = 0;
        while (_nodes < _nodeLimit && _budget.TimeLeft)
        {
            while (left.Count > 0)
            {
                if (Next(left) is not { } bin)
                {
                    break;
                }

                bins.Add(bin);
                if (inPool.Add(string.Join(',', bin)))
                {
                    pool.Add(bin);
                }

                var closed = new HashSet<int>(bin);
                left.RemoveAll(closed.Contains);
                if (_nodes >= _nodeLimit)
                {
                    return null;
                }
            }

            if (left.Count == 0)
            {
                return bins;
            }

            // Every host closed so far fills a host exactly: an exact cover of the units by them is a packing, though no
            // one pass of the construction found it (with three or more dimensions a completion may close a host with
            // units of several hosts of the packing, which leaves the last units without one).
            if (pool.Count > bins.Count && pool.Count >= covered + Math.Max(1, covered / 4))
            {
                covered = pool.Count;
                var cover = new ExactCover(_n, pool, _budget, CoverNodes);
                var chosen = cover.Solve();
                _nodes += cover.Nodes;
                if (chosen is not null)
                {
                    return [.. chosen.Select(c => pool[c])];
                }
            }

            // A dead end: open a few closed hosts again, so the units left have more ways to fill one.
            var destroy = Math.Min(bins.Count, _rng.Next(DestroyMin, DestroyMax + 1));
            for (var i = 0; i < destroy; i++)
            {
                var at = _rng.Next(bins.Count);
                left.AddRange(bins[at]);
                bins[at] = bins[^1];
                bins.RemoveAt(bins.Count - 1);
            }

            _nodes++;
            _noise = Noise;
        }

        return null;
    }

    /// <summary>
    /// The next host: the largest unit left opens it, completed by <see cref="Complete"/>. When that search runs out of
    /// steps (a completion may still exist) the next largest units open it instead, up to <see cref="OpenerTries"/>;
    /// null when a unit has no completion at all or every try ran out of steps.
    /// </summary>
    private int[]? Next(List<int> left)
    {
        var openers = left.OrderByDescending(x => _size[x]).ThenBy(x => x).Take(OpenerTries);
        foreach (var opener in openers)
        {
            if (Complete(opener, left) is { } bin)
            {
                return bin;
            }

            if (!_outOfSteps)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>A set of the units left holding <paramref name="opener"/> that fills a host exactly in every tight dimension, or null.</summary>
    private int[]? Complete(int opener, List<int> left)
    {
        var residual = new long[_d];
        var candidates = Prepare(opener, left, residual);
        _outOfSteps = false;
        if (!Reaches(0, residual))
        {
            return null;
        }

        var chosen = new List<int> { opener };
        var steps = 0;
        _left = left;
        _checksLeft = ForwardChecks;
        var ok = Walk(0, residual, candidates, chosen, ref steps);
        _outOfSteps = !ok && steps > CompletionSteps;
        return ok ? [.. chosen.Order()] : null;
    }

    /// <summary>
    /// The room <paramref name="opener"/> leaves (into <paramref name="residual"/>) and the units left that fit it, larger
    /// first (sizes perturbed after a dead end), with the tables of the sums each suffix of them reaches.
    /// </summary>
    private int[] Prepare(int opener, List<int> left, long[] residual)
    {
        for (var k = 0; k < _d; k++)
        {
            residual[k] = _cap[k] - _dem[(opener * _d) + k];
        }

        // Largest first, taken first: a completion keeps the small units, which close the last hosts, for the end. After
        // a dead end the sizes are perturbed, so the rebuilt hosts differ.
        var noise = _noise;
        var candidates = left.Where(x => x != opener && Fits(x, residual))
            .Select(x => (X: x, Key: _size[x] * (1 + (noise * _rng.NextDouble())))).OrderByDescending(c => c.Key).ThenBy(c => c.X).Select(c => c.X).ToArray();
        var rows = (int)residual[_a] + 1;
        _rows = rows;
        var rowWords = _words;
        var layer = (long)rows * rowWords;
        var need = (candidates.Length + 1) * layer;
        if (_table.Length < need)
        {
            _table = new ulong[need];
        }

        // Layer m: the sums (dimension a, dimension b) the candidates from m on reach. The last layer reaches only zero.
        var last = candidates.Length * layer;
        _table.AsSpan((int)last, (int)layer).Clear();
        _table[last] = 1;
        for (var m = candidates.Length - 1; m >= 0; m--)
        {
            var from = (m + 1) * layer;
            var to = m * layer;
            Array.Copy(_table, from, _table, to, layer);
            var wa = (int)_dem[(candidates[m] * _d) + _a];
            var wb = _b < 0 ? 0 : (int)_dem[(candidates[m] * _d) + _b];
            AddToTable(_table.AsSpan((int)to, (int)layer), _table.AsSpan((int)from, (int)layer), rows, rowWords, wa, wb);

            _nodes += ((rows - wa) * rowWords / 256) + 1;
        }

        // The other tight dimensions, each alone: the sums the candidates from m on reach there (bit sets).
        for (var e = 0; e < _others.Length; e++)
        {
            var k = _others[e];
            var w = _otherWords[e];
            var need1 = (candidates.Length + 1) * w;
            if (_otherTables[e] is not { } t || t.Length < need1)
            {
                _otherTables[e] = t = new ulong[need1];
            }

            t.AsSpan(candidates.Length * w, w).Clear();
            t[candidates.Length * w] = 1;
            for (var m = candidates.Length - 1; m >= 0; m--)
            {
                Array.Copy(t, (m + 1) * w, t, m * w, w);
                ShiftOr(t.AsSpan(m * w, w), t.AsSpan((m + 1) * w, w), (int)_dem[(candidates[m] * _d) + k]);
            }

            _nodes += (candidates.Length * w / 256) + 1;
        }

        if (_hashWords > 0)
        {
            BuildHashTable(candidates, rows);
        }

        return candidates;
    }

    /// <summary>
    /// Forward check of a completion: with its units closed away, every other unit left must still have a completion
    /// in dimensions a and b — its room there a sum the other units left reach (one table over all of them, the unit
    /// itself included, so the check only rejects completions that surely strand a unit). At most
    /// <see cref="ForwardChecks"/> per completion search.
    /// </summary>
    private bool ForwardOk(List<int> chosen)
    {
        if (_checksLeft <= 0 || _b < 0)
        {
            return true;
        }

        _checksLeft--;
        var rest = _left.Where(x => !chosen.Contains(x)).ToArray();
        var w = _words;
        var t = ReachTable(rest);
        foreach (var x in rest)
        {
            var ra = _cap[_a] - _dem[(x * _d) + _a];
            var rb = _cap[_b] - _dem[(x * _d) + _b];
            if (ra < 0 || rb < 0 || (t[(int)((ra * w) + (rb >> 6))] & (1UL << (int)(rb & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Takes or skips candidate m (in random order of the two), only where the table says the rest can still close dimensions a and b.</summary>
    private bool Walk(int m, long[] residual, int[] candidates, List<int> chosen, ref int steps)
    {
        if (m == candidates.Length)
        {
            if (_collect is { } found)
            {
                // Enumerating for the tail search: note the set and go on to the next, up to the cap.
                if (Closed(residual))
                {
                    found.Add([.. chosen.Order()]);
                }

                return found.Count >= _collectCap;
            }

            return Closed(residual) && ForwardOk(chosen);
        }

        if (_maxUnits < int.MaxValue && !FewEnough(m, residual, _maxUnits - chosen.Count))
        {
            return false;
        }

        if (chosen.Count >= _maxUnits)
        {
            // The tail search's cap on the units of a host: only a closed host may go on (skipping the rest).
            if (!Closed(residual))
            {
                return false;
            }

            return Walk(candidates.Length, residual, candidates, chosen, ref steps);
        }

        if (++steps > _stepLimit)
        {
            return false;
        }

        _nodes++;
        var x = candidates[m];
        for (var option = 0; option < 2; option++)
        {
            var take = option == 0;
            if (take)
            {
                if (!Fits(x, residual))
                {
                    continue;
                }

                Take(x, residual, -1);
                if (Reaches(m + 1, residual))
                {
                    chosen.Add(x);
                    if (Walk(m + 1, residual, candidates, chosen, ref steps))
                    {
                        return true;
                    }

                    chosen.RemoveAt(chosen.Count - 1);
                }

                Take(x, residual, 1);
            }
            else if (Reaches(m + 1, residual) && Walk(m + 1, residual, candidates, chosen, ref steps))
            {
                return true;
            }

            if (steps > _stepLimit)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether the candidates from m on reach exactly the residual in dimensions a and b.</summary>
    private bool Reaches(int m, long[] residual)
    {
        var sa = residual[_a];
        var sb = _b < 0 ? 0 : residual[_b];
        if (sa < 0 || sb < 0)
        {
            return false;
        }

        var at = ((long)m * _rows * _words) + (sa * _words) + (sb >> 6);
        if ((_table[at] & (1UL << (int)(sb & 63))) == 0)
        {
            return false;
        }

        if (_hashWords > 0)
        {
            var h = HashOf(residual);
            var at2 = ((long)m * _rows * _hashWords) + (sa * _hashWords) + (h >> 6);
            if ((_hashTable[at2] & (1UL << (h & 63))) == 0)
            {
                return false;
            }
        }

        for (var e = 0; e < _others.Length; e++)
        {
            var r = residual[_others[e]];
            if (r < 0 || r >= _otherWords[e] * 64L || (_otherTables[e][(m * _otherWords[e]) + (int)(r >> 6)] & (1UL << (int)(r & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private bool Closed(long[] residual)
    {
        for (var k = 0; k < _d; k++)
        {
            if (_tight[k] && residual[k] != 0)
            {
                return false;
            }
        }

        return true;
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

    private void Take(int x, long[] residual, int sign)
    {
        for (var k = 0; k < _d; k++)
        {
            residual[k] += sign * _dem[(x * _d) + k];
        }
    }
}
