using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement;

public sealed class PlacementRulesTests
{
    private static Plan Plan(string workloads, string rules = "", int failures = 0, string extra = "") =>
        TestEstates.PlanChecked(TestEstates.Read(TestEstates.Estate(workloads, rules, failures, extra: extra)));

    private static int VirtualHosts(Plan plan) => plan.Hosts.Count(h => !h.Dedicated);

    [Fact]
    public void Small_workloads_are_packed_onto_one_host_when_nothing_forbids_it()
    {
        var plan = Plan(TestEstates.Workloads(8, 1, 2));
        plan.Hosts.Count.ShouldBe(1);
        plan.LowerBound.Value.ShouldBe(1);
    }

    [Fact]
    public void Volume_decides_the_count_when_workloads_are_large()
    {
        // 10 × 6 GHz = 60 GHz on 16 GHz hosts: the volume says 4 (3.75), but three never fit (18 > 16), so 5.
        var plan = Plan(TestEstates.Workloads(10, 6, 1));
        plan.Hosts.Count.ShouldBe(5);
        plan.LowerBound.Value.ShouldBe(5);
    }

    [Fact]
    public void Spread_rule_puts_redundant_instances_on_distinct_hosts()
    {
        var plan = Plan(TestEstates.Workloads(3, 1, 1, "dns"), "  - spread: [dns1, dns2, dns3]");
        plan.Assignments.Select(a => a.Host).Distinct().Count().ShouldBe(3);
        plan.LowerBound.Parts.ShouldContain(p => p.Reason == "largest spread group" && p.Hosts == 3);
    }

    [Fact]
    public void The_breakdown_credits_hosts_that_rules_force_to_the_rules_not_to_demand()
    {
        var plan = Plan(TestEstates.Workloads(3, 1, 1, "dns"), "  - spread: [dns1, dns2, dns3]");

        plan.Breakdown[0].ShouldBe(new BreakdownStep("today's demand at full capacity, capacity alone", 1));
        plan.Breakdown[1].ShouldBe(new BreakdownStep("with placement rules (spread)", 3));
    }

    [Fact]
    public void Without_rules_the_breakdown_starts_from_demand_alone()
    {
        var plan = Plan(TestEstates.Workloads(3, 1, 1));

        plan.Breakdown[0].ShouldBe(new BreakdownStep("today's demand at full capacity", 1));
        plan.Breakdown.ShouldNotContain(b => b.Step.StartsWith("with placement rules", StringComparison.Ordinal));
    }

    [Fact]
    public void Gather_rule_keeps_workloads_on_one_host()
    {
        // Each takes 5 GHz: without the rule any two could share; with it w1, w2 and w3 must be together.
        var plan = Plan(TestEstates.Workloads(6, 5, 1), "  - gather: [w1, w4, w6]");
        TestEstates.HostOf(plan, "w4").ShouldBe(TestEstates.HostOf(plan, "w1"));
        TestEstates.HostOf(plan, "w6").ShouldBe(TestEstates.HostOf(plan, "w1"));
    }

    [Fact]
    public void Fence_rule_keeps_workloads_on_hosts_of_their_group_and_ban_keeps_others_off()
    {
        var plan = Plan(
            TestEstates.Workloads(4, 1, 1),
            "  - fence: { workloads: [w1, w2], group: licensed }\n  - ban: { workloads: [w3], group: licensed }",
            extra: "hostGroups:\n  - { id: licensed, name: Oracle licensed hosts }\n");
        var licensed = plan.Hosts.Where(h => h.Group == "licensed").Select(h => h.Id).ToList();
        licensed.ShouldContain(TestEstates.HostOf(plan, "w1"));
        licensed.ShouldContain(TestEstates.HostOf(plan, "w2"));
        licensed.ShouldNotContain(TestEstates.HostOf(plan, "w3"));
    }

    [Fact]
    public void Lonely_workload_gets_a_host_to_itself()
    {
        var plan = Plan(TestEstates.Workloads(4, 1, 1), "  - lonely: [w2]");
        var host = TestEstates.HostOf(plan, "w2");
        plan.Assignments.Count(a => a.Host == host).ShouldBe(1);
        plan.Hosts.Count.ShouldBe(2);
    }

    [Fact]
    public void Isolation_zones_never_share_a_host()
    {
        var plan = Plan(TestEstates.Workloads(3, 1, 1, "int") + TestEstates.Workloads(2, 1, 1, "dmz", "zone: dmz, "));
        var dmzHosts = new[] { "dmz1", "dmz2" }.Select(w => TestEstates.HostOf(plan, w)).ToHashSet();
        var internalHosts = new[] { "int1", "int2", "int3" }.Select(w => TestEstates.HostOf(plan, w)).ToHashSet();
        dmzHosts.Overlaps(internalHosts).ShouldBeFalse();
        plan.Hosts.Count.ShouldBe(2);
        plan.LowerBound.Value.ShouldBe(2);
    }

