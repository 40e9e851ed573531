using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Bounds;

/// <summary>The N+k argument by spare counts never exceeds the optimum found by exhaustive search on tiny problems.</summary>
public sealed class SpareBoundsTests
{
    [Fact]
    public void The_spare_count_argument_never_exceeds_the_exhaustive_optimum_on_tiny_problems_with_every_rule_and_n_plus_k()
    {
        var solved = 0;
        var raised = 0;
        var exact = 0;
        for (var seed = 1; seed <= 600; seed++)
        {
            var problem = RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            // From 0, so that the argument is measured on its own, not only where it beats the others.
            var part = SpareBounds.Compute(units, 0);
            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null || part is null)
            {
                continue;
            }

            solved++;
            part.Hosts.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            var bound = LowerBounds.Compute(units);
            bound.Value.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            raised += bound.Parts.Any(p => p.Kind == "n+k-spares") ? 1 : 0;
            exact += part.Hosts == optimum ? 1 : 0;
        }

        // The search must have decided most problems, and the argument must reach the optimum, and beat the others, on some.
        solved.ShouldBeGreaterThan(400);
        exact.ShouldBeGreaterThan(solved / 2);
        raised.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_spare_count_argument_never_exceeds_the_exhaustive_optimum_with_two_host_groups()
    {
        var solved = 0;
        var exact = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var problem = TwoGroups(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null || SpareBounds.Compute(units, 0) is not { } part)
            {
                continue;
            }

            var optimum = ExhaustivePlacement.Optimum(problem, maxHosts: 11, nodeBudget: 2_000_000);
            if (optimum is null)
            {
                continue;
            }

            solved++;
            part.Hosts.ShouldBeLessThanOrEqualTo(optimum.Value, $"seed {seed}");
            exact += part.Hosts == optimum ? 1 : 0;
        }

