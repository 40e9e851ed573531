namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Consistent neighbourhood search for plain vector packing (Buljubasic and Vasquez, Computers &amp; OR 2016), used when no
/// rule binds the units: only capacity. To save one host from a packing of m, it deletes three hosts and searches the
/// partial packing of m − 3 hosts plus a pool of unplaced units, keeping every host within capacity (the "consistent"
/// part), until the pool fits on two fresh hosts. Tabu swaps of up to two units between one host and the pool lighten
/// the pool; a descent re-fills single hosts exactly from their units and the pool. Works on flat arrays, not on
/// <see cref="Packing"/>, which is what makes it fast. Seeded and deterministic for a given iteration budget.
/// </summary>
internal sealed partial class ConsistentSearch
{
    private const double Eps = 1e-9;

    /// <summary>Hosts the pool must fit on for an attempt to succeed (one more is deleted to start it).</summary>
    private const int Spare = 2;

    /// <summary>Tabu moves without a lighter pool before a descent pass re-fills every host exactly.</summary>
    private const int DescentEvery = 40;

    /// <summary>Nodes one exact host re-fill may spend, and the check that the pool fits on the spare hosts.</summary>
    private const int PackNodes = 3_000;

    private const int FitNodes = 3_000;

    /// <summary>Kept hosts (least filled first) whose units the landing check may re-pack together with the pool.</summary>
    private const int LandWith = 8;

    /// <summary>Breaks ties of pool weight towards more units in the pool; far below any difference of real weights.</summary>
    private const double CountTie = 1e-7;

    private readonly int _n;
    private readonly int _d;
    private readonly double[] _cap;
    private readonly double[] _dem;
    private readonly double[] _w;
    private readonly SearchBudget _budget;
    private readonly Random _rng;
    private long _iterations;

    // The partial packing under search: hosts' units and loads, the pool, and until when a unit may not re-enter a host.
    private List<int>[] _bins = [];
    private double[] _load = [];
    private readonly List<int> _pool = [];
    private double _poolWeight;
    private long[] _tabu = [];
    private int _hosts;

    private ConsistentSearch(Units u, SearchBudget budget)
    {
        _n = u.Count;
        _d = u.Dimensions;
        _cap = u.Problem.Capacity;
        _dem = u.Demand;
        _budget = budget;
        _rng = new Random(budget.Seed);

        // The normalised size: the sum over dimensions of demand / capacity.
        _w = u.Size;
    }

    /// <summary>Improves the packing until it reaches <paramref name="lowerBound"/> hosts or the budget runs out.</summary>
    public static (Packing Best, long Iterations) Improve(Packing start, int lowerBound, SearchBudget budget, Action<int>? improved = null)
    {
        var search = new ConsistentSearch(start.Units, budget);
        var best = start.Compact();
        var label = best.Hosts > 0 ? best.LabelOf(0) : -1;
        var assignment = (int[])best.HostOf.Clone();
        var hosts = best.Hosts;
        var attempt = 0;
        while (hosts > Math.Max(lowerBound, 1) && search.BudgetLeft)
        {
            var fewer = search.TryRemoveOneHost(assignment, hosts, attempt++);
            if (fewer is null)
            {
                continue;
            }

            assignment = fewer;
            hosts--;
            attempt = 0;
            improved?.Invoke(hosts);
        }

        if (hosts == best.Hosts)
        {
            return (best, search._iterations);
        }

        var packing = new Packing(start.Units);
        for (var h = 0; h < hosts; h++)
        {
            packing.Open(label);
        }

        for (var x = 0; x < assignment.Length; x++)
        {
            packing.Place(x, assignment[x]);
        }

        return (packing.Compact(), search._iterations);
    }

    private bool BudgetLeft => _iterations < _budget.MaxIterations && ((_iterations & 31) != 0 || _budget.TimeLeft);

