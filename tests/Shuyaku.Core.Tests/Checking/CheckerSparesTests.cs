using System.Text;
using Shuyaku.Core.Benchmarks.Rules;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>The checker's own recomputation of the <c>n+k-spares</c> bound argument (docs/plan-format.md).</summary>
public sealed class CheckerSparesTests
{
    /// <summary>Rule-heavy estates (size, seed) whose planned bound has an n+k-spares part: N+1 and N+2.</summary>
    public static readonly TheoryData<int, int> Planned = new() { { 15, 49 }, { 20, 24 }, { 25, 13 }, { 25, 31 } };

    private static (Estate Estate, Plan Plan) PlanOf(int size, int seed)
    {
        var estate = EstateFit.ReadAndCheck(RuleEstate.Create(size, seed), RuleEstate.FileName(size, seed)).Value!;
        return (estate, TestEstates.PlanChecked(estate));
    }

    [Theory]
    [MemberData(nameof(Planned))]
    public void A_planned_n_plus_k_spares_part_is_recomputed_and_holds(int size, int seed)
    {
        var (estate, plan) = PlanOf(size, seed);

        var report = Checker.Check(estate, plan);

        var part = plan.LowerBound.Parts.Single(p => p.Kind == "n+k-spares");
        part.Failures.ShouldBe(estate.Policy.Failures);
        report.Violations.ShouldBeEmpty();
        report.Bound!.Unverified.ShouldBeEmpty();
        report.Bound.Verified.ShouldContain(part.Reason);
        report.Bound.Verified.Count.ShouldBe(plan.LowerBound.Parts.Count);
    }

    [Theory]
    [MemberData(nameof(Planned))]
    public void A_plan_json_whose_n_plus_k_spares_part_is_raised_by_one_is_a_bound_violation(int size, int seed)
    {
        var (estate, plan) = PlanOf(size, seed);
        var part = plan.LowerBound.Parts.Single(p => p.Kind == "n+k-spares");
        var raised = TestEstates.WithPartRaisedByOne(plan, part);

        var report = Checker.Check(estate, raised);

        report.Violations.Select(v => v.ToString()).ShouldBe([
            $"bound: the lower bound's argument '{BoundTexts.Describe(part)}' claims {part.Hosts + 1} hosts, but the estate proves only {part.Hosts} by it",
        ]);
        report.Bound!.Unverified.ShouldBeEmpty();
    }

    [Fact]
    public void An_n_plus_k_spares_part_for_other_failures_than_the_plans_proves_nothing()
    {
        var (estate, plan) = PlanOf(25, 13);
        var parts = plan.LowerBound.Parts.Select(p => p.Kind == "n+k-spares" ? p with { Failures = p.Failures + 1 } : p).ToList();

        var report = Checker.Check(estate, plan with { LowerBound = plan.LowerBound with { Parts = parts } });

        report.Violations.Single().Message.ShouldEndWith("but the estate proves only 0 by it");
    }

    /// <summary>
    /// Eight host groups with a fenced workload each, and 20 lonely workloads, with N+3: (3 + 1)^(8 + 1) idle-count vectors
    /// × 21 zones is above the checker's work limit.
    /// </summary>
    private static Estate ManyLabels()
    {
        var groups = Enumerable.Range(1, 8).Select(i => $"g{i}").ToList();
        var workloads = new StringBuilder(TestEstates.Workloads(8, 1, 1, "f") + TestEstates.Workloads(20, 1, 1, "l"));
        var rules = new StringBuilder();
        for (var i = 0; i < groups.Count; i++)
        {
            rules.Append($"  - fence: {{ workloads: [f{i + 1}], group: {groups[i]} }}\n");
        }

        rules.Append("  - lonely: [" + string.Join(", ", Enumerable.Range(1, 20).Select(i => $"l{i}")) + "]\n");
        var hostGroups = "hostGroups:\n" + string.Concat(groups.Select(g => $"  - {{ id: {g} }}\n"));
        return TestEstates.Read(TestEstates.Estate(workloads.ToString(), rules.ToString(), failures: 3, extra: hostGroups));
    }

