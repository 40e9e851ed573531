using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>The holes of "A plan users can trust": what the checker used to let through, and the planner agreeing with it.</summary>
public sealed class CheckerSemanticsTests
{
    /// <summary>One old server of 4 × 2.5 GHz; four workloads of 30% (3 GHz) each; hosts of the same hardware with a failover limit of 50% (5 GHz).</summary>
    private const string SurvivorEstate = """
        name: survivors
        servers:
          - { id: old-01, site: s, hardware: { sockets: 1, cores: 4, clock: 2.5GHz, memory: 64GiB } }
        sites:
          - { id: s }
        workloads:
          - { id: w1, server: old-01, demand: { cpu: 30%, memory: 1GiB } }
          - { id: w2, server: old-01, demand: { cpu: 30%, memory: 1GiB } }
          - { id: w3, server: old-01, demand: { cpu: 30%, memory: 1GiB } }
          - { id: w4, server: old-01, demand: { cpu: 30%, memory: 1GiB } }
        catalog:
          - { id: box, sockets: 1, cores: 4, clock: 2.5GHz, memory: 64GiB, network: 1000Mbps, price: 1000 }
        policy:
          headroom: { cpu: 80%, memory: 80%, network: 80% }
          failoverUtilisation: 50%
          hypervisorReserve: { cpu: 0GHz, memory: 0MiB }
          vmOverhead: { cpu: 0GHz, memory: 0MiB }
          failures: 1
        """;

    private static Plan HandPlan(Estate estate, IReadOnlyList<PlannedHost> hosts, IReadOnlyList<Assignment> assignments, int failures = 1,
        IReadOnlyList<PlannedFailover>? failover = null) => new()
    {
        Estate = estate.Name,
        Inputs = new PlanInputs(estate.Digest, failures, "x"),
        HostModel = "box",
        Hosts = hosts,
        Assignments = assignments,
        LowerBound = new PlanBound(0, []),
        Breakdown = [],
        Storage = new PlanStorage(0, 0, 0, 0, 0),
        Summary = new PlanSummary(0, 0, assignments.Count, hosts.Count, hosts.Count, 0, 0),
        Failover = failover ?? [],
    };

    [Fact]
    public void A_survivor_that_receives_nothing_is_still_held_to_the_failover_limit()
    {
        // Given w1 + w2 (6 GHz) on host-01 and the restarts of host-01's failure on the empty hosts 04 and 05
        var estate = TestEstates.Read(SurvivorEstate);
        var hosts = Enumerable.Range(1, 5).Select(i => new PlannedHost($"host-0{i}", "box")).ToList();
        var plan = HandPlan(estate, hosts,
            [new("w1", "host-01"), new("w2", "host-01"), new("w3", "host-02"), new("w4", "host-03")],
            failover: [new(["host-01"], [new("w1", "host-04"), new("w2", "host-05")])]);

        // When it is checked
        var report = Checker.Check(estate, plan);

        // Then host-01 is over 5 GHz whenever another host fails
        report.Violations.Select(v => v.Message).ShouldBe(["as a survivor of any 1 failure: host 'host-01' needs 6 GHz cpu but offers 5 GHz within the failover limit of 50%"]);
        report.Violations[0].Failed.ShouldBe(["host-02"]);
    }

    [Fact]
    public void The_planners_plan_keeps_every_host_within_the_failover_limit()
    {
        var estate = TestEstates.Read(SurvivorEstate);

        var plan = TestEstates.PlanChecked(estate);

        plan.Assignments.GroupBy(a => a.Host).ShouldAllBe(g => g.Count() == 1);
    }

    private const string FencedDedicated = """
        name: fenced
        workloads:
          - { id: app, demand: { cpu: 1GHz, memory: 1GiB } }
          - { id: db, dedicated: true, demand: { cpu: 1GHz, memory: 1GiB } }
          - { id: tool, dedicated: true, demand: { cpu: 1GHz, memory: 1GiB } }
        hostGroups:
          - { id: lic }
        rules:
          - fence: { workloads: [db], group: lic }
          - ban: { workloads: [tool], group: lic }
        """;

    [Fact]
    public void Fence_and_ban_hold_on_bare_metal_hosts()
    {
        var estate = TestEstates.Read(FencedDedicated + "\n" + TestEstates.SimpleCatalog + "\n" + TestEstates.Policy());
        var plan = HandPlan(estate,
            [new("host-01", "box"), new("bare-01", "box", Dedicated: true), new("bare-02", "box", "lic", Dedicated: true)],
            [new("app", "host-01"), new("db", "bare-01"), new("tool", "bare-02")], failures: 0);

        var report = Checker.Check(estate, plan);

        report.Violations.Select(v => v.Kind).ShouldBe(["fence", "ban"]);
        report.Violations[0].Message.ShouldBe("fence 'fence-1' (only on host group 'lic'): 'db' run on host 'bare-01', which is in no group");
    }

