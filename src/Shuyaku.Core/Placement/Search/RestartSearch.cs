namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// The last resort of <see cref="Failover"/>'s restart of one scenario: a bounded backtracking search over the displaced
/// units, for scenarios where every greedy order fails although the survivors could take the units in another way
/// (several host labels and spares of each, hosts full in a max-per-host rule).
/// </summary>
internal static class RestartSearch
{
    /// <summary>Nodes the backtracking restart of one scenario may visit before it gives up.</summary>
    public const int SearchNodes = 1_000;

    /// <summary>
    /// A bounded backtracking restart, tried when every order above fails: at each step the displaced unit with the fewest
    /// surviving hosts that take it goes next, onto each of them in turn (the fullest first; of the hosts that run
    /// nothing, only the first of each label, since they are interchangeable), undoing a choice when the units after it
    /// cannot all restart; at most <see cref="SearchNodes"/> choices. Puts everything back before returning.
    /// </summary>
    public static (bool Ok, int Unit, (int Item, int Host)[] Restarts) Run(Packing p, int[] failed, List<int> moving)
    {
        var u = p.Units;
        var cap = u.Problem.FailoverCapacity;
        var (home, isFailed) = Failover.LiftOut(p, failed, moving);

        var left = new List<int>(moving);
        var placed = new List<(int Unit, int Host)>();
        var nodes = 0;

        List<int> Candidates(int x)
        {
            var list = new List<int>();
            var emptyLabels = new HashSet<int>();
            for (var h = 0; h < p.Hosts; h++)
            {
                if (isFailed[h] || !p.CanPlace(x, h, cap) || (p.CountOf(h) == 0 && !emptyLabels.Add(p.LabelOf(h))))
                {
                    continue;
                }

                list.Add(h);
            }

            return list;
        }

        bool Search()
        {
            if (left.Count == 0)
            {
                return true;
            }

            if (++nodes > SearchNodes)
            {
                return false;
            }

            var pick = -1;
            List<int>? hosts = null;
            foreach (var x in left)
            {
                var c = Candidates(x);
                if (hosts is null || c.Count < hosts.Count)
                {
                    (pick, hosts) = (x, c);
                    if (c.Count == 0)
                    {
                        return false;
                    }
                }
            }

            left.Remove(pick);
            foreach (var h in hosts!.OrderByDescending(h => p.Fill(h, cap)).ThenBy(h => h))
            {
                p.Place(pick, h);
                placed.Add((pick, h));
                if (Search())
                {
                    return true;
                }

                placed.RemoveAt(placed.Count - 1);
                p.Remove(pick);
                if (nodes > SearchNodes)
                {
                    break;
                }
            }

            left.Add(pick);
            return false;
        }

        var ok = Search();
        var restarts = ok ? placed.SelectMany(e => u.Members[e.Unit].Select(item => (item, e.Host))).OrderBy(r => r.item).ToArray() : [];
        Failover.PutBack(p, placed.Select(e => e.Unit), moving, home);

        return ok ? (true, -1, restarts) : (false, moving[0], []);
    }
}
