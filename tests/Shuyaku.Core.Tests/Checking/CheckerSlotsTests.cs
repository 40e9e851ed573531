using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>The checker's own recomputation of the <c>n+k-slots</c> bound argument (docs/plan-format.md).</summary>
public sealed class CheckerSlotsTests
{
    /// <summary>
    /// 24 small workloads under a max-per-host rule of 4 over every workload, 5 fenced to <c>licensed</c> and 7 banned from
    /// it, N+2: the zone fills its 6 hosts, so the spare counts alone prove 8 hosts and the free slots 9 (9 loaded
    /// hosts and no idle one, 5 licensed: 4 + 8 free slots for the two largest of each label).
    /// </summary>
    private static Estate Filled()
    {
        var workloads = TestEstates.Workloads(5, 0.5, 1, "f") + TestEstates.Workloads(7, 0.5, 1, "b") + TestEstates.Workloads(12, 0.5, 1, "w");
        var rules = "  - fence: { workloads: [f1, f2, f3, f4, f5], group: licensed }\n"
            + "  - ban: { workloads: [b1, b2, b3, b4, b5, b6, b7], group: licensed }\n"
            + "  - maxPerHost: 4\n";
        return TestEstates.Read(TestEstates.Estate(workloads, rules, failures: 2, extra: "hostGroups:\n  - { id: licensed }\n"));
    }

    [Fact]
    public void A_planned_n_plus_k_slots_part_is_recomputed_and_holds()
    {
        var estate = Filled();
        var plan = TestEstates.PlanChecked(estate);

        var report = Checker.Check(estate, plan);

        var part = plan.LowerBound.Parts.Single(p => p.Kind == "n+k-slots");
        part.Hosts.ShouldBe(9);
        plan.LowerBound.Parts.Where(p => p.Kind is "n+k" or "n+k-rules" or "n+k-spares").Max(p => p.Hosts).ShouldBe(8);
        report.Violations.ShouldBeEmpty();
        report.Bound!.Unverified.ShouldBeEmpty();
        report.Bound.Verified.ShouldContain(part.Reason);
        report.Bound.Verified.Count.ShouldBe(plan.LowerBound.Parts.Count);
    }

    [Fact]
    public void A_plan_json_whose_n_plus_k_slots_part_is_raised_by_one_is_a_bound_violation()
    {
        var estate = Filled();
        var plan = TestEstates.PlanChecked(estate);
        var part = plan.LowerBound.Parts.Single(p => p.Kind == "n+k-slots");
        var raised = TestEstates.WithPartRaisedByOne(plan, part);

        var report = Checker.Check(estate, raised);

        report.Violations.Select(v => v.ToString()).ShouldBe([
            $"bound: the lower bound's argument '{BoundTexts.Describe(part)}' claims {part.Hosts + 1} hosts, but the estate proves only {part.Hosts} by it",
        ]);
    }

    [Fact]
    public void The_free_slots_needed_are_counted_up_from_zero_and_none_exist_when_every_host_of_the_label_fails()
    {
        // 5 bound workloads on 3 hosts, one failure: 3 free slots (values 3, 3, 2 sum to 8 and the largest is 3).
        Checker.FreeSlotsNeeded(5, 3, 1).ShouldBe(3);
        // 7 on 5 hosts, two failures: with 5 free slots the values sum to 12, at best 3, 3, 2, 2, 2 (two largest 6 > 5); with 6, 13.
        Checker.FreeSlotsNeeded(7, 5, 2).ShouldBe(6);
        Checker.FreeSlotsNeeded(7, 6, 2).ShouldBe(4);
        Checker.FreeSlotsNeeded(1, 2, 2).ShouldBeNull();
    }

    [Fact]
    public void The_recomputation_stops_at_its_work_limit()
    {
        var zone = new Checker.SlotZone(6, 6, [new Checker.SpareCell(0, 2, 2), new Checker.SpareCell(1, 2, 2)], [new Checker.SlotRuleFacts(4, 24, [5, 7])]);

        // (2 + 1)^(2 + 1) = 27 idle-count vectors, within a limit of 30, but the splits tried take more steps than that.
        Checker.FewestSlots(2, 2, [zone], 1_000_000).ShouldBe(9);
        Checker.FewestSlots(2, 2, [zone], 30).ShouldBeNull();
    }
}
