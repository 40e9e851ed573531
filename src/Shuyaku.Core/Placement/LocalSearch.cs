namespace Shuyaku.Placement;

/// <summary>How long the search may run: a wall-clock cap and an iteration budget (the budget alone keeps it reproducible).</summary>
internal sealed record SearchBudget(TimeSpan TimeLimit, long MaxIterations, int Seed, TimeProvider Clock)
{
    public long Start { get; } = Clock.GetTimestamp();

    public TimeSpan Elapsed => Clock.GetElapsedTime(Start);

    public bool TimeLeft => Elapsed < TimeLimit;
}

/// <summary>
/// Tries to save hosts one at a time: it empties the least filled host into a pool of unplaced units, then a tabu search
/// swaps pool units into hosts against smaller sets of their units (0, 1 or 2 out) until the pool is empty, so the packing
/// has one host fewer (after Buljubasic and Vasquez's consistent neighbourhood search). Every move goes through
/// <see cref="Packing.CanPlace"/>, so every rule keeps holding. Seeded and deterministic for a given iteration budget.
/// </summary>
internal sealed class LocalSearch
{
    private const int PerturbEvery = 200;
    private readonly Units _u;
    private readonly double[] _cap;
    private readonly double[] _weight;
    private readonly SearchBudget _budget;
    private readonly Random _rng;
    private long _iterations;

    private LocalSearch(Units u, SearchBudget budget)
    {
        _u = u;
        _cap = u.Problem.Capacity;
        _budget = budget;
        _rng = new Random(budget.Seed);
        _weight = new double[u.Count];
        for (var x = 0; x < u.Count; x++)
        {
            // Slightly super-linear, so the pool prefers a few large units out to many small ones.
            _weight[x] = Math.Pow(Math.Max(u.Size[x], 1e-6), 1.2);
        }
    }

    public long Iterations => _iterations;

    /// <summary>Improves the packing until it reaches <paramref name="lowerBound"/> hosts or the budget runs out.</summary>
    public static (Packing Best, long Iterations) Improve(Packing start, int lowerBound, SearchBudget budget, Action<int>? improved = null)
    {
        var search = new LocalSearch(start.Units, budget);
        var best = start.Compact();
        var attempt = 0;
        while (best.Hosts > lowerBound && best.Hosts > 1 && search.BudgetLeft)
        {
            var fewer = search.TryRemoveOneHost(best, attempt);
            if (fewer is null)
            {
                attempt++;
                if (attempt >= best.Hosts)
                {
                    attempt = 0;
                }

                continue;
            }

            best = fewer.Compact();
            attempt = 0;
            improved?.Invoke(best.Hosts);
        }

        return (best, search.Iterations);
    }

    private bool BudgetLeft => _iterations < _budget.MaxIterations && ((_iterations & 63) != 0 || _budget.TimeLeft);

    /// <summary>One attempt at a packing with one host fewer, emptying the host of rank <paramref name="victimRank"/> by fill.</summary>
    private Packing? TryRemoveOneHost(Packing start, int victimRank)
    {
        var p = start.Clone();
        var hosts = p.Hosts;
        var victim = Enumerable.Range(0, hosts).OrderBy(h => p.CountOf(h)).ThenBy(h => p.Fill(h, _cap)).ThenBy(h => h).ElementAt(victimRank % hosts);
        var alive = new bool[hosts];
        Array.Fill(alive, true);
        alive[victim] = false;
        var members = Enumerable.Range(0, hosts).Select(_ => new List<int>()).ToArray();
        for (var x = 0; x < _u.Count; x++)
        {
            members[p.HostOf[x]].Add(x);
        }

        var pool = new List<int>(members[victim]);
        foreach (var x in pool)
        {
            p.Remove(x);
        }

        members[victim].Clear();
        var tabuIn = new Dictionary<(int Unit, int Host), long>();
        var tabuOut = new long[_u.Count];
        var attemptBudget = 2_000 + (200L * _u.Count * (victimRank + 1));
        var startIteration = _iterations;
        var bestPool = double.MaxValue;
        var sinceBest = 0;
        while (BudgetLeft && _iterations - startIteration < attemptBudget)
        {
            _iterations++;
            InsertGreedily(p, pool, members, alive);
            if (pool.Count == 0)
            {
                return p;
            }

            var poolWeight = pool.Sum(x => _weight[x]);
            if (poolWeight < bestPool - 1e-12)
            {
                bestPool = poolWeight;
                sinceBest = 0;
            }
            else if (++sinceBest % PerturbEvery == 0)
            {
                Perturb(p, pool, members, alive);
                continue;
            }

            if (!BestSwap(p, pool, members, alive, tabuIn, tabuOut))
            {
                Perturb(p, pool, members, alive);
            }
        }

        return null;
    }

