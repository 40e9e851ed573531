using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Checking;

/// <summary>Each test hands the checker a plan broken in one way and expects exactly that to be found.</summary>
public sealed class CheckerTests
{
    private static readonly string Rules = """
          - spread: [w1, w2]
          - gather: [w3, w4]
          - fence: { workloads: [w5], group: lic }
          - ban: { workloads: [w6], group: lic }
          - lonely: [w7]
          - maxPerHost: { limit: 2, workloads: [w8, w9, w10] }
        """;

    private static Estate Estate(int failures = 0) => TestEstates.Read(TestEstates.Estate(
        TestEstates.Workloads(10, 1, 1) + "  - { id: dmz1, zone: dmz, demand: { cpu: 1GHz, memory: 1GiB } }\n  - { id: bare, dedicated: true, demand: { cpu: 1GHz, memory: 1GiB } }\n",
        Rules,
        failures,
        extra: "hostGroups:\n  - { id: lic }\n"));

    /// <summary>A valid hand-written plan: h1 (lic) w5; h2 w1 w3 w4 w6; h3 w2 w8 w9; h4 w7; h5 w10; h6 dmz1; b1 bare.</summary>
    private static Plan ValidPlan(Estate estate, int failures = 0, IReadOnlyList<PlannedFailover>? failover = null) => new()
    {
        Inputs = new PlanInputs(estate.Digest, failures, "x"),
        HostModel = "box",
        Hosts =
        [
            new("h1", "box", "lic"), new("h2", "box"), new("h3", "box"), new("h4", "box"), new("h5", "box"), new("h6", "box"),
            new("b1", "box", Dedicated: true),
        ],
        Assignments =
        [
            new("w1", "h2"), new("w2", "h3"), new("w3", "h2"), new("w4", "h2"), new("w5", "h1"), new("w6", "h2"), new("w7", "h4"),
            new("w8", "h3"), new("w9", "h3"), new("w10", "h5"), new("dmz1", "h6"), new("bare", "b1"),
        ],
        LowerBound = new PlanBound(0, []),
        Breakdown = [],
        Storage = new PlanStorage(0, 0, 0, 0, 0),
        Summary = new PlanSummary(0, 0, 12, 7, 6, 1, 0),
        Failover = failover ?? [],
    };

    private static Plan Move(Plan plan, string workload, string host) => plan with
    {
        Assignments = plan.Assignments.Select(a => a.Workload == workload ? a with { Host = host } : a).ToList(),
    };

    private static Violation Single(Estate estate, Plan plan)
    {
        var report = Checker.Check(estate, plan);
        report.Violations.Count.ShouldBe(1, string.Join("\n", report.Violations));
        return report.Violations[0];
    }

    [Fact]
    public void A_valid_plan_passes()
    {
        var estate = Estate();
        Checker.Check(estate, ValidPlan(estate)).Violations.ShouldBeEmpty();
    }

