namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Prepares a packing for one idle spare per label when a max-per-host rule over every workload fills hosts to their slot
/// limit. A unit bound to one label (fenced to a group, or banned from every group) restarts only on a host of that label
/// running its zone, or on an idle one of that label. With one idle spare of each label, k failures that take the spare
/// leave t = k − 1 for the label's loaded hosts of a zone; their bound units then restart only in the free slots of the
/// label's other hosts of that zone. With N+1 (t = 1) the aim is one idle spare in all: a failed loaded host's bound units
/// restart on its label's other hosts of the zone, and the one spare, whatever its label, takes the unbound ones. So for each zone and label: with a_h the slots that host h's bound units take and f_h
/// its free slots, a_i + f_i plus the t − 1 largest a_h + f_h of the others must be at most the label's free slots F in
/// that zone, for every host i (then any t failed hosts' bound units find free slots on the others; the same per resource
/// with the failover capacity's room). A tight packing leaves the zone's free slots on one or two hosts,
/// whatever their label; here the bound units of each label are evened out over its hosts, and unbound units move so that
/// free slots go where that condition needs them. Every move keeps the normal capacity and every rule; the host count and
/// labels do not change.
/// </summary>
internal static class SlotRoom
{
    /// <summary>Moves one arrangement may make.</summary>
    private const int MaxMoves = 400;

    private const double Epsilon = 1e-9;

    /// <summary>
    /// A copy of the packing arranged as above, or null when nothing moved (or no host groups, or k below 1); without a
    /// slot rule (<see cref="SlotRule"/>) only the resources count. The planner runs it only where there is one.
    /// </summary>
    public static Packing? Arrange(Packing best, int k)
    {
        var u = best.Units;
        var groups = u.Problem.GroupNames.Length;
        var rule = SlotRule(u);
        if (k < 1 || groups == 0)
        {
            return null;
        }

        var p = best.Clone();
        var moves = 0;
        for (var z = 0; z < u.ZoneCount; z++)
        {
            for (var label = -1; label < groups; label++)
            {
                moves += EvenBound(p, z, label, groups, MaxMoves - moves);
            }
        }

        // With N+1 the plan aims at one idle spare in all: a failed loaded host's bound units restart on its label's other hosts.
        var t = Math.Max(1, k - 1);
        var stuck = new HashSet<(int, int)>();
        while (moves < MaxMoves && Violated(p, rule, t, groups, stuck) is { } worst)
        {
            if (FreeRoom(p, rule, t, groups, worst.Zone, worst.Label))
            {
                moves++;
            }
            else
            {
                stuck.Add(worst);
            }
        }

        return moves > 0 ? p : null;
    }

    /// <summary>The max-per-host rule that counts every item of every unit, or null.</summary>
    internal static int? SlotRule(Units u)
    {
        for (var r = 0; r < u.RuleLimit.Length; r++)
        {
            if (Enumerable.Range(0, u.Count).All(x => u.RuleCount[r][x] == u.Members[x].Length))
            {
                return r;
            }
        }

        return null;
    }

    private static bool IsBound(Units u, int x, int label, int groups) => !u.Lonely[x] && LabelSplit.OnlyLabel(u, x, groups) == label;

    /// <summary>Moves bound units of the label and zone from its host with the most to the one with the fewest while they differ by two or more.</summary>
    private static int EvenBound(Packing p, int zone, int label, int groups, int budget)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        var bound = Enumerable.Range(0, u.Count).Where(x => u.Zone[x] == zone && IsBound(u, x, label, groups) && p.HostOf[x] >= 0).ToList();
        var hosts = LabelSplit.HostsOf(p, label, zone);
        var moves = 0;
        while (bound.Count > 0 && hosts.Count > 1 && moves < budget)
        {
            var counts = hosts.ToDictionary(h => h, h => bound.Count(x => p.HostOf[x] == h));
            var source = counts.OrderByDescending(e => e.Value).ThenBy(e => e.Key).First().Key;
            var target = counts.OrderBy(e => e.Value).ThenBy(e => e.Key).First().Key;
            if (counts[source] < counts[target] + 2)
            {
                break;
            }

            var moved = bound.Where(x => p.HostOf[x] == source).OrderBy(x => u.Size[x]).ThenBy(x => x)
                .Any(x => LabelSplit.MoveOrSwap(p, x, source, target, bound, cap));
            if (!moved)
            {
                break;
            }

            moves++;
        }