    [Fact]
    public void A_part_the_checker_cannot_decide_within_its_work_limit_is_taken_on_trust_not_a_violation()
    {
        var estate = ManyLabels();
        var plan = TestEstates.PlanChecked(estate);
        Math.Pow(4, 9).ShouldBeGreaterThan(Checker.SpareWorkLimit / 21.0);
        var dedicated = plan.LowerBound.Parts.Where(p => p.Kind == "dedicated").Sum(p => p.Hosts);
        Plan Claiming(int hosts) => plan with
        {
            LowerBound = new PlanBound(Math.Max(plan.LowerBound.Value, hosts + dedicated), [.. plan.LowerBound.Parts, new("by spares", hosts, "n+k-spares", Failures: 3)]),
        };

        // Claiming more than the other N+k arguments prove: not decided, so taken on trust with the reason.
        var above = Checker.Check(estate, Claiming(1000));

        above.Violations.ShouldBeEmpty();
        above.Bound!.Unverified.Single().ShouldStartWith("by spares (not decided within the checker's work limit of 5,000,000 evaluations");
        above.Bound.Verified.Count.ShouldBe(plan.LowerBound.Parts.Count);

        // Claiming what the other arguments prove already: verified without deciding.
        var within = Checker.Check(estate, Claiming(plan.LowerBound.Value - dedicated));

        within.Violations.ShouldBeEmpty();
        within.Bound!.Unverified.ShouldBeEmpty();
        within.Bound.Verified.ShouldContain("by spares");
    }

    [Fact]
    public void The_closed_form_equals_the_definition_by_exhaustive_search_over_counts_and_failures()
    {
        var compared = 0;
        var aboveStart = 0;
        for (var seed = 1; seed <= 400; seed++)
        {
            var problem = CountProblem.Random(seed);
            var exhaustive = problem.Exhaustive();
            var closed = Checker.FewestSpares(problem.K, problem.BoundLabels, problem.Zones(), Checker.SpareWorkLimit);

            closed.ShouldBe(exhaustive, $"seed {seed}");
            compared++;
            aboveStart += exhaustive > problem.Zones().Sum(z => z.Lo) ? 1 : 0;
        }

        // The spares must matter (T above Σ lo(z)) on many of the problems, or the comparison shows little.
        compared.ShouldBe(400);
        aboveStart.ShouldBeGreaterThan(250);
    }

    [Fact]
    public void The_closed_form_stops_at_its_work_limit()
    {
        var zones = Enumerable.Range(0, 10).Select(_ => new Checker.SpareZone(2, 1, [new Checker.SpareCell(0, 1, 1)])).ToList();

        // (2 + 1)^(1 + 1) = 9 vectors × 10 zones = 90 evaluations.
        Checker.FewestSpares(2, 1, zones, 90).ShouldNotBeNull();
        Checker.FewestSpares(2, 1, zones, 89).ShouldBeNull();
    }

    /// <summary>
    /// A count problem as docs/plan-format.md states it, solved by brute force from the definition: every choice of
    /// n(z, λ) and e(λ) with a given total, and every failure of k of those hosts.
    /// </summary>
    private sealed record CountProblem(int K, int Labels, int BoundLabels, bool[][] Allowed, int[][] CellLo, int[][] CellAfter, int[] Lo, int[] After)
    {
        /// <summary>Labels 0..BoundLabels − 1 have bound units somewhere; a zone's cells are on labels it may run on.</summary>
        public static CountProblem Random(int seed)
        {
            var rng = new Random(seed);
            var k = 1 + rng.Next(2);
            var labels = 1 + rng.Next(3);
            var zones = 1 + rng.Next(k == 1 ? 3 : 2);
            var allowed = new bool[zones][];
            var lo = new int[zones][];
            var after = new int[zones][];
            var zoneLo = new int[zones];
            var zoneAfter = new int[zones];
            for (var z = 0; z < zones; z++)
            {
                allowed[z] = [.. Enumerable.Range(0, labels).Select(_ => rng.NextDouble() < 0.7)];
                allowed[z][rng.Next(labels)] = true;
                lo[z] = new int[labels];
                after[z] = new int[labels];
                for (var l = 0; l < labels; l++)
                {
                    if (allowed[z][l] && rng.NextDouble() < 0.6)
                    {
                        after[z][l] = 1 + rng.Next(2);
                        lo[z][l] = after[z][l] + rng.Next(2);
                    }
                }

                zoneAfter[z] = Math.Max(after[z].Max(), 1) + rng.Next(2);
                zoneLo[z] = Math.Max(zoneAfter[z], lo[z].Sum()) + rng.Next(2);
            }

            // Number the labels with bound units first, as the closed form takes them.
            var order = Enumerable.Range(0, labels).OrderBy(l => Enumerable.Range(0, zones).Any(z => after[z][l] > 0) ? 0 : 1).ThenBy(l => l).ToArray();
            var bound = order.Count(l => Enumerable.Range(0, zones).Any(z => after[z][l] > 0));
            return new CountProblem(k, labels, bound,
                [.. allowed.Select(a => order.Select(l => a[l]).ToArray())],
                [.. lo.Select(a => order.Select(l => a[l]).ToArray())],
                [.. after.Select(a => order.Select(l => a[l]).ToArray())],
                zoneLo, zoneAfter);
        }

