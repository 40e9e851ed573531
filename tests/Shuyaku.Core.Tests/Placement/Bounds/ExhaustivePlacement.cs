using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Bounds;

/// <summary>
/// The fewest hosts of a tiny placement problem by exhaustive search, written from the documented semantics alone
/// (docs/estate-format.md, docs/planning.md): capacity in every resource, zones never mixed (a lonely unit is a zone of
/// one), spread on distinct hosts, max-per-host, fence and ban by host label; with k failures, for every set of k failed
/// hosts some re-placement of their units on the survivors within the failover capacity keeps every rule, survivors keeping
/// what they run (an idle survivor takes any one zone). A lower bound above its answer is wrong.
/// </summary>
internal sealed class ExhaustivePlacement
{
    private readonly Units _u;
    private readonly PlacementProblem _p;
    private readonly int _labels;
    private long _nodes;

    private ExhaustivePlacement(Units u)
    {
        _u = u;
        _p = u.Problem;
        _labels = _p.GroupNames.Length + 1;
    }

    /// <summary>The optimum, or null when none exists up to <paramref name="maxHosts"/> or the node budget ran out.</summary>
    public static int? Optimum(PlacementProblem problem, int maxHosts, long nodeBudget = 20_000_000)
    {
        var search = new ExhaustivePlacement(Units.Build(problem));
        for (var hosts = 1; hosts <= maxHosts; hosts++)
        {
            var labels = new int[hosts];
            switch (search.TryLabels(labels, 0, 0, nodeBudget))
            {
                case true: return hosts;
                case null: return null;
            }
        }

        return null;
    }

    /// <summary>Labels in non-decreasing order (hosts of one label are interchangeable); true when some placement works, null when out of budget.</summary>
    private bool? TryLabels(int[] labels, int h, int from, long budget)
    {
        if (h == labels.Length)
        {
            var hostOf = new int[_u.Count];
            Array.Fill(hostOf, -1);
            return Place(labels, hostOf, 0, budget);
        }

        bool? any = false;
        for (var l = from; l < _labels; l++)
        {
            labels[h] = l;
            var r = TryLabels(labels, h + 1, l, budget);
            if (r == true)
            {
                return true;
            }

            if (r is null)
            {
                any = null;
            }
        }

        return any;
    }

    private bool? Place(int[] labels, int[] hostOf, int x, long budget)
    {
        if (++_nodes > budget)
        {
            return null;
        }

        if (x == _u.Count)
        {
            return SurvivesEveryFailure(labels, hostOf);
        }

        bool? any = false;
        var openedOfLabel = new bool[_labels];
        for (var h = 0; h < labels.Length; h++)
        {
            // Of the empty hosts of one label, only the first is tried: they are interchangeable.
            var empty = Array.IndexOf(hostOf, h) < 0;
            if (empty && openedOfLabel[labels[h]])
            {
                continue;
            }

            if (empty)
            {
                openedOfLabel[labels[h]] = true;
            }

            if (!Fits(labels, hostOf, x, h, _p.Capacity))
            {
                continue;
            }

            hostOf[x] = h;
            var r = Place(labels, hostOf, x + 1, budget);
            hostOf[x] = -1;
            if (r == true)
            {
                return true;
            }

            if (r is null)
            {
                any = null;
            }
        }

        return any;
    }

    private bool SurvivesEveryFailure(int[] labels, int[] hostOf)
    {
        var k = _p.Failures;
        if (k == 0)
        {
            return true;
        }

        if (labels.Length <= k)
        {
            return false;
        }

        foreach (var failed in FailureSets.All(labels.Length, k))
        {
            var moving = Enumerable.Range(0, _u.Count).Where(x => failed.Contains(hostOf[x])).ToArray();
            var after = (int[])hostOf.Clone();
            foreach (var x in moving)
            {
                after[x] = -1;
            }

            if (!Restart(labels, after, failed, moving, 0))
            {
                return false;
            }
        }

        return true;
    }

    private bool Restart(int[] labels, int[] hostOf, int[] failed, int[] moving, int i)
    {
        if (i == moving.Length)
        {
            return true;
        }

        var x = moving[i];
        for (var h = 0; h < labels.Length; h++)
        {
            if (failed.Contains(h) || !Fits(labels, hostOf, x, h, _p.FailoverCapacity))
            {
                continue;
            }

            hostOf[x] = h;
            var ok = Restart(labels, hostOf, failed, moving, i + 1);
            hostOf[x] = -1;
            if (ok)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether unit x may join host h as the others stand: capacity, zone, spread, max-per-host, fence, ban.</summary>
    private bool Fits(int[] labels, int[] hostOf, int x, int h, double[] capacity)
    {
        var label = labels[h];
        if (_u.Fence[x] >= 0 && label != _u.Fence[x] + 1)
        {
            return false;
        }

        if (_u.Ban[x].Any(g => g + 1 == label))
        {
            return false;
        }

        var on = Enumerable.Range(0, _u.Count).Where(y => hostOf[y] == h).ToList();
        if (on.Any(y => _u.Zone[y] != _u.Zone[x]))
        {
            return false;
        }

        for (var d = 0; d < _u.Dimensions; d++)
        {
            var load = _u.DemandOf(x, d) + on.Sum(y => _u.DemandOf(y, d));
            if (load > capacity[d] + 1e-9)
            {
                return false;
            }
        }

        foreach (var s in _u.SpreadOf[x])
        {
            if (_u.SpreadUnits[s].Any(y => y != x && hostOf[y] == h))
            {
                return false;
            }
        }

        for (var r = 0; r < _u.RuleLimit.Length; r++)
        {
            if (_u.RuleCount[r][x] > 0 && _u.RuleCount[r][x] + on.Sum(y => _u.RuleCount[r][y]) > _u.RuleLimit[r])
            {
                return false;
            }
        }

        return true;
    }
}
