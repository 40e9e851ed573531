using System.Diagnostics;
using System.Globalization;
using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Benchmarks.Rules;

/// <summary>One generated estate planned: its plan against its lower bound, the checker's verdict and the baseline.</summary>
/// <param name="Workloads">Workloads in the estate (its size class).</param>
/// <param name="Seed">The benchmark seed.</param>
/// <param name="Models">Host models in its catalog.</param>
/// <param name="Failures">The k of N+k.</param>
/// <param name="Hosts">Hosts of the plan, bare-metal hosts included; 0 without a plan.</param>
/// <param name="Bound">The plan's lower bound (bare-metal hosts included).</param>
/// <param name="Deciding">The kind of the bound argument that decides it.</param>
/// <param name="Baseline">First-fit decreasing on the plan's host model plus k idle spares plus the bare-metal hosts.</param>
/// <param name="Valid">Whether the independent checker accepts the plan.</param>
/// <param name="Error">Why there is no plan or why the checker refused it, else null.</param>
/// <param name="Seconds">Wall time of planning (every model, breakdown included) and checking.</param>
/// <param name="Ended">What ended the search (bound, budget, clock).</param>
public sealed record RulesRun(
    int Workloads, int Seed, int Models, int Failures, int Hosts, int Bound, string Deciding, int Baseline, bool Valid, string? Error, double Seconds, string Ended)
{
    /// <summary>Whether the plan equals its lower bound: proven minimal.</summary>
    public bool Proven => Valid && Hosts == Bound;

    /// <summary>Hosts above the bound in percent of the bound.</summary>
    public double GapPercent => Bound <= 0 ? 0 : 100.0 * (Hosts - Bound) / Bound;

    /// <summary>The baseline's hosts above the bound in percent of the bound.</summary>
    public double BaselineGapPercent => Bound <= 0 ? 0 : 100.0 * (Baseline - Bound) / Bound;
}

/// <summary>The runs of one size class summed up.</summary>
/// <param name="Label">The size class (or "all").</param>
/// <param name="Estates">Estates run.</param>
/// <param name="Proven">Plans equal to their bound.</param>
/// <param name="MeanGap">Mean gap of the plans to their bound, percent.</param>
/// <param name="MaxHostsAbove">Most hosts any plan is above its bound.</param>
/// <param name="BaselineProven">Baseline packings equal to the bound.</param>
/// <param name="BaselineMeanGap">Mean gap of the baseline to the bound, percent.</param>
/// <param name="HostRatio">Plan hosts over baseline hosts, summed over the estates.</param>
/// <param name="MeanSeconds">Mean wall time per estate.</param>
/// <param name="MaxSeconds">Longest wall time.</param>
/// <param name="Invalid">Plans the checker refused or that do not exist.</param>
public sealed record RulesSummary(
    string Label, int Estates, int Proven, double MeanGap, int MaxHostsAbove, int BaselineProven, double BaselineMeanGap, double HostRatio,
    double MeanSeconds, double MaxSeconds, int Invalid);

/// <summary>
/// <c>shuyaku bench rules</c>: generates rule-heavy estates (<see cref="RuleEstate"/>), reads each through the estate
/// reader, plans it with <see cref="Planner"/> as <c>shuyaku plan</c> does, checks the plan with the independent
/// <see cref="Checker"/>, and packs the same problem by first-fit decreasing with k spares as the baseline.
/// </summary>
public static class RulesBenchmark
{
    /// <summary>Plans the estate of one size and seed; writes its text to <paramref name="writeDir"/> when given.</summary>
    public static RulesRun Run(int workloads, int seed, SolveOptions search, string? writeDir = null)
    {
        var text = RuleEstate.Create(workloads, seed);
        var file = RuleEstate.FileName(workloads, seed);
        if (writeDir is not null)
        {
            File.WriteAllText(Path.Combine(writeDir, file), text, new UTF8Encoding(false));
        }

        var read = EstateFit.ReadAndCheck(text, file);
        if (!read.Succeeded)
        {
            // The generator is meant to write only valid estates: say which error it made.
            return new RulesRun(workloads, seed, 0, 0, 0, 0, "", 0, false, "generated estate is invalid: " + read.Errors[0], 0, "");
        }

        var estate = read.Value!;
        var watch = Stopwatch.StartNew();
        var options = new PlanOptions(Search: search with { Seed = seed });
        var outcome = Planner.Plan(estate, options);
        var k = estate.Policy.Failures;
        if (outcome.Plan is not { } plan)
        {
            return new RulesRun(workloads, seed, estate.Catalog.Count, k, 0, 0, "", 0, false, outcome.Infeasible, watch.Elapsed.TotalSeconds, "");
        }

        var report = Checker.Check(estate, plan, null, plan.Inputs.Failures);
        watch.Stop();
        var policy = Planner.EffectivePolicy(estate, options);
        var model = outcome.Model!;
        var problem = Planner.BuildProblem(estate, model, policy, headroom: true, growth: true, policy.Failures);
        var bareMetal = plan.Hosts.Count(h => h.Dedicated);
        var baseline = PlacementSolver.FirstFitDecreasing(problem).HostCount + policy.Failures + bareMetal;
        var deciding = plan.LowerBound.Parts.OrderByDescending(p => p.Hosts).First();
        return new RulesRun(
            workloads, seed, estate.Catalog.Count, k, plan.Hosts.Count, plan.LowerBound.Value, deciding.Kind ?? deciding.Reason, baseline,
            report.Valid, report.Valid ? null : string.Join("; ", report.Violations.Take(3)), watch.Elapsed.TotalSeconds, plan.SearchEnded ?? "");
    }

    /// <summary>Sums up runs under a label.</summary>
    public static RulesSummary Summarise(string label, IReadOnlyList<RulesRun> runs)
    {
        var planned = runs.Where(r => r.Hosts > 0).ToList();
        double Mean(Func<RulesRun, double> f) => planned.Count == 0 ? 0 : planned.Average(f);
        return new RulesSummary(
            label,
            runs.Count,
            runs.Count(r => r.Proven),
            Mean(r => r.GapPercent),
            planned.Count == 0 ? 0 : planned.Max(r => r.Hosts - r.Bound),
            planned.Count(r => r.Baseline == r.Bound),
            Mean(r => r.BaselineGapPercent),
            planned.Sum(r => r.Baseline) == 0 ? 0 : (double)planned.Sum(r => r.Hosts) / planned.Sum(r => r.Baseline),
            runs.Count == 0 ? 0 : runs.Average(r => r.Seconds),
            runs.Count == 0 ? 0 : runs.Max(r => r.Seconds),
            runs.Count(r => !r.Valid));
    }

    /// <summary>The runs as CSV, one row per estate.</summary>
    public static string Csv(IEnumerable<RulesRun> runs)
    {
        var sb = new StringBuilder("workloads,seed,models,failures,hosts,bound,gap_percent,proven,deciding,baseline,valid,seconds,ended,error\n");
        foreach (var r in runs)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{r.Workloads},{r.Seed},{r.Models},{r.Failures},{r.Hosts},{r.Bound},{r.GapPercent:0.###},{(r.Proven ? "yes" : "no")},{r.Deciding},{r.Baseline},{(r.Valid ? "yes" : "no")},{r.Seconds:0.###},{r.Ended},\"{(r.Error ?? "").Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        }

        return sb.ToString();
    }
}
