namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// How long a stage may run: an iteration budget, which ends it at the same point on every run, and a wall-clock cap as a
/// safety net; <see cref="ClockStopped"/> records when the cap, not the budget, ended it.
/// </summary>
internal sealed record SearchBudget(TimeSpan TimeLimit, long MaxIterations, int Seed, TimeProvider Clock)
{
    public long Start { get; } = Clock.GetTimestamp();

    public TimeSpan Elapsed => Clock.GetElapsedTime(Start);

    /// <summary>Whether the cap has not passed yet; a stage that reads false stops, so this records that the clock stopped it.</summary>
    public bool TimeLeft
    {
        get
        {
            if (Elapsed < TimeLimit)
            {
                return true;
            }

            ClockStopped = true;
            return false;
        }
    }

    /// <summary>Whether the cap ended the stage before its budget did (the stage's result may then differ between runs).</summary>
    public bool ClockStopped { get; private set; }
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

    /// <summary>Largest candidate set (a host's units plus pool units) the exact refill of one host enumerates.</summary>
    private const int PackSetLimit = 18;

    private const int PackSetNodes = 4_000;

    /// <summary>How often a step gathers slack when there are several dimensions (measured: 0.1 is as good as 0 or 0.5 on vbp).</summary>
    private const double ConcentrateRateVector = 0.1;
    private readonly Units _u;
    private readonly double[] _cap;
    private readonly double[] _weight;
    private readonly SearchBudget _budget;
    private readonly Random _rng;
    private readonly bool _capacityOnly;
    private long _iterations;
    private int _nextHost;
    private int _concentrateFrom;
    private readonly double _concentrateRate;

    private LocalSearch(Units u, SearchBudget budget)
    {
        _u = u;
        _cap = u.Problem.Capacity;
        _budget = budget;
        _rng = new Random(budget.Seed);
        // Swaps test loads against peaks, which says nothing about CPU or memory placed step by step: CanPlace decides there.
        _capacityOnly = u.SpreadUnits.Length == 0 && u.RuleLimit.Length == 0 && u.ZoneCount <= 1 &&
            u.Fence.All(f => f < 0) && u.Ban.All(b => b.Length == 0) && u.Series is null && u.MemorySeries is null;
        _concentrateRate = u.Dimensions == 1 ? 1.0 : ConcentrateRateVector;
        _weight = new double[u.Count];
        for (var x = 0; x < u.Count; x++)
        {
            // Slightly super-linear, so the pool prefers a few large units out to many small ones.
            _weight[x] = Math.Pow(Math.Max(u.Size[x], 1e-6), 1.2);
        }
    }

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

        return (best, search._iterations);
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

            // Gather slack on few hosts now and then (always in one dimension, where it is what finds perfect fits).
            if (_rng.NextDouble() < _concentrateRate && Concentrate(p, members, alive))
            {
                continue;
            }

            if (!BestSwap(p, pool, members, alive, tabuIn, tabuOut, maxDelta: double.MaxValue) && !RefillSomeHost(p, pool, members, alive))
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
    private bool BestSwap(Packing p, List<int> pool, List<int>[] members, bool[] alive, Dictionary<(int, int), long> tabuIn, long[] tabuOut, double maxDelta)
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

        if (best.X < 0 || bestDelta > maxDelta)
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

