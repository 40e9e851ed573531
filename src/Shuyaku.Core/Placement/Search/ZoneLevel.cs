namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// The same hosts, the load evened out within each zone. A tight packing (first-fit) fills its first hosts of a zone and
/// leaves the room on the last one; when that host fails, the others of the zone have no room for its units, and when a
/// full one fails, the room of a single host rarely takes its units. Evened out, every host of the zone keeps a share of
/// the room, and with failover capacity above the normal one (<c>failoverUtilisation</c> above the headroom) that share
/// is what restarts need, so fewer idle spares may do (<see cref="SpareHosts"/>).
/// </summary>
internal static class ZoneLevel
{
    /// <summary>Moves the levelling may make at most.</summary>
    public const int MaxMoves = 2_000;

    /// <summary>
    /// A copy of <paramref name="packing"/> with units moved, one at a time, from the fullest host of a zone (by the largest
    /// share of normal capacity over resources) to another loaded host of that zone, choosing the move that leaves the
    /// larger of the two hosts' fills least, while that is below the fullest host's fill; hosts running a lonely unit take
    /// part in nothing. Every move goes through <see cref="Packing.CanPlace"/> under the normal capacity, so every rule
    /// holds. Null when no move was made.
    /// </summary>
    public static Packing? Even(Packing packing)
    {
        var u = packing.Units;
        var cap = u.Problem.Capacity;
        var p = packing.Clone();
        var onHost = new List<int>[p.Hosts];
        for (var h = 0; h < p.Hosts; h++)
        {
            onHost[h] = [];
        }

        for (var x = 0; x < u.Count; x++)
        {
            if (p.HostOf[x] >= 0)
            {
                onHost[p.HostOf[x]].Add(x);
            }
        }

        var zones = Enumerable.Range(0, p.Hosts)
            .Where(h => p.CountOf(h) > 0 && !onHost[h].Any(x => u.Lonely[x]))
            .GroupBy(p.ZoneOf)
            .Select(g => g.ToList())
            .Where(g => g.Count > 1)
            .ToList();
        var moves = 0;
        var movedOne = true;
        while (movedOne && moves < MaxMoves)
        {
            movedOne = false;
            foreach (var hosts in zones)
            {
                // The fullest host of the zone with a move that lowers the larger fill of the two hosts.
                foreach (var a in hosts.OrderByDescending(h => p.MaxFillWith(h, -1, cap)).ThenBy(h => h))
                {
                    if (onHost[a].Count >= 2 && BestMove(p, a, hosts, onHost[a], cap) is { } move)
                    {
                        p.Remove(move.Y);
                        p.Place(move.Y, move.To);
                        onHost[a].Remove(move.Y);
                        onHost[move.To].Add(move.Y);
                        moves++;
                        movedOne = true;
                        break;
                    }
                }
            }
        }

        return moves > 0 ? p : null;
    }

    /// <summary>The move of a unit of <paramref name="a"/> to another host of its zone that leaves the larger of the two fills least, if below a's.</summary>
    private static (int Y, int To)? BestMove(Packing p, int a, List<int> hosts, List<int> units, double[] cap)
    {
        (int Y, int To)? best = null;
        var bestFill = p.MaxFillWith(a, -1, cap) - 1e-9;
        foreach (var y in units)
        {
            p.Remove(y);
            var without = p.MaxFillWith(a, -1, cap);
            foreach (var b in hosts)
            {
                if (b != a && p.CanPlace(y, b, cap))
                {
                    var worse = Math.Max(without, p.MaxFillWith(b, y, cap));
                    if (worse < bestFill)
                    {
                        bestFill = worse;
                        best = (y, b);
                    }
                }
            }

            p.Place(y, a);
        }

        return best;
    }
}
