namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// N+k with fewer idle spares: room on the loaded hosts of a label instead of one more spare of that label. Idle spares
/// are added per label (<see cref="SpareHosts"/>): when a label's loaded hosts in a zone are full (in capacity or in
/// max-per-host slots), a failed host's units bound to that label restart only on an idle spare of it, so with k ≥ 2 each
/// label wants k spares of its own. Here an idle spare is dropped, and while some set of k failures leaves a unit without a
/// host, one unit moves in normal operation off a survivor that the unit may restart on, to another loaded survivor,
/// so that the unit fits there within the failover capacity (or, when no move does, a survivor of its zone takes the one
/// label the unit is bound to; failing that, two units swap hosts, or a unit moves onto a host of the failed set); the
/// spare stays dropped only when every set restarts again.
/// </summary>
internal static class SpareRoom
{
    /// <summary>Moves one try at dropping a spare may make (each followed by a check of every set of k failures).</summary>
    public const int MovesPerSpare = 40;

    /// <summary>How often one unit may move in one try, so that two moves cannot undo each other for ever.</summary>
    private const int MovesPerUnit = 2;

    /// <summary>
    /// A copy of <paramref name="spared"/> (a packing plus idle spares that survives every set of <paramref name="k"/>
    /// failures) with as many spares dropped as room found for them, never below <paramref name="target"/> hosts; null when
    /// none could be dropped.
    /// </summary>
    public static Packing? Reduce(Packing spared, int k, int target)
    {
        var p = spared;
        var reduced = false;
        while (p.Hosts > target && DropOne(p, k) is { } fewer)
        {
            p = fewer;
            reduced = true;
        }

        return reduced ? p : null;
    }

    /// <summary>
    /// One idle host dropped with room made for it: tried for each label of the idle hosts once (the label with the most
    /// idle hosts first, then by label; its last idle host), the first that survives every set of k failures kept.
    /// </summary>
    private static Packing? DropOne(Packing p, int k)
    {
        var idle = Enumerable.Range(0, p.Hosts).Where(h => p.CountOf(h) == 0).ToList();
        foreach (var label in idle.GroupBy(p.LabelOf).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key))
        {
            var fewer = SpareHosts.Without(p, idle.Last(h => p.LabelOf(h) == label));
            if (MakeRoom(fewer, k))
            {
                return fewer;
            }
        }