    /// <summary>
    /// Moves or exchanges units between two live hosts so the fuller one gets fuller (the sum of squared fills grows):
    /// slack gathers on few hosts, where pool units then fit. Looks from one host per call, round robin; true when it moved.
    /// </summary>
    private bool Concentrate(Packing p, List<int>[] members, bool[] alive)
    {
        var d = _u.Dimensions;
        var g = _concentrateFrom++ % p.Hosts;
        if (!alive[g])
        {
            return false;
        }

        var transfer = new double[d];
        double Gain(int from, int to)
        {
            var gain = 0.0;
            for (var k = 0; k < d; k++)
            {
                if (_cap[k] > 0)
                {
                    var t = transfer[k] / _cap[k];
                    gain += 2 * t * (((p.LoadOf(to, k) - p.LoadOf(from, k)) / _cap[k]) + t);
                }
            }

            return gain;
        }

        bool Fits(int to)
        {
            for (var k = 0; k < d; k++)
            {
                if (p.LoadOf(to, k) + transfer[k] > (_cap[k] * (1 + 1e-9)) + 1e-9)
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var y in members[g].ToArray())
        {
            for (var t = 0; t < p.Hosts; t++)
            {
                var h = (t + g + 1) % p.Hosts;
                if (h == g || !alive[h])
                {
                    continue;
                }

                for (var k = 0; k < d; k++)
                {
                    transfer[k] = _u.DemandOf(y, k);
                }

                if (Gain(g, h) > 1e-9 && Fits(h) && MoveAllowed(p, y, h, -1))
                {
                    p.Remove(y);
                    p.Place(y, h);
                    members[g].Remove(y);
                    members[h].Add(y);
                    return true;
                }

                foreach (var z in members[h])
                {
                    for (var k = 0; k < d; k++)
                    {
                        transfer[k] = _u.DemandOf(y, k) - _u.DemandOf(z, k);
                    }

                    if (Gain(g, h) <= 1e-9 || !Fits(h))
                    {
                        continue;
                    }

                    // Going the other way, z must fit on g once y left.
                    var back = true;
                    for (var k = 0; k < d && back; k++)
                    {
                        back = p.LoadOf(g, k) - transfer[k] <= (_cap[k] * (1 + 1e-9)) + 1e-9;
                    }

                    if (back && MoveAllowed(p, y, h, z))
                    {
                        p.Remove(y);
                        p.Remove(z);
                        p.Place(y, h);
                        p.Place(z, g);
                        members[g].Remove(y);
                        members[h].Remove(z);
                        members[g].Add(z);
                        members[h].Add(y);
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Whether unit y may move to host h (in exchange for z from h, unless -1) by every rule; nothing changes.</summary>
    private bool MoveAllowed(Packing p, int y, int h, int z)
    {
        if (_capacityOnly)
        {
            return true;
        }

        var g = p.HostOf[y];
        p.Remove(y);
        if (z >= 0)
        {
            p.Remove(z);
        }

        var ok = p.CanPlace(y, h, _cap);
        if (ok && z >= 0)
        {
            p.Place(y, h);
            ok = p.CanPlace(z, g, _cap);
            p.Remove(y);
        }

        if (z >= 0)
        {
            p.Place(z, h);
        }

        p.Place(y, g);
        return ok;
    }

    /// <summary>Refills the first host (round robin) whose units and the pool allow a heavier load; true when one did.</summary>
    private bool RefillSomeHost(Packing p, List<int> pool, List<int>[] members, bool[] alive)
    {
        for (var t = 0; t < p.Hosts; t++)
        {
            var h = (_nextHost + t) % p.Hosts;
            if (alive[h] && PackSet(p, h, pool, members))
            {
                _nextHost = h + 1;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Empties host h and refills it with the heaviest subset of its former units and the pool that every rule allows
    /// (depth first, heaviest first, node-limited); keeps the result only when it is strictly heavier.
    /// </summary>
    private bool PackSet(Packing p, int h, List<int> pool, List<int>[] members)
    {
        var current = members[h];
        if (current.Count >= PackSetLimit || pool.Count == 0)
        {
            return false;
        }

        var candidates = current.Concat(pool.OrderByDescending(x => _weight[x]).Take(PackSetLimit - current.Count))
            .Where(x => p.LabelAllows(x, p.LabelOf(h)))
            .OrderByDescending(x => _weight[x]).ThenBy(x => x).ToArray();
        var currentWeight = current.Sum(x => _weight[x]);
        var suffix = new double[candidates.Length + 1];
        for (var i = candidates.Length - 1; i >= 0; i--)
        {
            suffix[i] = suffix[i + 1] + _weight[candidates[i]];
        }

        if (suffix[0] <= currentWeight + 1e-9)
        {
            return false;
        }

        foreach (var x in current.ToArray())
        {
            p.Remove(x);
        }

        var chosen = new List<int>();
        var best = new List<int>(current);
        var bestWeight = currentWeight;
        var nodes = 0;
        void Dfs(int i, double w)
        {
            if (w > bestWeight + 1e-9)
            {
                bestWeight = w;
                best = [.. chosen];
            }

            if (i == candidates.Length || nodes++ > PackSetNodes || w + suffix[i] <= bestWeight + 1e-9)
            {
                return;
            }

            var x = candidates[i];
            if (p.CanPlace(x, h, _cap))
            {
                p.Place(x, h);
                chosen.Add(x);
                Dfs(i + 1, w + _weight[x]);
                chosen.RemoveAt(chosen.Count - 1);
                p.Remove(x);
            }

            Dfs(i + 1, w);
        }

        Dfs(0, 0);
        foreach (var x in best)
        {
            p.Place(x, h);
        }

        if (bestWeight <= currentWeight + 1e-9)
        {
            return false;
        }

        var inBest = new HashSet<int>(best);
        var leaving = current.Where(x => !inBest.Contains(x)).ToList();
        pool.RemoveAll(inBest.Contains);
        pool.AddRange(leaving);
        members[h] = best;
        return true;
    }

    /// <summary>Whether x may join h once a (and b, unless -1) left it, by every rule; the packing is left as it was.</summary>
    private bool Allowed(Packing p, int x, int h, int a, int b)
    {
        if (_capacityOnly)
        {
            return true;
        }

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