        solved.ShouldBeGreaterThan(250);
        exact.ShouldBeGreaterThan(solved / 2);
    }

    [Fact]
    public void The_closed_form_equals_a_brute_force_search_of_the_definition_over_host_counts()
    {
        var compared = 0;
        var aboveZones = 0;
        for (var seed = 1; seed <= 500; seed++)
        {
            var problem = seed % 2 == 0 ? TwoGroups(seed) : RuleBoundsTests.Tiny(seed);
            var units = Units.Build(problem);
            if (units.Impossible is not null)
            {
                continue;
            }

            var table = ZoneNeeds.Build(units);
            var fewest = SpareBounds.Fewest(units, table);
            var brute = new DefinitionSearch(units, table, problem.Failures);
            if (brute.Zones > 4)
            {
                continue;
            }

            compared++;
            brute.Feasible(fewest).ShouldBeTrue($"seed {seed}: {fewest} hosts by the closed form are not feasible");
            brute.Feasible(fewest - 1).ShouldBeFalse($"seed {seed}: {fewest - 1} hosts are feasible");
            aboveZones += fewest > brute.LoSum ? 1 : 0;
        }

        compared.ShouldBeGreaterThan(300);
        aboveZones.ShouldBeGreaterThan(compared / 4);
    }

    /// <summary>A tiny problem with a second host group: some workloads fenced to it, some banned from one or both.</summary>
    private static PlacementProblem TwoGroups(int seed)
    {
        var tiny = RuleBoundsTests.Tiny(seed);
        var rng = new Random(seed * 31);
        var fence = tiny.Fence!.Select(g => g >= 0 && rng.NextDouble() < 0.4 ? 1 : g).ToArray();
        var ban = tiny.Ban!.Select((b, i) => fence[i] >= 0 ? b : rng.NextDouble() < 0.3 ? [.. b, 1] : b).ToArray();
        return new PlacementProblem
        {
            ItemNames = tiny.ItemNames,
            DimensionNames = tiny.DimensionNames,
            Demand = tiny.Demand,
            Capacity = tiny.Capacity,
            FailoverCapacity = tiny.FailoverCapacity,
            Failures = tiny.Failures,
            Spread = tiny.Spread,
            Gather = tiny.Gather,
            Zone = tiny.Zone,
            ZoneNames = tiny.ZoneNames,
            Lonely = tiny.Lonely,
            Fence = fence,
            Ban = ban,
            GroupNames = ["licensed", "gpu"],
            MaxPerHost = tiny.MaxPerHost,
        };
    }

    /// <summary>
    /// The definition of docs/plan-format.md (<c>n+k-spares</c>) searched as written: every count n(z, λ) per zone and
    /// allowed label, every idle count e(λ) ≤ k, and for each every distribution of the k failures over them.
    /// Counts above max(lo(z), R(z)) + k per cell are left out (such a cell keeps a slack of k after dropping a host).
    /// </summary>
    private sealed class DefinitionSearch
    {
        private readonly int _k;
        private readonly int _labels;
        private readonly List<(int[] Lo, int[] R, bool[] Allowed, int ZoneLo, int ZoneR)> _zones = [];
        private int[][] _n = [];
        private readonly int[] _e;

        public DefinitionSearch(Units u, ZoneNeeds t, int k)
        {
            _k = k;
            _labels = t.Labels;
            _e = new int[_labels];
            // Per zone and label, whether some unit of the zone may run on a host of that label (0 no group, g + 1 group g).
            var allowed = new bool[t.Zones][];
            for (var z = 0; z < t.Zones; z++)
            {
                allowed[z] = new bool[_labels];
            }

            for (var x = 0; x < u.Count; x++)
            {
                for (var l = 0; l < _labels; l++)
                {
                    allowed[u.Zone[x]][l] |= u.Fence[x] >= 0 ? l == u.Fence[x] + 1 : l == 0 || !u.Ban[x].Contains(l - 1);
                }
            }

            for (var z = 0; z < t.Zones; z++)
            {
                if (t.Units[z].Count == 0)
                {
                    continue;
                }

                var lo = new int[_labels];
                var r = new int[_labels];
                for (var l = 0; l < _labels; l++)
                {
                    lo[l] = Math.Max(t.BoundOnCapacity[z][l], t.BoundOnFailover[z][l]);
                    r[l] = t.BoundOnFailover[z][l];
                }

                var zoneLo = Math.Max(Math.Max(t.OnCapacity[z], t.OnFailover[z]), lo.Sum());
                _zones.Add((lo, r, allowed[z], zoneLo, t.OnFailover[z]));
            }
        }

        public int Zones => _zones.Count;

        public int LoSum => _zones.Sum(z => z.ZoneLo);

        /// <summary>Whether some counts on at most <paramref name="total"/> hosts survive every k failures.</summary>
        public bool Feasible(int total)
        {
            _n = [.. _zones.Select(_ => new int[_labels])];
            return Cell(0, 0, total);
        }

        private bool Cell(int index, int used, int total)
        {
            var z = index / _labels;
            var l = index % _labels;
            if (z == _zones.Count)
            {
                return Idle(0, used, total);
            }

            var zone = _zones[z];
            if (l == 0 && used + _zones.Skip(z).Sum(x => x.ZoneLo) > total)
            {
                return false;
            }

            var top = zone.Allowed[l] ? Math.Max(zone.ZoneLo, zone.ZoneR) + _k : 0;
            for (_n[z][l] = zone.Lo[l]; _n[z][l] <= top && used + _n[z][l] <= total; _n[z][l]++)
            {
                if (l == _labels - 1 && _n[z].Sum() < zone.ZoneLo)
                {
                    continue;
                }

                if (Cell(index + 1, used + _n[z][l], total))
                {
                    return true;
                }
            }

            return false;
        }

        private bool Idle(int l, int used, int total)
        {
            if (l == _labels)
            {
                return Survives(Math.Min(_k, used));
            }

            for (_e[l] = 0; _e[l] <= _k && used + _e[l] <= total; _e[l]++)
            {
                if (Idle(l + 1, used + _e[l], total))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every distribution of <paramref name="failures"/> failed hosts over the cells and idle labels meets the conditions.</summary>
        private bool Survives(int failures)
        {
            var f = _zones.Select(_ => new int[_labels]).ToArray();
            var g = new int[_labels];
            var slots = (_zones.Count + 1) * _labels;

            bool All(int c, int left)
            {
                if (c == slots)
                {
                    return left > 0 || Holds(f, g);
                }

                var z = c / _labels;
                var l = c % _labels;
                var available = z < _zones.Count ? _n[z][l] : _e[l];
                for (var take = 0; take <= Math.Min(left, available); take++)
                {
                    if (z < _zones.Count)
                    {
                        f[z][l] = take;
                    }
                    else
                    {
                        g[l] = take;
                    }

                    if (!All(c + 1, left - take))
                    {
                        return false;
                    }
                }

                if (z < _zones.Count)
                {
                    f[z][l] = 0;
                }
                else
                {
                    g[l] = 0;
                }

                return true;
            }

            return All(0, failures);
        }

        private bool Holds(int[][] f, int[] g)
        {
            var perLabel = new int[_labels];
            var all = 0;
            for (var z = 0; z < _zones.Count; z++)
            {
                var zone = _zones[z];
                var sum = 0;
                var survivors = 0;
                for (var l = 0; l < _labels; l++)
                {
                    var r = zone.R[l] == 0 ? 0 : Math.Max(0, zone.R[l] - _n[z][l] + f[z][l]);
                    perLabel[l] += r;
                    sum += r;
                    survivors += _n[z][l] - f[z][l];
                }

                all += Math.Max(sum, zone.ZoneR - survivors);
            }

            var idle = 0;
            for (var l = 0; l < _labels; l++)
            {
                if (perLabel[l] > _e[l] - g[l])
                {
                    return false;
                }

                idle += _e[l] - g[l];
            }

            return all <= idle;
        }
    }

    [Fact]
    public void Many_host_groups_exceed_the_work_limit_without_overflowing_and_a_few_are_computed()
    {
        // One workload fenced to each of n groups with N+3: (k + 1)^(n + 1) idle-count vectors, 4^41 > long.MaxValue at 40.
        static PlacementProblem Fenced(int groups) => new()
        {
            ItemNames = [.. Enumerable.Range(0, groups).Select(i => $"w{i}")],
            DimensionNames = ["cpu"],
            Demand = [.. Enumerable.Repeat(1.0, groups)],
            Capacity = [10],
            FailoverCapacity = [10],
            Failures = 3,
            Fence = [.. Enumerable.Range(0, groups)],
            GroupNames = [.. Enumerable.Range(0, groups).Select(g => $"g{g}")],
        };

        var many = Units.Build(Fenced(40));
        SpareBounds.Fewest(many, ZoneNeeds.Build(many)).ShouldBe(0);

        // Five groups (above the three the search took): each group's workload needs 1 + 3 hosts of its group after any
        // three failures, or idle hosts of the group; three idle hosts of each group cost as much, so 5 × 4 = 20.
        var five = Units.Build(Fenced(5));
        SpareBounds.Fewest(five, ZoneNeeds.Build(five)).ShouldBe(20);
    }

    [Fact]
    public void Fenced_replicas_and_a_banned_workload_in_two_zones_need_idle_spares_of_each_group()
    {
        // Zone "" holds two fenced replicas (spread) and a banned workload; zone dmz one fenced and one banned workload.
        // With N+1: a failed licensed host of either zone needs a licensed spare (or a third licensed host of zone ""),
        // a failed unlicensed one an unlicensed spare: 2 + 1 + 1 + 1 hosts loaded, plus one spare of each group, 7 hosts.
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d", "e"],
            DimensionNames = ["cpu", "memory"],
            Demand = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
            Failures = 1,
            Spread = [[0, 1]],
            Zone = [0, 0, 0, 1, 1],
            ZoneNames = ["", "dmz"],
            Fence = [0, 0, -1, 0, -1],
            Ban = [[], [], [0], [], [0]],
            GroupNames = ["licensed"],
        };

        var units = Units.Build(problem);
        var optimum = ExhaustivePlacement.Optimum(problem, 9);

        SpareBounds.Compute(units, 0)!.Hosts.ShouldBe(optimum!.Value);
        LowerBounds.Compute(units).Value.ShouldBe(optimum.Value);
    }
}
