namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Destroy and repair: empties a few hosts (the least filled one and some at random), re-packs their units with minimum bin
/// slack on fresh hosts, and keeps the result when it needs fewer hosts than it emptied. Re-packing goes through
/// <see cref="Packing.CanPlace"/>, so every rule keeps holding. Seeded; deterministic for a given iteration budget.
/// </summary>
internal static class Lns
{
    /// <summary>Tries the subset search of one re-packed host may spend.</summary>
    private const int RepackChecks = 50_000;

    public static (Packing Best, long Iterations) Improve(Packing start, int lowerBound, SearchBudget budget)
    {
        var rng = new Random(budget.Seed);
        var best = start.Compact();
        var u = best.Units;
        var cap = u.Problem.Capacity;
        long iterations = 0;
        while (best.Hosts > lowerBound && best.Hosts > 2 && iterations < budget.MaxIterations && ((iterations & 15) != 0 || budget.TimeLeft))
        {
            iterations++;
            var hosts = best.Hosts;
            var k = Math.Min(hosts, 2 + rng.Next(5));
            var fills = Enumerable.Range(0, hosts).Select(h => best.Fill(h, cap)).ToArray();
            var chosen = new HashSet<int> { Enumerable.Range(0, hosts).MinBy(h => fills[h]) };
            while (chosen.Count < k)
            {
                chosen.Add(rng.Next(hosts));
            }

            var units = Enumerable.Range(0, u.Count).Where(x => chosen.Contains(best.HostOf[x])).ToArray();
            var repacked = Repack(best, chosen, units, k - 1, rng);
            if (repacked is not null)
            {
                best = repacked;
            }
        }

        return (best, iterations);
    }

    /// <summary>The packing with the chosen hosts' units re-packed onto at most <paramref name="limit"/> hosts, or null.</summary>
    private static Packing? Repack(Packing packing, HashSet<int> chosen, int[] units, int limit, Random rng)
    {
        var u = packing.Units;
        var cap = u.Problem.Capacity;
        var p = packing.Clone();
        foreach (var x in units)
        {
            p.Remove(x);
        }

        // Largest first, with a little noise so repeated tries differ.
        var left = units.OrderByDescending(x => u.Size[x] * (1 + (0.02 * rng.NextDouble()))).ToList();
        var opened = 0;
        var reuse = chosen.Order().ToList();
        while (left.Count > 0)
        {
            if (opened == limit)
            {
                return null;
            }

            // Re-use an emptied host when its group suits the largest unit left, else give up on this try.
            var first = left[0];
            var h = reuse.FirstOrDefault(g => p.CountOf(g) == 0 && p.CanPlace(first, g, cap), -1);
            if (h < 0)
            {
                return null;
            }

            opened++;
            p.Place(first, h);
            Heuristics.FillWithLeastSlack(p, h, left, RepackChecks);
        }

        return p.Compact();
    }
}