    [Fact]
    public void Redundant_instances_on_one_host_are_a_spread_violation()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w2", "h2"));
        v.Kind.ShouldBe("spread");
        v.Message.ShouldBe("spread 'spread-1': 'w1', 'w2' share host 'h2'");
        v.Hosts.ShouldBe(["h2"]);
    }

    [Fact]
    public void Split_gather_is_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w4", "h5"));
        v.Kind.ShouldBe("gather");
        v.Hosts.ShouldBe(["h2", "h5"]);
    }

    [Fact]
    public void Fenced_workload_outside_its_group_is_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w5", "h5"));
        v.Kind.ShouldBe("fence");
        v.Message.ShouldBe("fence 'fence-3' (only on host group 'lic'): 'w5' run on host 'h5', which is in no group");
    }

    [Fact]
    public void Banned_workload_inside_the_group_is_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w6", "h1"));
        v.Kind.ShouldBe("ban");
    }

    [Fact]
    public void Lonely_workload_with_company_is_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w10", "h4"));
        v.Kind.ShouldBe("lonely");
        v.Workloads.ShouldBe(["w10", "w7"]);
    }

    [Fact]
    public void Too_many_workloads_under_a_max_per_host_rule_are_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "w10", "h3"));
        v.Kind.ShouldBe("max-per-host");
        v.Message.ShouldBe("max-per-host 'maxPerHost-6' (at most 2): host 'h3' runs 3");
    }

    [Fact]
    public void Mixed_zones_are_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "dmz1", "h5"));
        v.Kind.ShouldBe("zone");
        v.Message.ShouldBe("host 'h5' mixes isolation zones (none), dmz");
    }

    [Fact]
    public void Dedicated_workload_on_a_virtualization_host_is_found()
    {
        var estate = Estate();
        var v = Single(estate, Move(ValidPlan(estate), "bare", "h5"));
        v.Kind.ShouldBe("dedicated");
    }

    [Fact]
    public void Over_capacity_is_found_per_resource()
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(3, 6, 12));
        var estate = TestEstates.Read(yaml);
        var plan = ValidPlan(estate) with
        {
            Hosts = [new("h1", "box")],
            Assignments = [new("w1", "h1"), new("w2", "h1"), new("w3", "h1")],
        };
        var report = Checker.Check(estate, plan);
        report.Violations.Select(v => v.Message).ShouldBe([
            "host 'h1' needs 18 GHz cpu but offers 16 GHz within headroom",
            "host 'h1' needs 36 GiB memory but offers 32 GiB within headroom",
        ]);
    }

    [Fact]
    public void Missing_duplicate_and_unknown_assignments_are_found()
    {
        var estate = Estate();
        var valid = ValidPlan(estate);
        var plan = valid with
        {
            Assignments = valid.Assignments.Where(a => a.Workload != "w9").Append(new("w1", "h3")).Append(new("ghost", "h3")).Append(new("w8", "nowhere")).ToList(),
        };
        Checker.Check(estate, plan).Violations.Select(v => v.Message).ShouldBe([
            "workload 'w1' is assigned twice ('h2' and 'h3')",
            "workload 'ghost' is not in the estate",
            "workload 'w8' is assigned to host 'nowhere', which the plan does not list",
            "workload 'w9' is not placed on any host",
        ]);
    }

    [Fact]
    public void A_plan_without_room_to_restart_after_a_failure_violates_n_plus_1()
    {
        // Two hosts each carrying 12 GHz of 16: when one fails, the other cannot take 12 GHz more.
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(4, 6, 1), failures: 1));
        var plan = ValidPlan(estate, failures: 1) with
        {
            Hosts = [new("h1", "box"), new("h2", "box")],
            Assignments = [new("w1", "h1"), new("w2", "h1"), new("w3", "h2"), new("w4", "h2")],
        };
        var report = Checker.Check(estate, plan);
        report.Violations.Select(v => v.Message).ShouldBe([
            "when 'h1' fail, their workloads cannot all be restarted on the other hosts",
            "when 'h2' fail, their workloads cannot all be restarted on the other hosts",
        ]);
        report.ScenariosChecked.ShouldBe(2);
    }

    [Fact]
    public void A_failover_certificate_that_breaks_a_rule_is_rejected()
    {
        // Hosts h1..h3 with spread pair a1/a2; the certificate restarts a1 next to a2.
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(2, 1, 1, "a") + TestEstates.Workloads(1, 1, 1, "b"), "  - spread: [a1, a2]", failures: 1));
        var plan = ValidPlan(estate, failures: 1, failover:
        [
            new(["h1"], [new("a1", "h2")]),
        ]) with
        {
            Hosts = [new("h1", "box"), new("h2", "box"), new("h3", "box")],
            Assignments = [new("a1", "h1"), new("a2", "h2"), new("b1", "h3")],
        };
        var report = Checker.Check(estate, plan);
        report.Violations.Select(v => v.Message).ShouldBe(["after 'h1' fail: spread 'spread-1': 'a1', 'a2' share host 'h2'"]);
        report.ScenariosChecked.ShouldBe(3);
    }

    [Fact]
    public void A_certificate_restarting_on_a_failed_host_is_rejected()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(2, 1, 1), failures: 1));
        var plan = ValidPlan(estate, failures: 1, failover: [new(["h1"], [new("w1", "h1")])]) with
        {
            Hosts = [new("h1", "box"), new("h2", "box")],
            Assignments = [new("w1", "h1"), new("w2", "h2")],
        };
        Checker.Check(estate, plan).Violations.Select(v => v.Message).ShouldBe([
            "the failover plan for 'h1' restarts 'w1' on 'h1', which is not a surviving host",
            "when 'h1' fail, their workloads cannot all be restarted on the other hosts",
        ]);
    }

    [Fact]
    public void Hosts_of_unknown_models_or_groups_are_found()
    {
        var estate = Estate();
        var valid = ValidPlan(estate);
        var plan = valid with { Hosts = valid.Hosts.Select(h => h.Id == "h5" ? h with { Model = "nope" } : h.Id == "h4" ? h with { Group = "zzz" } : h).ToList() };
        Checker.Check(estate, plan).Violations.Select(v => v.Message).ShouldBe([
            "host 'h4' is in group 'zzz', which the estate does not declare",
            "host 'h5' is of model 'nope', which is not in the catalog",
        ]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(9)]
    public void A_plan_claiming_a_failure_count_no_plan_can_have_is_bad_input_not_valid(int failures)
    {
        var estate = Estate();

        var report = Checker.Check(estate, ValidPlan(estate, failures));

        report.Valid.ShouldBeFalse();
        report.InputError.ShouldBe($"inputs.failures is {failures}: a plan survives 0 to 8 host failures; write the k it was made for");
    }

    [Fact]
    public void A_plan_for_an_estate_of_another_name_and_content_is_bad_input()
    {
        var estate = Estate();
        var plan = ValidPlan(estate) with { Estate = "elsewhere", Inputs = new PlanInputs("0000", 0, "x") };

        var report = Checker.Check(estate, plan);

        report.InputError.ShouldBe("the plan was made for the estate 'elsewhere', not for 'test': check it against the estate it was made for, or plan this estate");
        Checker.Check(estate, plan with { Estate = "test" }).InputError.ShouldBeNull();
    }
}
