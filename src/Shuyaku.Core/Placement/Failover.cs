namespace Shuyaku.Placement;

/// <summary>Where the workloads of failed hosts restart in one failure scenario.</summary>
public sealed record FailoverScenario(int[] FailedHosts, (int Item, int Host)[] Restarts);

/// <summary>
/// N+k by re-placement: for every set of k failed hosts, the units on them are restarted (largest first, best fit)
/// on the survivors within the failover capacity and every rule; survivors keep what they run.
/// </summary>
internal static class Failover
{
    /// <summary>Checks every scenario; returns the restarts of each, or the first unit that could not restart.</summary>
    public static (List<FailoverScenario>? Scenarios, int FailedUnit, int[]? FailedHosts) Verify(Packing packing, int k, bool keepCertificates)
    {
        var scenarios = keepCertificates ? new List<FailoverScenario>() : null;
        if (k == 0)
        {
            return (scenarios, -1, null);
        }

        var hosts = packing.Hosts;
        if (hosts <= k)
        {
            var any = Enumerable.Range(0, packing.Units.Count).FirstOrDefault();
            return (null, any, Enumerable.Range(0, hosts).ToArray());
        }

        var onHost = new List<int>[hosts];
        for (var h = 0; h < hosts; h++)
        {
            onHost[h] = [];
        }

        for (var x = 0; x < packing.Units.Count; x++)
        {
            onHost[packing.HostOf[x]].Add(x);
        }

        foreach (var failed in Combinations(hosts, k))
        {
            var (ok, unit, restarts) = Restart(packing, failed, onHost);
            if (!ok)
            {
                return (null, unit, failed);
            }

            scenarios?.Add(new FailoverScenario(failed, restarts));
        }

        return (scenarios, -1, null);
    }

    /// <summary>
    /// Restarts the units of the failed hosts on the survivors: best fit in decreasing order of size, then of the largest
    /// share of one resource, then worst fit; the first that places everything wins.
    /// </summary>
    private static (bool Ok, int Unit, (int Item, int Host)[] Restarts) Restart(Packing packing, int[] failed, List<int>[] onHost)
    {
        var u = packing.Units;
        var displaced = failed.SelectMany(h => onHost[h]).ToList();
        var bySize = displaced.OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToList();
        var first = TryRestart(packing, failed, bySize, worstFit: false);
        if (first.Ok)
        {
            return first;
        }

        var byLargestShare = displaced.OrderByDescending(x => LargestShare(u, x)).ThenBy(x => x).ToList();
        var second = TryRestart(packing, failed, byLargestShare, worstFit: false);
        if (second.Ok)
        {
            return second;
        }

        var third = TryRestart(packing, failed, bySize, worstFit: true);
        return third.Ok ? third : first;
    }

    private static double LargestShare(Units u, int x)
    {
        var cap = u.Problem.FailoverCapacity;
        var m = 0.0;
        for (var k = 0; k < u.Dimensions; k++)
        {
            m = Math.Max(m, cap[k] > 0 ? u.DemandOf(x, k) / cap[k] : 0);
        }

        return m;
    }

    private static (bool Ok, int Unit, (int Item, int Host)[] Restarts) TryRestart(Packing packing, int[] failed, List<int> moving, bool worstFit)
    {
        var u = packing.Units;
        var cap = u.Problem.FailoverCapacity;

        // After a failure, an idle spare takes whatever must restart, whichever zone it was kept for.
        var p = packing.Clone(releaseZones: true);
        foreach (var x in moving)
        {
            p.Remove(x);
        }

        var isFailed = new bool[p.Hosts];
        foreach (var h in failed)
        {
            isFailed[h] = true;
        }

        var restarts = new List<(int, int)>();
        foreach (var x in moving)
        {
            var target = -1;
            var bestScore = double.MinValue;
            for (var h = 0; h < p.Hosts; h++)
            {
                if (isFailed[h] || !p.CanPlace(x, h, cap))
                {
                    continue;
                }

                var score = worstFit ? -p.Fill(h, cap) : p.Fill(h, cap);
                if (score > bestScore)
                {
                    bestScore = score;
                    target = h;
                }
            }

            if (target < 0)
            {
                return (false, x, []);
            }

            p.Place(x, target);
            foreach (var item in u.Members[x])
            {
                restarts.Add((item, target));
            }
        }

        return (true, -1, [.. restarts.OrderBy(r => r.Item1)]);
    }

    public static IEnumerable<int[]> Combinations(int n, int k)
    {
        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])c.Clone();
            var i = k - 1;
            while (i >= 0 && c[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            c[i]++;
            for (var j = i + 1; j < k; j++)
            {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    /// <summary>
    /// Spreads the units over a fixed set of hosts (each with a group label and a zone), each to the host it leaves least
    /// filled: an even load leaves room on every host for the workloads of a failed one. Returns the unit that did not fit.
    /// </summary>
    public static (Packing? Packing, int FailedUnit) Balance(Units u, IReadOnlyList<(int Label, int Zone)> kinds)
    {
        var p = new Packing(u);
        foreach (var (label, zone) in kinds)
        {
            p.Open(label, zone);
        }

        var cap = u.Problem.Capacity;
        var order = Enumerable.Range(0, u.Count).OrderByDescending(x => u.Size[x]).ThenBy(x => x);
        foreach (var x in order)
        {
            var chosen = -1;
            var best = double.MaxValue;
            for (var h = 0; h < p.Hosts; h++)
            {
                if (!p.CanPlace(x, h, cap))
                {
                    continue;
                }

                var score = p.MaxFillWith(h, x, cap) + (1e-6 * p.Fill(h, cap));
                if (score < best - 1e-12)
                {
                    best = score;
                    chosen = h;
                }
            }

            if (chosen < 0)
            {
                return (null, x);
            }

            p.Place(x, chosen);
        }

        return (p, -1);
    }
}