    /// <summary>
    /// One attempt at m − 1 hosts from a packing of m: deletes the least filled host(s) (the first attempt) or a random
    /// set, and searches until the pool fits on the spare hosts. Returns the new assignment, or null when the attempt's
    /// share of the budget ran out.
    /// </summary>
    private int[]? TryRemoveOneHost(int[] assignment, int hosts, int attempt)
    {
        var spare = Math.Min(Spare, hosts - 1);
        var fill = new double[hosts];
        for (var x = 0; x < _n; x++)
        {
            fill[assignment[x]] += _w[x];
        }

        var order = Enumerable.Range(0, hosts).OrderBy(h => fill[h]).ThenBy(h => h).ToArray();
        var deleted = new HashSet<int>();
        if (attempt == 0)
        {
            deleted.UnionWith(order.Take(spare + 1));
        }
        else
        {
            // The least filled host and random others, so repeated attempts start from different partial packings.
            deleted.Add(order[0]);
            while (deleted.Count < spare + 1)
            {
                deleted.Add(_rng.Next(hosts));
            }
        }

        // Renumber the kept hosts 0..m-spare-2; the pool holds the rest.
        var index = new int[hosts];
        _hosts = 0;
        for (var h = 0; h < hosts; h++)
        {
            index[h] = deleted.Contains(h) ? -1 : _hosts++;
        }

        _bins = Enumerable.Range(0, _hosts).Select(_ => new List<int>()).ToArray();
        _load = new double[_hosts * _d];
        _pool.Clear();
        _poolWeight = 0;
        _tabu = new long[_n * Math.Max(_hosts, 1)];
        for (var x = 0; x < _n; x++)
        {
            var h = index[assignment[x]];
            if (h < 0)
            {
                _pool.Add(x);
                _poolWeight += _w[x];
            }
            else
            {
                Add(x, h);
            }
        }

        var attemptBudget = 5_000 + (100L * _n);
        var begin = _iterations;
        var bestPool = double.MaxValue;
        var stall = 0;
        while (BudgetLeft && _iterations - begin < attemptBudget)
        {
            if (Land(spare, _poolWeight <= bestPool + Eps) is { } result)
            {
                return result;
            }

            _iterations++;
            if (_poolWeight < bestPool - Eps)
            {
                bestPool = _poolWeight;
                stall = 0;
            }
            else if (++stall % DescentEvery == 0)
            {
                Descend();
                continue;
            }

            if (!TabuMove())
            {
                Descend();
            }
        }

        return null;
    }

    private void Add(int x, int h)
    {
        _bins[h].Add(x);
        for (var k = 0; k < _d; k++)
        {
            _load[(h * _d) + k] += _dem[(x * _d) + k];
        }
    }

    private void Take(int x, int h)
    {
        _bins[h].Remove(x);
        for (var k = 0; k < _d; k++)
        {
            _load[(h * _d) + k] -= _dem[(x * _d) + k];
        }
    }