        public List<Checker.SpareZone> Zones() => [.. Lo.Select((lo, z) => new Checker.SpareZone(lo, After[z],
            [.. Enumerable.Range(0, Labels).Where(l => CellAfter[z][l] > 0).Select(l => new Checker.SpareCell(l, CellLo[z][l], CellAfter[z][l]))]))];

        /// <summary>The fewest Σ n + Σ e whose counts survive every failure, totals tried upwards from Σ lo(z).</summary>
        public int Exhaustive()
        {
            var cells = Enumerable.Range(0, Lo.Length).SelectMany(z => Enumerable.Range(0, Labels).Where(l => Allowed[z][l]).Select(l => (Zone: z, Label: l))).ToArray();
            for (var total = Lo.Sum(); ; total++)
            {
                var n = new int[cells.Length];
                var e = new int[Labels];
                if (Choose(0, total))
                {
                    return total;
                }

                bool Choose(int i, int left)
                {
                    if (i == cells.Length + Labels - 1)
                    {
                        e[Labels - 1] = left;
                        return Meets() && Survives(n, e);
                    }

                    for (var x = i < cells.Length ? CellLo[cells[i].Zone][cells[i].Label] : 0; x <= left; x++)
                    {
                        if (i < cells.Length)
                        {
                            n[i] = x;
                        }
                        else
                        {
                            e[i - cells.Length] = x;
                        }

                        if (Choose(i + 1, left - x))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                bool Meets() => Enumerable.Range(0, Lo.Length).All(z => cells.Select((c, i) => c.Zone == z ? n[i] : 0).Sum() >= Lo[z]);

                bool Survives(int[] counts, int[] idle)
                {
                    var f = new int[cells.Length];
                    var g = new int[Labels];
                    var failures = Math.Min(K, counts.Sum() + idle.Sum());
                    return Fail(0, failures);

                    bool Fail(int i, int left)
                    {
                        if (i == cells.Length + Labels)
                        {
                            return left > 0 || Holds();
                        }

                        var most = Math.Min(left, i < cells.Length ? counts[i] : idle[i - cells.Length]);
                        for (var x = 0; x <= most; x++)
                        {
                            if (i < cells.Length)
                            {
                                f[i] = x;
                            }
                            else
                            {
                                g[i - cells.Length] = x;
                            }

                            if (!Fail(i + 1, left - x))
                            {
                                return false;
                            }
                        }

                        return true;
                    }

                    bool Holds()
                    {
                        var perLabel = new int[Labels];
                        var inAll = 0;
                        for (var z = 0; z < Lo.Length; z++)
                        {
                            var sum = 0;
                            var survivors = 0;
                            for (var i = 0; i < cells.Length; i++)
                            {
                                if (cells[i].Zone != z)
                                {
                                    continue;
                                }

                                var l = cells[i].Label;
                                var r = CellAfter[z][l] > 0 ? Math.Max(0, CellAfter[z][l] - counts[i] + f[i]) : 0;
                                perLabel[l] += r;
                                sum += r;
                                survivors += counts[i] - f[i];
                            }

                            inAll += Math.Max(sum, After[z] - survivors);
                        }

                        return Enumerable.Range(0, Labels).All(l => perLabel[l] <= idle[l] - g[l]) && inAll <= idle.Sum() - g.Sum();
                    }
                }
            }
        }
    }
}
