using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.WhatIf;

namespace Shuyaku.Core.Tests.WhatIf;

/// <summary>What-ifs on small estates: failing named hosts, and re-planning after growth, added workloads, headroom and host model.</summary>
public sealed class WhatIfPlannerTests
{
    private static readonly SolveOptions Search = new() { MaxIterations = 20_000, TimeLimit = TimeSpan.FromSeconds(30) };

    private static (Estate Estate, Plan Plan) Planned(string yaml)
    {
        var estate = TestEstates.Read(yaml);
        return (estate, TestEstates.PlanChecked(estate, new PlanOptions(Search: Search)));
    }

    private static WhatIfResult Run(Estate estate, Plan plan, WhatIfChanges changes) => WhatIfPlanner.Run(estate, plan, changes, Search);

    [Fact]
    public void Failing_one_host_of_an_N_plus_1_plan_holds_and_lists_the_restarts_and_loads()
    {
        // Given four workloads of 4 GHz on hosts of 16 GHz, planned for N+1
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(4, 4, 1), failures: 1));
        var victim = TestEstates.HostOf(plan, "w1");

        // When the host of w1 fails
        var result = Run(estate, plan, new WhatIfChanges { FailHosts = [victim] });

        // Then every workload of it restarts elsewhere within the failover limit
        result.Errors.ShouldBeEmpty();
        result.Failure!.Holds.ShouldBeTrue(string.Join("\n", result.Failure.Violations));
        result.Failure.FromCertificate.ShouldBeTrue();
        var moved = plan.Assignments.Where(a => a.Host == victim).Select(a => a.Workload).ToList();
        result.Failure.Restarts.Select(r => r.Workload).ShouldBe(moved, ignoreOrder: true);
        result.Failure.Restarts.ShouldAllBe(r => r.Host != victim);
        result.Failure.Loads.ShouldNotBeEmpty();
        result.Failure.Loads.ShouldAllBe(l => !l.Over && l.After >= l.Before);
        result.Replan.ShouldBeNull();
        result.Holds.ShouldBeTrue();
    }

    [Fact]
    public void Failing_the_host_of_a_spread_partner_breaks_the_spread_when_no_other_host_is_left()
    {
        // Given a and b spread over two hosts, planned for N+0
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1), rules: "  - spread: [w1, w2]\n"));
        plan.Hosts.Count.ShouldBe(2);
        var hostOfW1 = TestEstates.HostOf(plan, "w1");
        var hostOfW2 = TestEstates.HostOf(plan, "w2");

        // When the host of w1 fails
        var failure = Run(estate, plan, new WhatIfChanges { FailHosts = [hostOfW1] }).Failure!;

        // Then w1 restarts nowhere: on the only survivor it would share a host with its spread partner
        failure.Holds.ShouldBeFalse();
        failure.NotRestarted.ShouldBe(["w1"]);
        failure.Violations.Select(v => v.Kind).ShouldBe(["failover", "spread"]);
        failure.Violations[0].Message.ShouldBe($"after '{hostOfW1}' fail: 'w1' cannot be restarted on any surviving host");
        failure.Violations[1].Message.ShouldStartWith($"if 'w1' restarted on '{hostOfW2}': spread ");
        failure.Violations[1].Message.ShouldEndWith($"'w1', 'w2' share host '{hostOfW2}'");
        failure.Violations.ShouldAllBe(v => v.Failed!.SequenceEqual(new[] { hostOfW1 }));
    }

    [Fact]
    public void Failing_more_hosts_than_the_plan_survives_reports_what_breaks()
    {
        // Given four workloads of 6 GHz (two per 16 GHz host at most), planned for N+1
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(4, 6, 1), failures: 1));
        var hosts = plan.Hosts.Select(h => h.Id).ToList();
        hosts.Count.ShouldBe(3);

        // When two hosts fail at once
        var failure = Run(estate, plan, new WhatIfChanges { FailHosts = [hosts[0], hosts[1]] }).Failure!;

        // Then the survivors cannot take every workload, and capacity is what breaks
        failure.Holds.ShouldBeFalse();
        failure.FromCertificate.ShouldBeFalse();
        failure.NotRestarted.ShouldNotBeEmpty();
        failure.Violations.ShouldContain(v => v.Kind == "capacity" && v.Message.Contains("cpu but offers 16 GHz within the failover limit of 100%"));
        (failure.Restarts.Count + failure.NotRestarted.Count).ShouldBe(plan.Assignments.Count(a => a.Host == hosts[0] || a.Host == hosts[1]));
    }

    [Fact]
    public void An_unknown_host_is_refused_with_the_plans_hosts()
    {
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        var result = Run(estate, plan, new WhatIfChanges { FailHosts = ["nope"] });

        result.Errors.ShouldBe([$"host 'nope' is not in the plan; its hosts are {string.Join(", ", plan.Hosts.Select(h => h.Id))}"]);
        result.Holds.ShouldBeFalse();
    }

    [Fact]
    public void Growth_of_50_percent_needs_more_hosts()
    {
        // Given eight workloads of 4 GHz: four fit a 16 GHz host, so two hosts
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(8, 4, 1)));
        plan.Summary.Hosts.ShouldBe(2);

        // When every demand grows by 50% (6 GHz: two per host)
        var replan = Run(estate, plan, new WhatIfChanges { Growth = ResourcePercents.All(50) }).Replan!;

        // Then the new plan has four hosts, checked valid
        replan.Plan!.Summary.Hosts.ShouldBe(4);
        replan.HostDelta.ShouldBe(2);
        replan.BoundDelta.ShouldBe(2);
        replan.Check!.Valid.ShouldBeTrue();
        replan.Changes.ShouldBe(["growth 50% on every workload"]);
    }

    [Fact]
    public void Growth_on_memory_alone_leaves_cpu_bound_plans_alone()
    {
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(8, 4, 1)));

        var replan = Run(estate, plan, new WhatIfChanges { Growth = new ResourcePercents(Memory: 100) }).Replan!;

        replan.Plan!.Summary.Hosts.ShouldBe(2);
        replan.HostDelta.ShouldBe(0);
    }

    [Fact]
    public void A_copy_joins_its_originals_spread_rule()
    {
        // Given w1 and w2 spread: two small workloads on two hosts
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1), rules: "  - spread: [w1, w2]\n"));

        // When two copies of w1 are added
        var replan = Run(estate, plan, new WhatIfChanges { Copies = [new("w1", 2)] }).Replan!;

        // Then all four are spread, on four hosts
        replan.Workloads.ShouldBe(4);
        replan.Plan!.Summary.Hosts.ShouldBe(4);
        replan.Plan.Assignments.Select(a => a.Workload).ShouldBe(["w1", "w2", "w1-copy1", "w1-copy2"]);
        replan.Check!.Valid.ShouldBeTrue();
    }

    [Fact]
    public void New_workloads_given_by_demand_are_placed()
    {
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 4, 1)));

        var replan = Run(estate, plan, new WhatIfChanges { NewWorkloads = [new("big", 12, 1024, Count: 2)] }).Replan!;

        replan.Plan!.Assignments.Select(a => a.Workload).ShouldBe(["w1", "w2", "big-1", "big-2"]);
        // 4 + 12 GHz fill a 16 GHz host: one host more than the one that held w1 and w2
        plan.Summary.Hosts.ShouldBe(1);
        replan.Plan.Summary.Hosts.ShouldBe(2);
        replan.HostDelta.ShouldBe(1);
        replan.Check!.Valid.ShouldBeTrue();
    }

    [Fact]
    public void Lower_headroom_needs_more_hosts()
    {
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(8, 4, 1)));

        var replan = Run(estate, plan, new WhatIfChanges { Headroom = new ResourcePercents(Cpu: 50) }).Replan!;

        // 8 GHz of 16 within headroom: two 4 GHz workloads per host
        replan.Plan!.Summary.Hosts.ShouldBe(4);
        replan.Changes.ShouldBe(["headroom cpu=50%"]);
    }

    [Fact]
    public void A_host_model_too_small_for_a_workload_is_reported_as_infeasible()
    {
        var catalog = TestEstates.SimpleCatalog + "\n  - { id: tiny, sockets: 1, cores: 2, clock: 2GHz, memory: 32GiB, network: 1000Mbps, price: 10 }\n";
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 6, 1), catalog: catalog));
        plan.HostModel.ShouldBe("box");

        var result = Run(estate, plan, new WhatIfChanges { HostModel = "tiny" });

        result.Errors.ShouldBeEmpty();
        result.Replan!.Plan.ShouldBeNull();
        result.Replan.Infeasible!.ShouldContain("tiny");
        result.Replan.HostDelta.ShouldBeNull();
        result.Holds.ShouldBeFalse();
    }

    [Fact]
    public void Unknown_names_and_values_out_of_range_are_all_reported()
    {
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        var result = Run(estate, plan, new WhatIfChanges
        {
            HostModel = "nope",
            Copies = [new("w9", 1)],
            Headroom = new ResourcePercents(Cpu: 0),
        });

        result.Errors.ShouldBe([
            "host model 'nope' is not in the catalog; the models are box",
            "workload 'w9' is not in the estate; its workloads are w1, w2",
            "headroom of 0% on cpu: it must be above 0% and at most 100%",
        ]);
        result.Replan.ShouldBeNull();
    }

    [Fact]
    public void Huge_growth_headroom_and_new_workloads_are_written_in_scientific_notation_not_hundreds_of_digits()
    {
        // Given a growth and a headroom far out of range, as --growth 1e308 and --headroom -2.5e10 give them
        var (estate, plan) = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var changes = WhatIfText.Changes([], "1e308", [], ["big,cpu=1e9,mem=123456789.25"], "cpu=-2.5e10", null, []);

        // When they are checked
        var errors = WhatIfPlanner.Validate(estate, plan, changes);

        // Then each error names the value in a few characters, and a value below a billion keeps its decimals
        errors.ShouldBe([
            "growth of 1E+308% on cpu, mem, net, disk: it must be above -100% and at most 1000%",
            "headroom of -2.5E+10% on cpu: it must be above 0% and at most 100%",
        ]);
        var added = Run(estate, plan, WhatIfText.Changes([], null, [], ["big,cpu=1e9,mem=123456789.25"], null, null, []));
        added.Replan!.Changes.ShouldBe(["1 new workload big of 1E+9 GHz cpu, 123456789.25 MiB memory, 0 Mbps network, 0 MiB disk each"]);
    }

    [Theory]
    [InlineData("20", 20.0, 20.0, 20.0, 20.0)]
    [InlineData("cpu=10,mem=20%", 10.0, 20.0, null, null)]
    [InlineData("net=5, disk=-10", null, null, 5.0, -10.0)]
    public void Percentages_read_as_one_value_or_per_resource(string text, double? cpu, double? mem, double? net, double? disk)
    {
        ResourcePercents.Parse(text, out var error).ShouldBe(new ResourcePercents(cpu, mem, net, disk));
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("cpu", "'cpu' is not PCT or RESOURCE=PCT (resources: cpu, mem, net, disk)")]
    [InlineData("gpu=5", "'gpu=5' is not PCT or RESOURCE=PCT (resources: cpu, mem, net, disk)")]
    [InlineData("cpu=x", "'x' for cpu is not a percentage")]
    [InlineData("cpu=1,cpu=2", "cpu is given twice")]
    public void Percentages_that_do_not_read_say_why(string text, string message)
    {
        ResourcePercents.Parse(text, out var error).ShouldBeNull();
        error.ShouldBe(message);
    }
}
