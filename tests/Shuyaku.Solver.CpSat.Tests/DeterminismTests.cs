using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>The OR-Tools backends end on their deterministic budgets, whatever the wall clock does within the cap.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Column_generation_then_cp_sat_on_their_budgets_give_the_same_plan_however_fast_the_clock_runs()
    {
        // Given a small vector packing that column generation does not prove optimal at once, and tight budgets
        var problem = RandomVector(items: 60, dimensions: 2, seed: 11);
        var hint = PlacementSolver.FirstFitDecreasing(problem);
        var budget = new ExactBudget { CpSatWork = 0.5, LpSolves = 40, Cap = TimeSpan.FromDays(1) };

        // When the backend runs twice under clocks that move a tick or a minute per reading
        var a = new OrToolsSolver(seed: 2).Solve(problem, hint, 0, budget with { Clock = new TickingClock(1) }, null);
        var b = new OrToolsSolver(seed: 2).Solve(problem, hint, 0, budget with { Clock = new TickingClock(TimeSpan.TicksPerMinute) }, null);

        // Then neither was stopped by the clock, and both found the same plan with the same bound and status
        a.ClockStopped.ShouldBeFalse();
        b.ClockStopped.ShouldBeFalse();
        (b.Solution?.HostOfItem ?? []).ShouldBe(a.Solution?.HostOfItem ?? []);
        (b.LowerBound, b.Status).ShouldBe((a.LowerBound, a.Status));
        if (a.Solution is { } s)
        {
            SolutionChecker.Check(problem, s).ShouldBeEmpty();
        }
    }

    [Fact]
    public void Cp_sat_stopped_by_the_wall_time_cap_says_so()
    {
        // Given a problem CP-SAT cannot close in a moment and a cap far shorter than its deterministic budget
        var problem = RandomVector(items: 100, dimensions: 3, seed: 5);
        var hint = ProblemFactory.OneItemPerHost(problem);
        var budget = new ExactBudget { CpSatWork = 1_000, Cap = TimeSpan.FromMilliseconds(300) };

        // When CP-SAT alone runs
        var result = new CpSatSolver().Solve(problem, hint, 1, budget, null);

        // Then it reports that the clock, not its budget, ended the search
        result.Optimal.ShouldBeFalse();
        result.ClockStopped.ShouldBeTrue();
    }

    /// <summary>Items of whole random sizes from 10 to 45 in each dimension, on hosts of 100: no rules, so column generation takes it.</summary>
    private static PlacementProblem RandomVector(int items, int dimensions, int seed)
    {
        var rng = new Random(seed);
        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, items).Select(i => $"vm{i}").ToArray(),
            DimensionNames = Enumerable.Range(0, dimensions).Select(k => $"r{k}").ToArray(),
            Demand = Enumerable.Range(0, items * dimensions).Select(_ => (double)rng.Next(10, 46)).ToArray(),
            Capacity = Enumerable.Repeat(100.0, dimensions).ToArray(),
            FailoverCapacity = Enumerable.Repeat(100.0, dimensions).ToArray(),
        };
    }

    /// <summary>A time provider whose every reading is a fixed number of ticks after the last.</summary>
    private sealed class TickingClock(long ticksPerReading) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, ticksPerReading);
    }
}
