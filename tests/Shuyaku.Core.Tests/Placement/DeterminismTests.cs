using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Tests.Placement;

/// <summary>Same input, same plan: budgets end the search, the wall clock is only a cap, and plan.json says which did.</summary>
public sealed class DeterminismTests
{
    private static readonly SolveOptions Budgeted = new() { TimeLimit = TimeSpan.FromDays(1), MaxIterations = 5_000, MaxRepairs = 200, Seed = 3 };

    [Fact]
    public void A_plan_with_rules_and_n_plus_1_is_byte_identical_however_fast_the_clock_runs()
    {
        // Given an estate with spread rules and N+1
        var estate = SyntheticEstate.CreateEstate(workloads: 500, seed: 1, failures: 1, spreadShare: 0.9);

        // When it is planned twice, once with a clock that barely moves and once with one that races (both within the cap)
        var slow = Planner.Plan(estate, new PlanOptions(Search: Budgeted with { Clock = new SteppingClock(TimeSpan.FromTicks(1)) }));
        var fast = Planner.Plan(estate, new PlanOptions(Search: Budgeted with { Clock = new SteppingClock(TimeSpan.FromSeconds(1)) }));

        // Then no search was stopped by the clock and both plan.json texts are the same, byte for byte
        var plan = slow.Plan!;
        Checker.Check(estate, plan).Valid.ShouldBeTrue();
        plan.SearchEnded.ShouldBeOneOf("bound", "budget");
        PlanJson.Write(fast.Plan!).ShouldBe(PlanJson.Write(plan));
    }

    [Fact]
    public void A_placement_whose_search_ends_on_its_budget_is_the_same_however_fast_the_clock_runs()
    {
        // Given a problem with spread rules whose plan stays above its lower bound
        var problem = SyntheticEstate.Create(workloads: 500, failures: 0, spreadShare: 0.5, seed: 1);

        // When it is placed under a clock that barely moves and one that races
        var slow = PlacementSolver.Solve(problem, Budgeted with { Clock = new SteppingClock(TimeSpan.FromTicks(1)) });
        var fast = PlacementSolver.Solve(problem, Budgeted with { Clock = new SteppingClock(TimeSpan.FromSeconds(1)) });

        // Then the budget ended both searches, at the same placement
        SolutionChecker.Check(problem, slow.Solution!).ShouldBeEmpty();
        slow.Solution!.HostCount.ShouldBeGreaterThan(slow.Bound.Value);
        (slow.Ended, fast.Ended).ShouldBe((StopReason.Budget, StopReason.Budget));
        fast.Solution!.HostOfItem.ShouldBe(slow.Solution.HostOfItem);
        fast.Solution.Method.ShouldBe(slow.Solution.Method);
    }

    [Fact]
    public void A_search_the_wall_time_cap_stops_is_reported_as_ended_by_the_clock()
    {
        // Given a problem whose heuristic plan is above its lower bound, and a clock that passes the cap at its first reading
        var problem = SyntheticEstate.Create(workloads: 500, failures: 0, spreadShare: 0.5, seed: 1);
        var options = Budgeted with { TimeLimit = TimeSpan.FromSeconds(10), Clock = new SteppingClock(TimeSpan.FromMinutes(1)) };

        // When it is placed
        var result = PlacementSolver.Solve(problem, options);

        // Then the plan stands, and the clock is named as what ended the search
        SolutionChecker.Check(problem, result.Solution!).ShouldBeEmpty();
        result.Solution!.HostCount.ShouldBeGreaterThan(result.Bound.Value);
        result.Ended.ShouldBe(StopReason.Clock);
    }

    [Fact]
    public void Heuristics_quadratic_in_the_units_give_up_past_half_of_the_cap_and_the_clock_is_named()
    {
        // Given 3,000 workloads (the quadratic heuristics would run) and a clock that moves 1 s at each reading, cap 20 s
        var problem = SyntheticEstate.Create(workloads: 3_000, failures: 0, spreadShare: 0.3, seed: 4);
        var options = Budgeted with { TimeLimit = TimeSpan.FromSeconds(20), Clock = new SteppingClock(TimeSpan.FromSeconds(1)) };

        // When it is placed
        var result = PlacementSolver.Solve(problem, options);

        // Then a heuristic gave up (dot product and the later ones never ran), the plan stands, and the clock ended it
        SolutionChecker.Check(problem, result.Solution!).ShouldBeEmpty();
        result.Tried.Select(t => t.Method).ShouldNotContain("L2 norm");
        result.Ended.ShouldBe(StopReason.Clock);
    }

    [Fact]
    public void A_search_that_meets_its_lower_bound_is_reported_as_ended_by_the_bound()
    {
        var problem = SyntheticEstate.Create(workloads: 20, failures: 0, spreadShare: 0, seed: 1);

        var result = PlacementSolver.Solve(problem, Budgeted);

        result.Solution!.HostCount.ShouldBe(result.Bound.Value);
        result.Ended.ShouldBe(StopReason.Bound);
    }

    /// <summary>A clock that moves on by a fixed step at every reading, so tests make wall time run fast or slow without sleeping.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now += step.Ticks;
    }
}
