namespace Shuyaku.Core.Placement.Search;

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
        if (k == 1 && !keepCertificates && hosts > BestFitHostLimit)
        {
            return VerifySingleFailuresWithTree(packing);
        }

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

        foreach (var failed in FailureSets.All(hosts, k))
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

    /// <summary>Beyond this many hosts a restart takes the first survivor that fits (from the failed host on) instead of the fullest.</summary>
    private const int BestFitHostLimit = 500;

    /// <summary>
    /// Restarts the units of the failed hosts on the survivors, in place on <paramref name="packing"/>, and puts
    /// everything back before returning, so a scenario costs what its restarts cost rather than a copy of the packing.
    /// </summary>
    private static (bool Ok, int Unit, (int Item, int Host)[] Restarts) Restart(Packing packing, int[] failed, List<int>[] onHost)
    {
        var u = packing.Units;

        // After a failure, an idle spare takes whatever must restart, whichever zone it was kept for.
        using var released = packing.ReleaseZones();
        var displaced = failed.SelectMany(h => onHost[h]).ToList();
        var bySize = displaced.OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToList();
        var first = TryRestart(packing, failed, bySize, worstFit: false);
        if (first.Ok || packing.Hosts > BestFitHostLimit)
        {
            return first;
        }

        // Small plans can afford two more tries: by the largest share of one resource, then worst fit.
        var byLargestShare = displaced.OrderByDescending(x => LargestShare(u, x)).ThenBy(x => x).ToList();
        var second = TryRestart(packing, failed, byLargestShare, worstFit: false);
        if (second.Ok)
        {
            return second;
        }

        var third = TryRestart(packing, failed, bySize, worstFit: true);
        if (third.Ok)
        {
            return third;
        }

        // Then the units with the fewest hosts to go to first: lonely ones (an idle host), then those bound to one host label.
        var byFewestHosts = displaced.OrderByDescending(x => Restricted(u, x)).ThenByDescending(x => u.Size[x]).ThenBy(x => x).ToList();
        var fourth = TryRestart(packing, failed, byFewestHosts, worstFit: false);
        if (fourth.Ok)
        {
            return fourth;
        }

        // Then the same order, but a unit free to run on any label avoids the hosts whose label the bound units still to
        // restart need (a lonely unit takes a spare of a label no displaced bound unit needs, when there is one).
        if (packing.Units.Problem.GroupNames.Length > 0 && TryRestart(packing, failed, byFewestHosts, worstFit: false, spareLabels: true) is { Ok: true } fifth)
        {
            return fifth;
        }

        var searched = RestartSearch.Run(packing, failed, displaced);
        return searched.Ok ? searched : first;
    }

    /// <summary>2 for a lonely unit, 1 for one fenced to a group or banned from every group, else 0.</summary>
    private static int Restricted(Units u, int x) =>
        u.Lonely[x] ? 2 : LabelSplit.OnlyLabel(u, x, u.Problem.GroupNames.Length) >= -1 && u.Problem.GroupNames.Length > 0 ? 1 : 0;

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

    /// <summary>
    /// Takes the displaced units <paramref name="moving"/> off their hosts for a restart of the scenario
    /// <paramref name="failed"/>: their homes (to put them back) and which hosts failed.
    /// </summary>
    internal static (int[] Home, bool[] IsFailed) LiftOut(Packing p, int[] failed, List<int> moving)
    {
        var home = moving.Select(x => p.HostOf[x]).ToArray();
        foreach (var x in moving)
        {
            p.Remove(x);
        }

        var isFailed = new bool[p.Hosts];
        foreach (var h in failed)
        {
            isFailed[h] = true;
        }

        return (home, isFailed);
    }

    /// <summary>Undoes a restart: the units <paramref name="placed"/> on survivors off again, the displaced ones back home.</summary>
    internal static void PutBack(Packing p, IEnumerable<int> placed, List<int> moving, int[] home)
    {
        foreach (var x in placed)
        {
            p.Remove(x);
        }

        for (var i = 0; i < moving.Count; i++)
        {
            p.Place(moving[i], home[i]);
        }
    }

    private static (bool Ok, int Unit, (int Item, int Host)[] Restarts) TryRestart(Packing packing, int[] failed, List<int> moving, bool worstFit, bool spareLabels = false)
    {
        var u = packing.Units;
        var groups = u.Problem.GroupNames.Length;

        // With spareLabels: how many of the units still to restart are bound to each label (index label + 1).
        var boundTo = spareLabels ? new int[groups + 1] : [];
        var boundLabel = spareLabels ? moving.Select(x => LabelSplit.OnlyLabel(u, x, groups)).ToArray() : [];
        for (var i = 0; i < boundLabel.Length; i++)
        {
            if (boundLabel[i] >= -1)
            {
                boundTo[boundLabel[i] + 1]++;
            }
        }

        var cap = u.Problem.FailoverCapacity;
        var p = packing;

        var (home, isFailed) = LiftOut(p, failed, moving);

        var restarts = new List<(int, int)>();
        var placed = new List<int>();
        var failedUnit = -1;
        for (var i = 0; i < moving.Count; i++)
        {
            var x = moving[i];
            var target = -1;
            if (spareLabels && boundLabel[i] >= -1)
            {
                boundTo[boundLabel[i] + 1]--;
            }

            var free = spareLabels && boundLabel[i] < -1;
            if (p.Hosts > BestFitHostLimit)
            {
                for (var t = 1; t <= p.Hosts && target < 0; t++)
                {
                    var h = (failed[0] + t) % p.Hosts;
                    if (!isFailed[h] && p.CanPlace(x, h, cap))
                    {
                        target = h;
                    }
                }
            }
            else
            {
                var bestFill = double.MinValue;
                var bestNeed = int.MaxValue;
                for (var h = 0; h < p.Hosts; h++)
                {
                    if (isFailed[h] || !p.CanPlace(x, h, cap))
                    {
                        continue;
                    }

                    var need = free ? boundTo[p.LabelOf(h) + 1] : 0;
                    var f = worstFit ? -p.Fill(h, cap) : p.Fill(h, cap);
                    if (need < bestNeed || (need == bestNeed && f > bestFill))
                    {
                        bestNeed = need;
                        bestFill = f;
                        target = h;
                    }
                }
            }

            if (target < 0)
            {
                failedUnit = x;
                break;
            }

            p.Place(x, target);
            placed.Add(x);
            foreach (var item in u.Members[x])
            {
                restarts.Add((item, target));
            }
        }

        PutBack(p, placed, moving, home);
        return failedUnit >= 0 ? (false, failedUnit, []) : (true, -1, [.. restarts.OrderBy(r => r.Item1)]);
    }

    /// <summary>
    /// N+1 for large packings without rebalancing. First it looks for a plan that survives whatever order the workloads of a
    /// failed host restart in: every host has another that could take all of its units at once within the failover
    /// capacity (see <see cref="HostsWithoutAbsorber"/>); failing that, an idle spare host per host group that needs one
    /// makes it so. Only if even that fails does it move units for good (<see cref="RepairByMoving"/>).
    /// </summary>
    public static Packing? RepairSingleFailures(Packing packing, int maxPasses = 5)
    {
        var p = packing.Clone();
        var lacking = HostsWithoutAbsorber(p);
        if (lacking.Count == 0)
        {
            return p;
        }

        foreach (var label in lacking.Select(p.LabelOf).Distinct().Order())
        {
            p.Open(label);
        }

        return HostsWithoutAbsorber(p).Count == 0 ? p : RepairByMoving(packing, maxPasses);
    }

    /// <summary>Hosts of each kind (group label and zone) tried as the one that takes all of a failed host's units: the least filled.</summary>
    private const int AbsorberCandidates = 16;

    /// <summary>
    /// Hosts with units that no other host could take all at once, within the failover capacity and every rule. A host
    /// that has such an absorber survives its failure under any restart that puts each unit on some host that takes it
    /// (first fit or best fit, in any order): the absorber's load only grows by units of the failed host, so it still
    /// takes each unit not yet placed. The checker and the solver restart in different orders; this holds for both.
    /// </summary>
    public static List<int> HostsWithoutAbsorber(Packing p)
    {
        var u = p.Units;
        var cap = u.Problem.FailoverCapacity;
        var onHost = Enumerable.Range(0, p.Hosts).Select(_ => new List<int>()).ToArray();
        for (var x = 0; x < u.Count; x++)
        {
            onHost[p.HostOf[x]].Add(x);
        }

        // The least filled hosts of each kind, so that one zone's or group's light hosts do not crowd out another's;
        // a failed host tries its own kind first.
        var kindOf = Enumerable.Range(0, p.Hosts).Select(h => (Label: p.LabelOf(h), Zone: p.ZoneOf(h))).ToArray();
        var byKind = Enumerable.Range(0, p.Hosts)
            .GroupBy(h => kindOf[h])
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, Hosts: g.OrderBy(h => p.MaxFillWith(h, -1, cap)).ThenBy(h => h).Take(AbsorberCandidates).ToArray()))
            .ToList();
        var lacking = new List<int>();

        // After a failure, an idle spare takes whatever must restart, whichever zone it was kept for.
        using var released = p.ReleaseZones();
        for (var f = 0; f < p.Hosts; f++)
        {
            var candidates = byKind.Where(c => c.Key == kindOf[f]).Concat(byKind.Where(c => c.Key != kindOf[f])).SelectMany(c => c.Hosts);
            if (onHost[f].Count > 0 && !candidates.Any(s => s != f && Absorbs(p, s, onHost[f])))
            {
                lacking.Add(f);
            }
        }

        return lacking;
    }

    /// <summary>Whether host s takes every one of the given units (all from one other host) at once; leaves the packing as it was.</summary>
    private static bool Absorbs(Packing p, int s, List<int> units)
    {
        var cap = p.Units.Problem.FailoverCapacity;
        var home = p.HostOf[units[0]];
        foreach (var x in units)
        {
            p.Remove(x);
        }

        var placed = 0;
        while (placed < units.Count && p.CanPlace(units[placed], s, cap))
        {
            p.Place(units[placed], s);
            placed++;
        }

        for (var i = 0; i < placed; i++)
        {
            p.Remove(units[i]);
        }

        foreach (var x in units)
        {
            p.Place(x, home);
        }

        return placed == units.Count;
    }

    /// <summary>
    /// N+1 by moving units: for each host in turn, its units restart first fit (through a
    /// <see cref="FirstFitTree"/> over the room left within the failover capacity); a unit that finds no room anywhere moves
    /// for good to a spare host (opened as needed, filled up to the normal capacity). Passes repeat until one needs no move.
    /// Returns null when a unit fits no spare host either.
    /// </summary>
    private static Packing? RepairByMoving(Packing packing, int maxPasses)
    {
        var u = packing.Units;
        var p = packing.Clone();
        var cap = u.Problem.Capacity;
        for (var pass = 0; pass < maxPasses; pass++)
        {
            var onHost = Enumerable.Range(0, p.Hosts).Select(_ => new List<int>()).ToArray();
            for (var x = 0; x < u.Count; x++)
            {
                onHost[p.HostOf[x]].Add(x);
            }

            var tree = new FirstFitTree(p, u.Problem.FailoverCapacity);
            var skip = new bool[p.Hosts + 64];
            tree.Skip = skip;
            var spare = -1;
            var moved = 0;
            for (var f = 0; f < onHost.Length; f++)
            {
                while (true)
                {
                    var stuck = RestartWithTree(p, tree, skip, f, onHost[f]);
                    if (stuck < 0)
                    {
                        break;
                    }

                    // Move the stuck unit off host f for good, onto a spare host.
                    p.Remove(stuck);
                    onHost[f].Remove(stuck);
                    tree.Update(f);
                    if (spare < 0 || !p.CanPlace(stuck, spare, cap))
                    {
                        spare = p.Open(u.Fence[stuck]);
                        if (!p.CanPlace(stuck, spare, cap))
                        {
                            return null;
                        }

                        if (skip.Length <= p.Hosts)
                        {
                            Array.Resize(ref skip, 2 * p.Hosts);
                            tree.Skip = skip;
                        }
                    }

                    p.Place(stuck, spare);
                    tree.Update(spare);
                    moved++;
                }
            }

            if (moved == 0)
            {
                return p;
            }
        }

        return null;
    }

    private static (List<FailoverScenario>? Scenarios, int FailedUnit, int[]? FailedHosts) VerifySingleFailuresWithTree(Packing packing)
    {
        var u = packing.Units;
        var onHost = Enumerable.Range(0, packing.Hosts).Select(_ => new List<int>()).ToArray();
        for (var x = 0; x < u.Count; x++)
        {
            onHost[packing.HostOf[x]].Add(x);
        }

        var tree = new FirstFitTree(packing, u.Problem.FailoverCapacity);
        var skip = new bool[packing.Hosts];
        tree.Skip = skip;
        for (var f = 0; f < packing.Hosts; f++)
        {
            var stuck = RestartWithTree(packing, tree, skip, f, onHost[f]);
            if (stuck >= 0)
            {
                return (null, stuck, [f]);
            }
        }

        return (null, -1, null);
    }

    /// <summary>Restarts the units of host f on the others through the tree and undoes it; returns a unit that found no room, or -1.</summary>
    private static int RestartWithTree(Packing p, FirstFitTree tree, bool[] skip, int f, List<int> units)
    {
        // After a failure, an idle spare takes whatever must restart, whichever zone it was kept for.
        using var released = p.ReleaseZones();
        var u = p.Units;
        var moving = units.OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToList();
        foreach (var x in moving)
        {
            p.Remove(x);
        }

        tree.Update(f);
        skip[f] = true;
        var placed = new List<(int Unit, int Host)>();
        var stuck = -1;
        foreach (var x in moving)
        {
            var h = tree.Find(x);
            if (h < 0)
            {
                stuck = x;
                break;
            }

            p.Place(x, h);
            tree.Update(h);
            placed.Add((x, h));
        }

        foreach (var (x, h) in placed)
        {
            p.Remove(x);
            tree.Update(h);
        }

        foreach (var x in moving)
        {
            p.Place(x, f);
        }

        skip[f] = false;
        tree.Update(f);
        return stuck;
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
