namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// N+k by idle spares: the best packing for normal operation kept as it is, plus idle hosts added one at a time, each of
/// the group label the first unit that cannot restart needs, until every set of k failures restarts
/// (<see cref="Failover.Verify"/>); then each spare is dropped again where every scenario still restarts without it.
/// Balancing for N+k spreads the units evenly and loses a tight packing's hosts; a packing at its bound plus k spares is
/// often the optimum when rules (zones, lonely workloads, spread groups) already force hosts that restarts need anyway.
/// </summary>
internal static class SpareHosts
{
    /// <summary>
    /// The packing plus idle spares that survive every set of <paramref name="k"/> failures, or null when more than
    /// <paramref name="maxSpares"/> would be needed (or a unit cannot restart even on a fresh spare).
    /// </summary>
    public static Packing? Add(Packing best, int k, int maxSpares)
    {
        var p = best.Compact();
        var added = 0;
        while (true)
        {
            var (_, failedUnit, _) = Failover.Verify(p, k, keepCertificates: false);
            if (failedUnit < 0)
            {
                break;
            }

            if (added == maxSpares)
            {
                return null;
            }

            p.Open(p.Units.Fence[failedUnit]);
            added++;
        }

        // Spares added for an early scenario may be needless once later ones are in: drop any that every scenario can spare.
        for (var h = p.Hosts - 1; h >= 0 && added > 0; h--)
        {
            if (p.CountOf(h) > 0)
            {
                continue;
            }

            var fewer = Without(p, h);
            if (Failover.Verify(fewer, k, keepCertificates: false).FailedUnit < 0)
            {
                p = fewer;
            }
        }

        return p;
    }

    /// <summary>A copy of the packing without idle host <paramref name="idle"/>, the others renumbered in order.</summary>
    internal static Packing Without(Packing p, int idle)
    {
        var copy = new Packing(p.Units);
        var map = new int[p.Hosts];
        for (var h = 0; h < p.Hosts; h++)
        {
            map[h] = h == idle ? -1 : copy.Open(p.LabelOf(h));
        }

        for (var x = 0; x < p.Units.Count; x++)
        {
            if (p.HostOf[x] >= 0)
            {
                copy.Place(x, map[p.HostOf[x]]);
            }
        }

        return copy;
    }
}
