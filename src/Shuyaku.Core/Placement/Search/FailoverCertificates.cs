namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Verifies restarts an exact backend gives with its plan: for every set of k hosts, a scenario that restarts each unit
/// of the failed hosts (all its items together) on a survivor where it fits the failover capacity and every rule,
/// checked through the same feasibility test as every placement decision.
/// </summary>
internal static class FailoverCertificates
{
    /// <summary>Whether <paramref name="scenarios"/> hold a valid restart for every set of <paramref name="k"/> hosts of the packing.</summary>
    public static bool Cover(Packing packing, int k, IReadOnlyList<FailoverScenario> scenarios)
    {
        var u = packing.Units;
        var unitOf = new int[u.Problem.Items];
        for (var x = 0; x < u.Count; x++)
        {
            foreach (var item in u.Members[x])
            {
                unitOf[item] = x;
            }
        }

        var byFailed = new Dictionary<string, FailoverScenario>(StringComparer.Ordinal);
        foreach (var s in scenarios)
        {
            byFailed.TryAdd(Key(s.FailedHosts), s);
        }

        return packing.Hosts > k && FailureSets.All(packing.Hosts, k)
            .All(failed => byFailed.TryGetValue(Key(failed), out var s) && Fits(packing, failed, s, unitOf));
    }

    /// <summary>Whether one scenario's restarts move exactly the units of the failed hosts, each whole onto a survivor that takes it.</summary>
    private static bool Fits(Packing p, int[] failed, FailoverScenario scenario, int[] unitOf)
    {
        var u = p.Units;
        var target = new Dictionary<int, int>();
        var items = new HashSet<int>();
        foreach (var (item, host) in scenario.Restarts)
        {
            if (item < 0 || item >= unitOf.Length || !items.Add(item) || host < 0 || host >= p.Hosts || failed.Contains(host))
            {
                return false;
            }

            var x = unitOf[item];
            if (!failed.Contains(p.HostOf[x]) || (target.TryGetValue(x, out var t) && t != host))
            {
                return false;
            }

            target[x] = host;
        }

        var displaced = Enumerable.Range(0, u.Count).Where(x => failed.Contains(p.HostOf[x])).ToList();
        if (displaced.Any(x => !target.ContainsKey(x)) || items.Count != displaced.Sum(x => u.Members[x].Length))
        {
            return false;
        }

        // After a failure, an idle spare takes whatever must restart, whichever zone it was kept for.
        using var released = p.ReleaseZones();
        var home = displaced.Select(x => p.HostOf[x]).ToArray();
        foreach (var x in displaced)
        {
            p.Remove(x);
        }

        var placed = new List<int>();
        var ok = true;
        foreach (var x in displaced)
        {
            if (!p.CanPlace(x, target[x], u.Problem.FailoverCapacity))
            {
                ok = false;
                break;
            }

            p.Place(x, target[x]);
            placed.Add(x);
        }

        foreach (var x in placed)
        {
            p.Remove(x);
        }

        for (var i = 0; i < displaced.Count; i++)
        {
            p.Place(displaced[i], home[i]);
        }

        return ok;
    }

    private static string Key(IEnumerable<int> hosts) => string.Join(',', hosts.Order());
}
