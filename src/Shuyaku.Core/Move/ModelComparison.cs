using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Move;

/// <summary>
/// The VM hosts a plan with each catalog model would need: the plan's own count for its model, and for every other
/// model the placement solver's count, sized as the plan was when that needs no traces, under a fixed budget of moves
/// (so the answer is the same on every run).
/// </summary>
internal static class ModelComparison
{
    /// <summary>The budget: local-search moves per model; the clock limit is only a safety cap.</summary>
    public static readonly SolveOptions Budget = new() { TimeLimit = TimeSpan.FromSeconds(60), MaxIterations = 5_000, MaxRepairs = 200, FillNodes = 200_000, LpSolves = 200 };

    /// <summary>Each catalog model (in catalog order) with the VM hosts a plan with it needs; models no placement fits are left out.</summary>
    public static List<(string Model, int Hosts)> HostCounts(Estate estate, Plan plan)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var counts = new List<(string, int)>();
        foreach (var model in estate.Catalog)
        {
            if (model.Id == plan.HostModel)
            {
                counts.Add((model.Id, plan.Hosts.Count(h => !h.Dedicated)));
                continue;
            }

            var problem = Planner.BuildProblem(estate, model, policy, headroom: true, growth: true, policy.Failures, Sizing(plan), null);
            var result = PlacementSolver.Solve(problem, Budget);
            if (result.Feasible)
            {
                counts.Add((model.Id, result.Solution!.HostCount));
            }
        }

        return counts;
    }

    /// <summary>The plan's sizing method when it needs no traces (peak, percentile), else the estate's statistic.</summary>
    public static SizingOptions Sizing(Plan plan) => plan.Inputs.Sizing switch
    {
        { Method: "peak", Traces: null } => new SizingOptions(SizingMethod.Peak),
        { Method: "percentile", Traces: null } s => new SizingOptions(SizingMethod.Percentile, s.Percentile ?? 95, s.ComfortFactor ?? 1.3),
        _ => SizingOptions.Default,
    };
}
