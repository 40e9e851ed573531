using System.Diagnostics;
using Shuyaku.Core.Model;
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

/// <summary>Which synthetic estate the scale benchmark plans.</summary>
public enum ScaleProfile
{
    /// <summary>VMs of typical shapes (1–16 cores, 2–16 GiB per core), 30% of them in spread groups: cores bind (<see cref="SyntheticEstate.Create"/>).</summary>
    Shapes,

    /// <summary>Many small VMs under vCPU overcommit, where CPU and the vCPU count bind together (<see cref="SmallVmEstate"/>).</summary>
    VmwareSmall,
}

/// <summary>The scale benchmark (<c>shuyaku bench scale</c>): plans a seeded synthetic estate with spread rules and N+k.</summary>
public static class ScaleBenchmark
{
    /// <summary>Share of the VMs that are replicas of services spread over distinct hosts.</summary>
    public const double SpreadShare = 0.3;

    /// <summary>
    /// The estate of a profile as an estate file would hold it: <see cref="SyntheticEstate.CreateEstate"/> for
    /// <see cref="ScaleProfile.Shapes"/> (the end-to-end estate, not the shapes of <see cref="SyntheticEstate.Create"/>),
    /// <see cref="SmallVmEstate.Create"/> for <see cref="ScaleProfile.VmwareSmall"/>.
    /// </summary>
    public static Estate Estate(ScaleProfile profile, int workloads, int failures, int seed) => profile == ScaleProfile.VmwareSmall
        ? SmallVmEstate.Create(workloads, seed, failures)
        : SyntheticEstate.CreateEstate(workloads, seed, failures);

    /// <summary>The placement problem of a profile, built in memory: no file is read.</summary>
    public static PlacementProblem Problem(ScaleProfile profile, int workloads, int failures, int seed)
    {
        if (profile == ScaleProfile.Shapes)
        {
            return SyntheticEstate.Create(workloads, failures, SpreadShare, seed);
        }

        var estate = SmallVmEstate.Create(workloads, seed, failures);
        var policy = Planner.EffectivePolicy(estate, new PlanOptions());
        return Planner.BuildProblem(estate, estate.Catalog[0], policy, headroom: true, growth: true, failures);
    }

    /// <summary>Generates the estate of <paramref name="workloads"/> VMs from <paramref name="seed"/> and plans it within <paramref name="timeLimit"/>.</summary>
    public static ScaleRun Run(int workloads, int failures, TimeSpan timeLimit, int seed, IProgress<string>? progress = null, ScaleProfile profile = ScaleProfile.Shapes)
    {
        var problem = Problem(profile, workloads, failures, seed);
        var options = new SolveOptions { TimeLimit = timeLimit, Seed = seed };
        var watch = Stopwatch.StartNew();
        var result = PlacementSolver.Solve(problem, options, progress);
        watch.Stop();
        return new ScaleRun(workloads, problem.Spread.Length, failures, result, watch.Elapsed);
    }
}
