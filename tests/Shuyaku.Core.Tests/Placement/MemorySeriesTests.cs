using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Tests.Placement;

/// <summary>Memory placed step by step (time-aligned sizing with memory series): no step of a host's summed memory may exceed.</summary>
public sealed class MemorySeriesTests
{
    /// <summary>Items with [cpu, memory peak] demand on hosts of 100 cpu and 32 memory; memory per step when series are given.</summary>
    private static PlacementProblem Problem(float[][] memory, bool stepwise, double cpu = 1) => new()
    {
        ItemNames = memory.Select((_, i) => $"w{i}").ToArray(),
        DimensionNames = ["cpu", "memory"],
        Demand = memory.SelectMany(m => new[] { cpu, (double)m.Max() }).ToArray(),
        Capacity = [100, 32],
        FailoverCapacity = [100, 32],
        MemorySeries = stepwise ? memory : null,
    };

    /// <summary>Three workloads of 20 at their own step and 8 elsewhere: any two hold 28 at most, all three 36.</summary>
    private static readonly float[][] Staggered = [[20, 8, 8], [8, 20, 8], [8, 8, 20]];

    [Fact]
    public void Memory_peaks_at_different_steps_share_a_host_when_the_sum_fits_at_every_step()
    {
        var stepwise = Problem(Staggered, stepwise: true);
        var atPeaks = Problem(Staggered, stepwise: false);

        var result = PlacementSolver.Solve(stepwise);
        var peaks = PlacementSolver.Solve(atPeaks);

        result.Solution!.HostCount.ShouldBe(2, "two per host: 28 of 32 at every step");
        SolutionChecker.Check(stepwise, result.Solution).ShouldBeEmpty();
        result.Bound.Value.ShouldBe(2, "the highest step sum is 36 of 32; Martello–Toth L2 on the 20 peaks would claim 3");
        peaks.Solution!.HostCount.ShouldBe(3, "20 + 20 > 32 at the peaks");
    }

    [Fact]
    public void The_solution_checker_reports_a_host_whose_memory_sum_exceeds_at_one_step()
    {
        float[][] memory = [[20, 4, 4], [20, 4, 4], [4, 4, 4]];
        var problem = Problem(memory, stepwise: true);

        var violations = SolutionChecker.Check(problem, new PlacementSolution(2, [-1, -1], [0, 0, 1], "test"));

        violations.ShouldBe(["host 0 is above its memory capacity at 1 of 3 steps (0 allowed)"]);
    }

    [Fact]
    public void Memory_series_keep_the_exact_solvers_out()
    {
        Problem(Staggered, stepwise: true).PlainPacking.ShouldBeFalse();
        Problem(Staggered, stepwise: false).PlainPacking.ShouldBeTrue();
    }

    [Fact]
    public void The_lower_bound_never_exceeds_the_optimum_on_small_cases()
    {
        var random = new Random(7);
        for (var round = 0; round < 60; round++)
        {
            var n = random.Next(2, 7);
            var steps = random.Next(1, 5);
            var memory = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, steps).Select(_ => (float)random.Next(1, 25)).ToArray()).ToArray();
            var cpu = random.Next(1, 60);
            var problem = Problem(memory, stepwise: true, cpu);

            var result = PlacementSolver.Solve(problem);
            var optimum = Optimum(memory, cpu, problem.Capacity);

            result.Bound.Value.ShouldBeLessThanOrEqualTo(optimum, $"round {round}");
            result.Solution!.HostCount.ShouldBeGreaterThanOrEqualTo(optimum);
            SolutionChecker.Check(problem, result.Solution).ShouldBeEmpty();
        }
    }

    /// <summary>The fewest hosts by trying every partition of the items (n ≤ 6).</summary>
    private static int Optimum(float[][] memory, double cpu, double[] capacity)
    {
        var n = memory.Length;
        var host = new int[n];
        var best = n;

        bool Fits(int hosts)
        {
            for (var h = 0; h < hosts; h++)
            {
                var on = Enumerable.Range(0, n).Where(i => host[i] == h).ToList();
                if (on.Count * cpu > capacity[0] + 1e-9)
                {
                    return false;
                }

                for (var t = 0; t < memory[0].Length; t++)
                {
                    if (on.Sum(i => (double)memory[i][t]) > capacity[1] + 1e-9)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        void Assign(int i, int hosts)
        {
            if (hosts >= best)
            {
                return;
            }

            if (i == n)
            {
                if (Fits(hosts))
                {
                    best = hosts;
                }

                return;
            }

            for (var h = 0; h <= hosts; h++)
            {
                host[i] = h;
                Assign(i + 1, Math.Max(hosts, h + 1));
            }
        }

        Assign(0, 0);
        return best;
    }
}