        return moves;
    }

    /// <summary>
    /// Per dimension (the slots of the slot rule when there is one, then each resource ÷ the normal capacity): what the
    /// label's bound units take on host h (a_h), and what is free there (f_h: the slots left; the failover capacity less the load).
    /// </summary>
    private static (double[] Bound, double[] Free) Room(Packing p, int? rule, int h, int label, int groups)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        var failover = u.Problem.FailoverCapacity;
        var dims = u.Dimensions + (rule is null ? 0 : 1);
        var bound = new double[dims];
        var free = new double[dims];
        var offset = rule is null ? 0 : 1;
        var used = 0;
        for (var x = 0; x < u.Count; x++)
        {
            if (p.HostOf[x] != h)
            {
                continue;
            }

            var isBound = IsBound(u, x, label, groups);
            if (rule is { } r)
            {
                used += u.RuleCount[r][x];
                bound[0] += isBound ? u.RuleCount[r][x] : 0;
            }

            for (var d = 0; d < u.Dimensions; d++)
            {
                bound[offset + d] += isBound && cap[d] > 0 ? u.DemandOf(x, d) / cap[d] : 0;
            }
        }

        if (rule is { } rl)
        {
            free[0] = u.RuleLimit[rl] - used;
        }

        for (var d = 0; d < u.Dimensions; d++)
        {
            free[offset + d] = cap[d] > 0 ? Math.Max(0, failover[d] - p.LoadOf(h, d)) / cap[d] : 0;
        }

        return (bound, free);
    }

    /// <summary>
    /// How far the label's hosts in the zone fall short of room for their bound units: for each dimension and each host i,
    /// by how much a_i + f_i plus the t − 1 largest a_h + f_h of the others exceeds the label's free room F there (so that
    /// host i failing with those others leaves its bound units and theirs room on the rest), summed over hosts and
    /// dimensions where it does; 0 when it does nowhere or the label has no bound units in the zone.
    /// </summary>
    private static double Shortfall(Packing p, int? rule, int t, int groups, int zone, int label) =>
        Shortfall(LabelSplit.HostsOf(p, label, zone).Select(h => Room(p, rule, h, label, groups)).ToList(), t);

    /// <summary>The shortfall of a label's hosts in one zone from their rooms (<see cref="Room"/>).</summary>
    private static double Shortfall(IReadOnlyCollection<(double[] Bound, double[] Free)> rooms, int t)
    {
        if (rooms.Count == 0 || rooms.All(r => r.Bound.All(b => b == 0)))
        {
            return 0;
        }

        var list = rooms.ToList();
        var total = 0.0;
        for (var d = 0; d < list[0].Bound.Length; d++)
        {
            var free = list.Sum(r => r.Free[d]);
            for (var i = 0; i < list.Count; i++)
            {
                // Host i fails with the t − 1 others whose bound units and free room weigh most: what is left free must hold them.
                var others = t == 1 ? 0 : list.Where((_, j) => j != i).Select(r => r.Bound[d] + r.Free[d]).OrderDescending().Take(t - 1).Sum();
                total += Math.Max(0, list[i].Bound[d] + list[i].Free[d] + others - free);
            }
        }

        return total;
    }

    /// <summary>The first zone and label (zone, then label order) with a shortfall, skipping those where nothing helped.</summary>
    private static (int Zone, int Label)? Violated(Packing p, int? rule, int t, int groups, HashSet<(int, int)> stuck)
    {
        var u = p.Units;
        for (var z = 0; z < u.ZoneCount; z++)
        {
            for (var label = -1; label < groups; label++)
            {
                if (!stuck.Contains((z, label)) && Shortfall(p, rule, t, groups, z, label) > Epsilon)
                {
                    return (z, label);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// One move of an unbound unit y (not lonely, not bound to the label) off a host j of the label and zone, onto another
    /// loaded host of the zone within the normal capacity and every rule, such that the label's shortfall falls (by more
    /// than 10⁻⁹) and the shortfall of the destination's label does not rise. The smallest y first (sum over resources of
    /// demand ÷ normal capacity), then j with the least summed a_j + f_j, then the destination with the most free room
    /// (summed over the dimensions), each on a tie by number; true when a move was made.
    /// </summary>
    private static bool FreeRoom(Packing p, int? rule, int t, int groups, int zone, int label)
    {
        var u = p.Units;
        var cap = u.Problem.Capacity;
        var zoneHosts = Enumerable.Range(0, p.Hosts).Where(h => p.ZoneOf(h) == zone && p.CountOf(h) > 0).ToList();
        // Each label's rooms on the zone's hosts of that label; a move changes only the rooms of its two hosts.
        var rooms = zoneHosts.Select(p.LabelOf).Distinct()
            .ToDictionary(l => l, l => zoneHosts.Where(h => p.LabelOf(h) == l).ToDictionary(h => h, h => Room(p, rule, h, l, groups)));
        var before = rooms.ToDictionary(e => e.Key, e => Shortfall(e.Value.Values, t));
        double After(int l, int j, int h) =>
            Shortfall([.. rooms[l].Select(e => e.Key == j || e.Key == h ? Room(p, rule, e.Key, l, groups) : e.Value)], t);
        var sources = rooms[label].Keys.OrderBy(h => rooms[label][h].Bound.Sum() + rooms[label][h].Free.Sum()).ThenBy(h => h).ToList();
        var destinations = zoneHosts.OrderByDescending(h => Room(p, rule, h, label, groups).Free.Sum()).ThenBy(h => h).ToList();
        var candidates = sources.SelectMany(j => Enumerable.Range(0, u.Count)
                .Where(y => p.HostOf[y] == j && !u.Lonely[y] && !IsBound(u, y, label, groups))
                .Select(y => (Y: y, J: j)))
            .OrderBy(c => u.Size[c.Y]).ThenBy(c => sources.IndexOf(c.J)).ThenBy(c => c.Y).ToList();
        foreach (var (y, j) in candidates)
        {
            foreach (var h in destinations)
            {
                if (h == j)
                {
                    continue;
                }

                p.Remove(y);
                if (p.CanPlace(y, h, cap))
                {
                    p.Place(y, h);
                    var other = p.LabelOf(h);
                    if (After(label, j, h) < before[label] - Epsilon
                        && (other == label || After(other, j, h) <= before[other] + Epsilon))
                    {
                        return true;
                    }

                    p.Remove(y);
                }

                p.Place(y, j);
            }
        }

        return false;
    }
}