    /// <summary>Puts pool units (largest first) on the fullest live host that takes them.</summary>
    private void InsertGreedily(Packing p, List<int> pool, List<int>[] members, bool[] alive)
    {
        pool.Sort((a, b) => _u.Size[b].CompareTo(_u.Size[a]) is var c && c != 0 ? c : a.CompareTo(b));
        for (var i = 0; i < pool.Count; i++)
        {
            var x = pool[i];
            var target = -1;
            var bestFill = double.MinValue;
            for (var h = 0; h < p.Hosts; h++)
            {
                if (alive[h] && p.CanPlace(x, h, _cap))
                {
                    var f = p.Fill(h, _cap);
                    if (f > bestFill)
                    {
                        bestFill = f;
                        target = h;
                    }
                }
            }

            if (target >= 0)
            {
                p.Place(x, target);
                members[target].Add(x);
                pool.RemoveAt(i);
                i--;
            }
        }
    }

    /// <summary>
    /// The best non-tabu move "pool unit x onto host h, 1 or 2 of h's units out to the pool" by the change of pool
    /// weight; ties broken at random. Returns false when no move exists.
    /// </summary>
    private bool BestSwap(Packing p, List<int> pool, List<int>[] members, bool[] alive, Dictionary<(int, int), long> tabuIn, long[] tabuOut)
    {
        var d = _u.Dimensions;
        var bestDelta = double.MaxValue;
        (int X, int H, int A, int B) best = (-1, -1, -1, -1);
        var ties = 0;
        var residual = new double[d];
        foreach (var x in pool)
        {
            for (var h = 0; h < p.Hosts; h++)
            {
                if (!alive[h] || !p.LabelAllows(x, p.LabelOf(h)) || (tabuIn.TryGetValue((x, h), out var until) && until > _iterations))
                {
                    continue;
                }

                var m = members[h];
                for (var k = 0; k < d; k++)
                {
                    residual[k] = (_cap[k] * (1 + 1e-9)) + 1e-9 - p.LoadOf(h, k) - _u.DemandOf(x, k);
                }

                for (var i = 0; i < m.Count; i++)
                {
                    var a = m[i];
                    if (tabuOut[a] > _iterations)
                    {
                        continue;
                    }

                    for (var j = i; j < m.Count; j++)
                    {
                        var b = j == i ? -1 : m[j];
                        if (b >= 0 && tabuOut[b] > _iterations)
                        {
                            continue;
                        }

                        var delta = _weight[a] + (b >= 0 ? _weight[b] : 0) - _weight[x];
                        if (delta > bestDelta + 1e-12)
                        {
                            continue;
                        }

                        var fits = true;
                        for (var k = 0; k < d && fits; k++)
                        {
                            fits = residual[k] + _u.DemandOf(a, k) + (b >= 0 ? _u.DemandOf(b, k) : 0) >= 0;
                        }

                        if (!fits || !Allowed(p, x, h, a, b))
                        {
                            continue;
                        }

                        if (delta < bestDelta - 1e-12)
                        {
                            bestDelta = delta;
                            best = (x, h, a, b);
                            ties = 1;
                        }
                        else if (_rng.Next(++ties) == 0)
                        {
                            best = (x, h, a, b);
                        }
                    }
                }
            }
        }

        if (best.X < 0)
        {
            return false;
        }

        var (bx, bh, ba, bb) = best;
        foreach (var y in bb >= 0 ? new[] { ba, bb } : [ba])
        {
            p.Remove(y);
            members[bh].Remove(y);
            pool.Add(y);
            tabuIn[(y, bh)] = _iterations + 3 + _rng.Next(10);
        }

        p.Place(bx, bh);
        members[bh].Add(bx);
        pool.Remove(bx);
        tabuOut[bx] = _iterations + 2 + _rng.Next(5);
        return true;
    }

    /// <summary>Whether x may join h once a (and b, unless -1) left it, by every rule; the packing is left as it was.</summary>
    private static bool Allowed(Packing p, int x, int h, int a, int b)
    {
        p.Remove(a);
        if (b >= 0)
        {
            p.Remove(b);
        }

        var ok = p.CanPlace(x, h, p.Units.Problem.Capacity);
        if (b >= 0)
        {
            p.Place(b, h);
        }

        p.Place(a, h);
        return ok;
    }

    /// <summary>Moves a random unit from a random live host into the pool, to leave a local minimum.</summary>
    private void Perturb(Packing p, List<int> pool, List<int>[] members, bool[] alive)
    {
        for (var tries = 0; tries < 10; tries++)
        {
            var h = _rng.Next(p.Hosts);
            if (!alive[h] || members[h].Count == 0)
            {
                continue;
            }

            var y = members[h][_rng.Next(members[h].Count)];
            p.Remove(y);
            members[h].Remove(y);
            pool.Add(y);
            return;
        }
    }
}