    private bool FitsIn(Span<double> residual, int x)
    {
        for (var k = 0; k < _d; k++)
        {
            if (_dem[(x * _d) + k] > residual[k] + (_cap[k] * Eps) + Eps)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The best non-tabu swap "up to two units out of one host, one or two pool units in" by the change of pool weight
    /// (ties at random), applied. The units sent out may not come back to that host for a few iterations.
    /// </summary>
    private bool TabuMove()
    {
        _pool.Sort((a, b) => _w[b].CompareTo(_w[a]) is var c && c != 0 ? c : a.CompareTo(b));
        Span<double> residual = stackalloc double[_d];
        Span<double> r2 = stackalloc double[_d];
        var bestDelta = double.MaxValue;
        (int H, int A, int B, int X, int Y) best = (-1, -1, -1, -1, -1);
        var ties = 0;
        for (var h = 0; h < _hosts; h++)
        {
            var bin = _bins[h];
            var c = bin.Count;
            // Out: nothing (i = j = -1), one unit (j = i) or two (j > i).
            for (var i = -1; i < c; i++)
            {
                for (var j = i; j < (i < 0 ? 0 : c); j++)
                {
                    var a = i >= 0 ? bin[i] : -1;
                    var b = j > i ? bin[j] : -1;
                    // Equal weight: prefer more (smaller) units in the pool, which fit in more places later.
                    var outWeight = (a >= 0 ? _w[a] : 0) + (b >= 0 ? _w[b] : 0) - (CountTie * ((a >= 0 ? 1 : 0) + (b >= 0 ? 1 : 0)));
                    for (var k = 0; k < _d; k++)
                    {
                        residual[k] = _cap[k] - _load[(h * _d) + k] + (a >= 0 ? _dem[(a * _d) + k] : 0) + (b >= 0 ? _dem[(b * _d) + k] : 0);
                    }

                    // Pool units in, heaviest first: the first single that fits is the best single; a pair is cut off
                    // as soon as even its two heaviest candidates cannot beat the best move.
                    var tabuBase = h * _n;
                    var singleDone = false;
                    for (var p = 0; p < _pool.Count; p++)
                    {
                        var x = _pool[p];
                        var next = p + 1 < _pool.Count ? _w[_pool[p + 1]] : 0;
                        if (outWeight - _w[x] - next > bestDelta + Eps)
                        {
                            break;
                        }

                        if (_tabu[tabuBase + x] > _iterations || !FitsIn(residual, x))
                        {
                            continue;
                        }

                        if (!singleDone)
                        {
                            Consider(outWeight - _w[x] + CountTie, (h, a, b, x, -1));
                            singleDone = true;
                        }

                        for (var k = 0; k < _d; k++)
                        {
                            r2[k] = residual[k] - _dem[(x * _d) + k];
                        }

                        for (var q = p + 1; q < _pool.Count; q++)
                        {
                            var y = _pool[q];
                            var delta = outWeight - _w[x] - _w[y] + (2 * CountTie);
                            if (delta > bestDelta + Eps)
                            {
                                break;
                            }

                            if (_tabu[tabuBase + y] <= _iterations && FitsIn(r2, y))
                            {
                                Consider(delta, (h, a, b, x, y));
                                break;
                            }
                        }
                    }
                }
            }
        }

        void Consider(double delta, (int, int, int, int, int) move)
        {
            if (delta < bestDelta - Eps)
            {
                bestDelta = delta;
                best = move;
                ties = 1;
            }
            else if (delta <= bestDelta + Eps && _rng.Next(++ties) == 0)
            {
                best = move;
            }
        }

        if (best.H < 0)
        {
            return false;
        }

        var (bh, ba, bb, bx, by) = best;
        foreach (var o in (ReadOnlySpan<int>)[ba, bb])
        {
            if (o >= 0)
            {
                Take(o, bh);
                _pool.Add(o);
                _poolWeight += _w[o];
                _tabu[(bh * _n) + o] = _iterations + 3 + _rng.Next(10);
            }
        }

        foreach (var x in (ReadOnlySpan<int>)[bx, by])
        {
            if (x >= 0)
            {
                _pool.Remove(x);
                _poolWeight -= _w[x];
                Add(x, bh);
            }
        }

        return true;
    }

    /// <summary>One pass over the hosts, re-filling each with the heaviest subset of its units and the pool that fits.</summary>
    private void Descend()
    {
        var start = _rng.Next(Math.Max(_hosts, 1));
        for (var t = 0; t < _hosts && _pool.Count > 0; t++)
        {
            Refill((start + t) % _hosts);
        }
    }

    /// <summary>Exact (node-limited) heaviest subset of host h's units and the pool within capacity; applied if heavier.</summary>
    private void Refill(int h)
    {
        var bin = _bins[h];
        var candidates = bin.Concat(_pool).OrderByDescending(x => _w[x]).ThenBy(x => x).ToArray();
        var current = 0.0;
        foreach (var x in bin)
        {
            current += _w[x];
        }

        var suffix = new double[candidates.Length + 1];
        for (var i = candidates.Length - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + _w[candidates[i]];
        }

        var load = new double[_d];
        var chosen = new List<int>();
        List<int>? best = null;
        var bestWeight = current;
        var nodes = 0;
        void Dfs(int i, double w)
        {
            if (w > bestWeight + Eps)
            {
                bestWeight = w;
                best = [.. chosen];
            }

            if (i == candidates.Length || nodes++ > PackNodes || w + suffix[i] <= bestWeight + Eps)
            {
                return;
            }

            var x = candidates[i];
            var fits = true;
            for (var k = 0; k < _d && fits; k++)
            {
                fits = load[k] + _dem[(x * _d) + k] <= (_cap[k] * (1 + Eps)) + Eps;
            }

            if (fits)
            {
                for (var k = 0; k < _d; k++)
                {
                    load[k] += _dem[(x * _d) + k];
                }

                chosen.Add(x);
                Dfs(i + 1, w + _w[x]);
                chosen.RemoveAt(chosen.Count - 1);
                for (var k = 0; k < _d; k++)
                {
                    load[k] -= _dem[(x * _d) + k];
                }
            }

            Dfs(i + 1, w);
        }

        Dfs(0, 0);
        if (best is null)
        {
            return;
        }

        var keep = new HashSet<int>(best);
        foreach (var x in bin.ToArray())
        {
            if (!keep.Contains(x))
            {
                Take(x, h);
                _pool.Add(x);
                _poolWeight += _w[x];
            }
        }

        foreach (var x in best)
        {
            if (!bin.Contains(x))
            {
                _pool.Remove(x);
                _poolWeight -= _w[x];
                Add(x, h);
            }
        }
    }
}