        return null;
    }

    /// <summary>Moves units in <paramref name="p"/> until every set of k failures restarts (true), or no move helps or the moves run out (false).</summary>
    private static bool MakeRoom(Packing p, int k)
    {
        var moved = new int[p.Units.Count];
        var relabelled = new bool[p.Hosts];
        for (var move = 0; move <= MovesPerSpare; move++)
        {
            var (_, unit, failed) = Failover.Verify(p, k, keepCertificates: false);
            if (unit < 0)
            {
                return true;
            }

            if (move == MovesPerSpare || failed is null || !Move(p, k, unit, failed, moved, relabelled))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Makes room for <paramref name="x"/> (on a failed host) on a loaded survivor g of its zone whose label it allows:
    /// moves a unit y of g to another survivor within the normal capacity and every rule (an idle one only while more
    /// hosts are idle than lonely units can fail at once), such that x then fits on g within the failover capacity. Of the
    /// moves that do, one to a loaded host wins over one to an idle host (which then runs y and keeps its room for
    /// restarts), then the smallest y (sum over resources of demand ÷ normal capacity), then the destination left least
    /// full, then the lowest host numbers. When none exists, <see cref="Relabel"/>, then <see cref="Swap"/>, then
    /// <see cref="OntoFailed"/>.
    /// </summary>
    private static bool Move(Packing p, int k, int x, int[] failed, int[] moved, bool[] relabelled)
    {
        var u = p.Units;
        if (u.Lonely[x])
        {
            return false;
        }

        var normal = u.Problem.Capacity;
        var failover = u.Problem.FailoverCapacity;
        var isFailed = new bool[p.Hosts];
        foreach (var f in failed)
        {
            isFailed[f] = true;
        }

        var survivors = Enumerable.Range(0, p.Hosts).Where(h => !isFailed[h] && p.CountOf(h) > 0).ToList();
        // An idle host may take y only while more idle hosts stay than lonely units can fail at once: each needs one of its own.
        var lonely = Math.Min(k, Enumerable.Range(0, u.Count).Count(v => u.Lonely[v]));
        var idle = Enumerable.Range(0, p.Hosts).Count(h => p.CountOf(h) == 0) > lonely
            ? [.. Enumerable.Range(0, p.Hosts).Where(h => !isFailed[h] && p.CountOf(h) == 0)]
            : new List<int>();
        var byHost = survivors.ToDictionary(h => h, _ => new List<int>());
        for (var y = 0; y < u.Count; y++)
        {
            if (p.HostOf[y] >= 0 && byHost.TryGetValue(p.HostOf[y], out var list))
            {
                list.Add(y);
            }
        }

        (int Y, int To)? best = null;
        var bestKey = (int.MaxValue, double.MaxValue, double.MaxValue);
        foreach (var g in survivors)
        {
            if (p.ZoneOf(g) != u.Zone[x] || !p.LabelAllows(x, p.LabelOf(g)))
            {
                continue;
            }

            foreach (var y in byHost[g])
            {
                if (moved[y] >= MovesPerUnit || u.Lonely[y])
                {
                    continue;
                }

                p.Remove(y);
                if (p.CanPlace(x, g, failover))
                {
                    foreach (var to in survivors.Concat(idle))
                    {
                        if (to != g && p.CanPlace(y, to, normal))
                        {
                            p.Place(y, to);
                            var key = (p.CountOf(to) == 1 ? 1 : 0, u.Size[y], p.Fill(to, normal));
                            p.Remove(y);
                            if (key.CompareTo(bestKey) < 0)
                            {
                                bestKey = key;
                                best = (y, to);
                            }
                        }
                    }
                }

                p.Place(y, g);
            }
        }

        if (best is not { } chosen)
        {
            return Relabel(p, x, survivors, relabelled) || Swap(p, x, survivors, byHost, moved) || OntoFailed(p, x, failed, survivors, moved);
        }

        p.Remove(chosen.Y);
        p.Place(chosen.Y, chosen.To);
        moved[chosen.Y]++;
        return true;
    }

    /// <summary>
    /// When no move makes room for <paramref name="x"/>: the first loaded survivor of its zone (by host number), not
    /// relabelled before in this try, that x's label does not allow but whose units all allow the label x is bound to
    /// (its group when fenced, no group when banned from every group), and on which x then fits within the failover
    /// capacity, takes that label; false when none exists or x may run on more than one label.
    /// </summary>
    private static bool Relabel(Packing p, int x, List<int> survivors, bool[] relabelled)
    {
        var u = p.Units;
        var label = LabelSplit.OnlyLabel(u, x, u.Problem.GroupNames.Length);
        if (label < -1 || u.Lonely[x])
        {
            return false;
        }

        foreach (var g in survivors)
        {
            if (relabelled[g] || p.ZoneOf(g) != u.Zone[x] || p.LabelOf(g) == label
                || !Enumerable.Range(0, u.Count).Where(y => p.HostOf[y] == g).All(y => p.LabelAllows(y, label)))
            {
                continue;
            }

            var old = p.LabelOf(g);
            p.Relabel(g, label);
            if (p.CanPlace(x, g, u.Problem.FailoverCapacity))
            {
                relabelled[g] = true;
                return true;
            }

            p.Relabel(g, old);
        }

        return false;
    }

    /// <summary>
    /// When neither a move nor <see cref="Relabel"/> makes room for <paramref name="x"/>: a unit y moves in normal operation
    /// off a loaded survivor g of x's zone whose label x allows onto a loaded host of the failed set (x's own included)
    /// within the normal capacity and every rule, such that x then fits on g within the failover capacity;
    /// y then fails with that host and restarts with its units (on an idle spare, or in room elsewhere). Of those, the
    /// smallest y, then the destination left least full, then the lowest host and unit numbers. False when none exists.
    /// </summary>
    private static bool OntoFailed(Packing p, int x, int[] failed, List<int> survivors, int[] moved)
    {
        var u = p.Units;
        var normal = u.Problem.Capacity;
        (int Y, int To)? best = null;
        var bestKey = (double.MaxValue, double.MaxValue);
        foreach (var g in survivors)
        {
            if (p.ZoneOf(g) != u.Zone[x] || !p.LabelAllows(x, p.LabelOf(g)))
            {
                continue;
            }

            foreach (var y in Enumerable.Range(0, u.Count).Where(y => p.HostOf[y] == g).ToList())
            {
                if (moved[y] >= MovesPerUnit || u.Lonely[y])
                {
                    continue;
                }

                p.Remove(y);
                if (p.CanPlace(x, g, u.Problem.FailoverCapacity))
                {
                    foreach (var to in failed)
                    {
                        if (p.CountOf(to) > 0 && p.CanPlace(y, to, normal))
                        {
                            p.Place(y, to);
                            var key = (u.Size[y], p.Fill(to, normal));
                            p.Remove(y);
                            if (key.CompareTo(bestKey) < 0)
                            {
                                bestKey = key;
                                best = (y, to);
                            }
                        }
                    }
                }

                p.Place(y, g);
            }
        }

        if (best is not { } chosen)
        {
            return false;
        }

        p.Remove(chosen.Y);
        p.Place(chosen.Y, chosen.To);
        moved[chosen.Y]++;
        return true;
    }

    /// <summary>
    /// When neither a move nor <see cref="Relabel"/> makes room for <paramref name="x"/>: two units swap hosts in normal
    /// operation — y of a loaded survivor g of x's zone whose label x allows, and z of another loaded survivor — each
    /// within the normal capacity and every rule on its new host, such that x then fits on g within the failover capacity.
    /// Of those, the least the two swapped sizes differ (the sum over resources of demand ÷ normal capacity), then the
    /// lowest host and unit numbers. False when none exists.
    /// </summary>
    private static bool Swap(Packing p, int x, List<int> survivors, Dictionary<int, List<int>> byHost, int[] moved)
    {
        var u = p.Units;
        var normal = u.Problem.Capacity;
        var failover = u.Problem.FailoverCapacity;
        (int Y, int Z)? best = null;
        var bestKey = double.MaxValue;
        foreach (var g in survivors)
        {
            if (p.ZoneOf(g) != u.Zone[x] || !p.LabelAllows(x, p.LabelOf(g)))
            {
                continue;
            }

            foreach (var y in byHost[g])
            {
                if (moved[y] >= MovesPerUnit || u.Lonely[y])
                {
                    continue;
                }

                foreach (var to in survivors)
                {
                    if (to == g || p.ZoneOf(to) != u.Zone[y] || byHost[to].Count < 2)
                    {
                        continue;
                    }

                    foreach (var z in byHost[to])
                    {
                        var key = Math.Abs(u.Size[y] - u.Size[z]);
                        if (moved[z] >= MovesPerUnit || u.Lonely[z] || key >= bestKey)
                        {
                            continue;
                        }

                        p.Remove(y);
                        p.Remove(z);
                        if (p.CanPlace(z, g, normal))
                        {
                            p.Place(z, g);
                            if (p.CanPlace(y, to, normal))
                            {
                                p.Place(y, to);
                                if (p.CanPlace(x, g, failover))
                                {
                                    bestKey = key;
                                    best = (y, z);
                                }

                                p.Remove(y);
                            }

                            p.Remove(z);
                        }

                        p.Place(z, to);
                        p.Place(y, g);
                    }
                }
            }
        }

        if (best is not { } chosen)
        {
            return false;
        }

        var (from, into) = (p.HostOf[chosen.Y], p.HostOf[chosen.Z]);
        p.Remove(chosen.Y);
        p.Remove(chosen.Z);
        p.Place(chosen.Z, from);
        p.Place(chosen.Y, into);
        byHost[from].Remove(chosen.Y);
        byHost[from].Add(chosen.Z);
        byHost[into].Remove(chosen.Z);
        byHost[into].Add(chosen.Y);
        moved[chosen.Y]++;
        moved[chosen.Z]++;
        return true;
    }
}
