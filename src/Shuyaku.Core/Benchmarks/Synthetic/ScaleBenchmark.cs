using System.Diagnostics;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>One scale run: the estate's size, the solver's outcome and its wall time.</summary>
/// <param name="Workloads">VMs in the synthetic estate.</param>
/// <param name="SpreadGroups">Spread groups (replicas of one service) among them.</param>
/// <param name="Failures">Host failures the plan survives (N+k).</param>
/// <param name="Result">The solver's plan, bound and method, or why there is no plan.</param>
/// <param name="Elapsed">Wall time of the solve.</param>
public sealed record ScaleRun(int Workloads, int SpreadGroups, int Failures, PlacementResult Result, TimeSpan Elapsed)
{
    /// <summary>Hosts above the lower bound, in percent of the bound (of 1 when the bound is 0); 0 without a plan.</summary>
    public double GapPercent =>
        Result.Solution is { } plan ? 100.0 * (plan.HostCount - Result.Bound.Value) / Math.Max(1, Result.Bound.Value) : 0;
}

/// <summary>The scale benchmark (<c>shuyaku bench scale</c>): plans a seeded synthetic estate with spread rules and N+k.</summary>
public static class ScaleBenchmark
{
    /// <summary>Share of the VMs that are replicas of services spread over distinct hosts.</summary>
    public const double SpreadShare = 0.3;

    /// <summary>Generates the estate of <paramref name="workloads"/> VMs from <paramref name="seed"/> and plans it within <paramref name="timeLimit"/>.</summary>
    public static ScaleRun Run(int workloads, int failures, TimeSpan timeLimit, int seed, IProgress<string>? progress = null)
    {
        var problem = SyntheticEstate.Create(workloads, failures, SpreadShare, seed);
        var options = new SolveOptions { TimeLimit = timeLimit, Seed = seed };
        var watch = Stopwatch.StartNew();
        var result = PlacementSolver.Solve(problem, options, progress);
        watch.Stop();
        return new ScaleRun(workloads, problem.Spread.Length, failures, result, watch.Elapsed);
    }
}
