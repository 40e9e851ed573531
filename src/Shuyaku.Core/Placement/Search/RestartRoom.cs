namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// N+1 without spares, when the survivors' spare room is made of many small slots: a failed host's units restart in any
/// order. For a failed host f, let m be the largest demand of its units in each resource, and let a survivor's slots be
/// how many units of size m it could still take within the failover capacity (the least, over resources, of its room
/// divided by m). Every unit of f is at most m, so placing one takes at most one slot from the host it goes to, and a
/// host with a slot takes any unit of f. So when the survivors' slots number at least f's units plus the slots of the
/// hosts a spread rule may close to one unit (its spread partners' hosts, each at most the largest slot count), every
/// restart that puts each unit on some survivor that takes it — first fit, best fit, in any order — places them all.
/// The planner's own restarts (written to plan.json) and the checker's therefore both succeed.
/// </summary>
internal static class RestartRoom
{
    /// <summary>
    /// Whether every single host failure restarts in any order as above. Declines (false) with max-per-host rules, lonely
    /// units on a host, or time-aligned sizing, where slots do not describe the room.
    /// </summary>
    public static bool SurvivesAnyOrder(Packing p)
    {
        var u = p.Units;
        if (u.RuleLimit.Length > 0 || u.Stepped || u.Demand.Any(v => v < 0))
        {
            return false;
        }

        var d = u.Dimensions;
        var cap = u.Problem.FailoverCapacity;
        var onHost = new List<int>[p.Hosts];
        for (var h = 0; h < p.Hosts; h++)
        {
            onHost[h] = [];
        }

        for (var x = 0; x < u.Count; x++)
        {
            onHost[p.HostOf[x]].Add(x);
        }

        var largest = new double[d];
        for (var f = 0; f < p.Hosts; f++)
        {
            var units = onHost[f];
            if (units.Count == 0)
            {
                continue;
            }

            if (units.Any(x => u.Lonely[x]))
            {
                return false;
            }

            Array.Clear(largest);
            var blocked = 0;
            foreach (var x in units)
            {
                for (var k = 0; k < d; k++)
                {
                    largest[k] = Math.Max(largest[k], u.DemandOf(x, k));
                }

                // A spread set closes to x at most the hosts of its other members.
                blocked = Math.Max(blocked, u.SpreadOf[x].Sum(s => u.SpreadUnits[s].Length - 1));
            }

            long slots = 0;
            long most = 0;
            for (var h = 0; h < p.Hosts; h++)
            {
                if (h == f || !Eligible(p, h, units))
                {
                    continue;
                }

                var c = long.MaxValue;
                for (var k = 0; k < d && c > 0; k++)
                {
                    if (largest[k] > 0)
                    {
                        var room = Math.Max(0, cap[k] - p.LoadOf(h, k));
                        c = Math.Min(c, (long)Math.Floor((room * (1 + 1e-12)) / largest[k]));
                    }
                }

                // A host every unit of f fits in any number of (no resource used): as many slots as f has units.
                c = Math.Min(c, units.Count);
                slots += c;
                most = Math.Max(most, c);
            }

            if (slots < units.Count + (blocked * most))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Evens out the survivors' slots (room for a unit as large as the largest of the estate, within the failover
    /// capacity) by moving units, one at a time, from the host with the fewest slots to the one with the most, while the
    /// move raises the lesser of the two; at most <paramref name="maxMoves"/> moves. A tight packing ends with its spare
    /// room on its last hosts; spread over every host, that room lets each failed host's units restart on the others.
    /// Every move goes through <see cref="Packing.CanPlace"/> under the normal capacity, so every rule still holds.
    /// Returns null when the estate's total room cannot be enough (nothing to even out).
    /// </summary>
    public static Packing? Level(Packing packing, int maxMoves)
    {
        var u = packing.Units;
        if (u.RuleLimit.Length > 0 || u.Stepped || u.Demand.Any(v => v < 0) || packing.Hosts < 3)
        {
            return null;
        }

        var d = u.Dimensions;
        var fcap = u.Problem.FailoverCapacity;
        var cap = u.Problem.Capacity;
        var largest = new double[d];
        for (var x = 0; x < u.Count; x++)
        {
            for (var k = 0; k < d; k++)
            {
                largest[k] = Math.Max(largest[k], u.DemandOf(x, k));
            }
        }

        var p = packing.Clone();
        var onHost = new List<int>[p.Hosts];
        for (var h = 0; h < p.Hosts; h++)
        {
            onHost[h] = [];
        }

        for (var x = 0; x < u.Count; x++)
        {
            onHost[p.HostOf[x]].Add(x);
        }

        long SlotsWith(int h, int x, int sign)
        {
            var c = long.MaxValue;
            for (var k = 0; k < d; k++)
            {
                if (largest[k] > 0)
                {
                    var room = Math.Max(0, fcap[k] - p.LoadOf(h, k) - (sign * (x < 0 ? 0 : u.DemandOf(x, k))));
                    c = Math.Min(c, (long)Math.Floor((room * (1 + 1e-12)) / largest[k]));
                }
            }

            return Math.Min(c, u.Count);
        }

        // Enough room in total for the fullest host's units, or evening out cannot make it.
        var slots = Enumerable.Range(0, p.Hosts).Select(h => SlotsWith(h, -1, 0)).ToArray();
        if (slots.Sum() < onHost.Max(l => l.Count))
        {
            return null;
        }

        for (var move = 0; move < maxMoves; move++)
        {
            var (a, b) = (0, 0);
            for (var h = 1; h < p.Hosts; h++)
            {
                a = slots[h] < slots[a] ? h : a;
                b = slots[h] > slots[b] ? h : b;
            }

            if (slots[b] - slots[a] <= 1)
            {
                break;
            }

            var chosen = -1;
            var bestMin = slots[a];
            foreach (var x in onHost[a])
            {
                var after = Math.Min(SlotsWith(a, x, 1), SlotsWith(b, x, -1));
                if (after > bestMin && p.CanPlace(x, b, cap))
                {
                    bestMin = after;
                    chosen = x;
                }
            }

            if (chosen < 0)
            {
                break;
            }

            p.Remove(chosen);
            p.Place(chosen, b);
            onHost[a].Remove(chosen);
            onHost[b].Add(chosen);
            slots[a] = SlotsWith(a, -1, 0);
            slots[b] = SlotsWith(b, -1, 0);
        }

        return p;
    }

    /// <summary>Whether the rules of host groups and zones let every unit of the failed host onto survivor h (an empty host takes any zone).</summary>
    private static bool Eligible(Packing p, int h, List<int> units)
    {
        var u = p.Units;
        var zone = p.CountOf(h) == 0 ? -1 : p.ZoneOf(h);
        foreach (var x in units)
        {
            if (!p.LabelAllows(x, p.LabelOf(h)) || (zone >= 0 && zone != u.Zone[x]))
            {
                return false;
            }
        }

        return true;
    }
}