    [Fact]
    public void Max_per_host_rule_limits_how_many_workloads_share_a_host()
    {
        var plan = Plan(TestEstates.Workloads(7, 0.1, 0.1), "  - maxPerHost: 3");
        plan.Assignments.GroupBy(a => a.Host).ShouldAllBe(g => g.Count() <= 3);
        plan.Hosts.Count.ShouldBe(3);
    }

    [Fact]
    public void Dedicated_workload_gets_a_bare_metal_host_of_its_own()
    {
        var plan = Plan(TestEstates.Workloads(3, 1, 1) + "  - { id: erp, dedicated: true, demand: { cpu: 2GHz, memory: 4GiB } }\n");
        var host = plan.Hosts.Single(h => h.Id == TestEstates.HostOf(plan, "erp"));
        host.Dedicated.ShouldBeTrue();
        plan.Assignments.Count(a => a.Host == host.Id).ShouldBe(1);
        plan.Breakdown[^1].Step.ShouldBe("plus 1 dedicated bare-metal host");
        plan.Summary.DedicatedHosts.ShouldBe(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void N_plus_k_leaves_room_to_restart_the_workloads_of_any_k_failed_hosts(int k)
    {
        // 12 × 4 GHz: 3 hosts at full load without failover; survivors of k failures must still hold 48 GHz.
        var plan = Plan(TestEstates.Workloads(12, 4, 1), failures: k);
        VirtualHosts(plan).ShouldBe(3 + k);
        plan.LowerBound.Value.ShouldBe(3 + k);
        plan.Failover.Count.ShouldBe(k == 1 ? 4 : 10);
        plan.Failover.ShouldAllBe(s => s.Failed.Count == k);
    }

    [Fact]
    public void Failover_keeps_redundant_instances_apart_after_a_failure()
    {
        // Three DNS servers must sit on three distinct hosts even after any one host fails: four hosts at least.
        var plan = Plan(TestEstates.Workloads(3, 0.5, 0.5, "dns"), "  - spread: [dns1, dns2, dns3]", failures: 1);
        VirtualHosts(plan).ShouldBe(4);
        plan.LowerBound.Value.ShouldBe(4);
    }

    [Fact]
    public void One_idle_spare_covers_every_isolation_zone_after_a_failure()
    {
        // Zones never share a host: dmz needs 2 hosts (spread), the lonely workload 1, the default zone 2 (spread).
        // After any failure the displaced workloads may restart on one idle spare, whatever zone it was kept for.
        var plan = Plan(
            TestEstates.Workloads(2, 1, 1, "dmz", "zone: dmz, ") + TestEstates.Workloads(1, 1, 1, "solo") + TestEstates.Workloads(2, 1, 1, "int"),
            "  - spread: [dmz1, dmz2]\n  - spread: [int1, int2]\n  - lonely: [solo1]",
            failures: 1);
        VirtualHosts(plan).ShouldBe(6);
        plan.LowerBound.Value.ShouldBe(6);
    }

    [Fact]
    public void An_impossible_gather_is_explained_instead_of_thrown()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(3, 7, 1), "  - gather: [w1, w2, w3]"));
        var outcome = Planner.Plan(estate, new PlanOptions());
        outcome.Plan.ShouldBeNull();
        outcome.Infeasible.ShouldBe("on host model 'box': workloads w1, w2, w3, gathered on one host, need 21 GHz of cpu together but a host offers only 16 GHz within the policy's headroom");
    }

    [Fact]
    public void Growth_over_the_horizon_raises_the_host_count_and_shows_in_the_breakdown()
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(8, 3, 1)).Replace("growth: 0%", "growth: 20%\n  horizon: 5", StringComparison.Ordinal);
        var plan = TestEstates.PlanChecked(TestEstates.Read(yaml));
        // 24 GHz today (2 hosts); × 1.2^5 = 2.49 → 7.46 GHz each, two per host: 4 hosts.
        plan.Breakdown.Select(s => s.Hosts).ShouldBe([2, 2, 4]);
        plan.Hosts.Count.ShouldBe(4);
    }

    [Fact]
    public void The_cheapest_catalog_model_is_chosen_unless_one_is_named()
    {
        var catalog = """
            catalog:
              - { id: small, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB, price: 400 }
              - { id: large, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB, price: 2000 }
            """;
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(8, 2, 2), catalog: catalog));
        TestEstates.PlanChecked(estate).HostModel.ShouldBe("small");
        TestEstates.PlanChecked(estate, new PlanOptions(HostModel: "large")).Hosts.Count.ShouldBe(1);
    }
}