    [Fact]
    public void The_planner_gives_a_fenced_dedicated_workload_a_bare_metal_host_of_its_group()
    {
        var estate = TestEstates.Read(FencedDedicated + "\n" + TestEstates.SimpleCatalog + "\n" + TestEstates.Policy());

        var plan = TestEstates.PlanChecked(estate);

        plan.Hosts.Single(h => h.Id == TestEstates.HostOf(plan, "db")).Group.ShouldBe("lic");
        plan.Hosts.Single(h => h.Id == TestEstates.HostOf(plan, "tool")).Group.ShouldBeNull();
    }

    [Fact]
    public void A_plan_made_for_fewer_failures_than_the_estate_requires_is_a_failover_violation()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(4, 3, 4), failures: 1));
        var plan = Planner.Plan(estate, new PlanOptions(Failures: 0)).Plan!;

        var report = Checker.Check(estate, plan);

        report.Failures.ShouldBe(1);
        report.Violations[0].Kind.ShouldBe("failover");
        report.Violations[0].Message.ShouldBe("the plan was made for N+0 but N+1 is required by the estate's policy");
        Checker.Check(estate, plan, failures: 0).Violations.ShouldBeEmpty();
        Checker.Check(estate, plan, failures: 2).Violations[0].Message.ShouldBe("the plan was made for N+0 but N+2 is required");
    }

    private static Estate RuleEstate() => TestEstates.Read(TestEstates.Estate(
        TestEstates.Workloads(4, 1, 1),
        "  - spread: [w1, w2]\n  - lonely: [w3]\n"));

    [Fact]
    public void A_missing_assignment_does_not_hide_a_broken_spread_or_a_lonely_workload_with_company()
    {
        var estate = RuleEstate();
        var plan = HandPlan(estate, [new("h1", "box"), new("h2", "box")],
            [new("w1", "h1"), new("w2", "h1"), new("w3", "h2"), new("w4", "h2"), new("ghost", "h1")], failures: 0);

        var report = Checker.Check(estate, plan);

        report.Violations.Select(v => v.Kind).ShouldBe(["assignment", "spread", "lonely"]);
    }

    [Fact]
    public void An_unplaced_workload_does_not_hide_the_rules_of_the_others()
    {
        var estate = RuleEstate();
        var plan = HandPlan(estate, [new("h1", "box"), new("h2", "box")], [new("w1", "h1"), new("w3", "h2"), new("w4", "h2")], failures: 0);

        Checker.Check(estate, plan).Violations.Select(v => v.Message).ShouldBe([
            "workload 'w2' is not placed on any host",
            "lonely 'lonely-2': 'w3' share host 'h2' with 'w4'",
        ]);
    }

    private static (Estate Estate, Plan Plan) Planned()
    {
        var estate = TestEstates.Read(TestEstates.Estate(
            TestEstates.Workloads(9, 3, 5) + "  - { id: d1, dedicated: true, demand: { cpu: 1GHz, memory: 1GiB } }\n",
            "  - spread: [w1, w2, w3]\n  - lonely: [w9]\n", failures: 1));
        return (estate, TestEstates.PlanChecked(estate));
    }

    [Fact]
    public void Every_bound_argument_of_a_planned_estate_is_recomputed_and_holds()
    {
        var (estate, plan) = Planned();

        var report = Checker.Check(estate, plan);

        report.Bound!.Unverified.ShouldBeEmpty();
        report.Bound.Verified.Count.ShouldBe(plan.LowerBound.Parts.Count);
        plan.LowerBound.Parts.ShouldContain(p => p.Kind == "n+k" && p.Failures == 1 && p.Zones!.Count == 2);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(3)]
    public void A_tampered_bound_value_is_reported(int value)
    {
        var (estate, plan) = Planned();
        var tampered = plan with { LowerBound = plan.LowerBound with { Value = value } };

        var report = Checker.Check(estate, tampered);

        report.Violations.Single().Kind.ShouldBe("bound");
        report.Violations.Single().Message.ShouldStartWith($"the lower bound is {value} hosts, but its parts give {plan.LowerBound.Value}");
    }

    [Fact]
    public void A_tampered_argument_is_reported_even_when_the_value_agrees()
    {
        var (estate, plan) = Planned();
        var parts = plan.LowerBound.Parts.Select(p => p.Kind == "volume" && p.Resource == "memory" ? p with { Hosts = 49 } : p).ToList();
        var tampered = plan with { LowerBound = new PlanBound(50, parts) };

        Checker.Check(estate, tampered).Violations.Select(v => v.Message).ShouldBe([
            $"the lower bound's argument 'memory volume' claims 49 hosts, but the estate proves only {plan.LowerBound.Parts.Single(p => p.Reason == "memory volume").Hosts} by it",
        ]);
    }

    [Fact]
    public void A_part_of_unknown_kind_is_listed_as_unverified()
    {
        var (estate, plan) = Planned();
        var tampered = plan with { LowerBound = plan.LowerBound with { Parts = [.. plan.LowerBound.Parts, new PlanBoundPart("exact backend (Optimal)", 2, "exact-backend")] } };

        Checker.Check(estate, tampered).Bound!.Unverified.ShouldBe(["exact backend (Optimal)"]);
    }
}
