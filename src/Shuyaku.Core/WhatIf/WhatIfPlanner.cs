using System.Text.Json.Serialization;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.WhatIf;

/// <summary>A new plan for the changed estate, against the original plan.</summary>
/// <param name="Changes">What was changed, in words, in the order applied.</param>
/// <param name="Plan">The new plan; null when none exists.</param>
/// <param name="Infeasible">The planner's reason when there is no plan.</param>
/// <param name="Check">The checker's verdict on the new plan against the changed estate; null when there is no plan.</param>
/// <param name="OldHosts">Hosts of the original plan.</param>
/// <param name="OldLowerBound">Lower bound of the original plan.</param>
/// <param name="OldModel">Host model of the original plan.</param>
/// <param name="Workloads">Workloads of the changed estate.</param>
public sealed record Replan(IReadOnlyList<string> Changes, Plan? Plan, string? Infeasible, CheckReport? Check, int OldHosts, int OldLowerBound, string OldModel, int Workloads)
{
    /// <summary>The changes as phrases, for people: <see cref="Changes"/> holds them in English (JSON); empty when unknown.</summary>
    [JsonIgnore]
    public IReadOnlyList<Phrase> ChangeTexts { get; init; } = [];

    /// <summary>The planner's reason as a phrase, for people: <see cref="Infeasible"/> holds it in English (JSON); null when unknown.</summary>
    [JsonIgnore]
    public Phrase? InfeasibleText { get; init; }

    /// <summary>The planner's reason in the reader's language, or <see cref="Infeasible"/> when made from words alone.</summary>
    public string? DescribeInfeasible() => InfeasibleText?.English == Infeasible && InfeasibleText is not null ? InfeasibleText.ToString() : Infeasible;

    /// <summary>The changes in the reader's language (docs/languages.md), or <see cref="Changes"/> when made from words alone.</summary>
    public IReadOnlyList<string> DescribeChanges() => ChangeTexts.Count == Changes.Count ? [.. ChangeTexts.Select(c => c.ToString())] : Changes;

    /// <summary>Hosts of the new plan minus hosts of the original; null when there is no new plan.</summary>
    public int? HostDelta => Plan is null ? null : Plan.Summary.Hosts - OldHosts;

    /// <summary>Lower bound of the new plan minus that of the original; null when there is no new plan.</summary>
    public int? BoundDelta => Plan is null ? null : Plan.LowerBound.Value - OldLowerBound;
}

/// <summary>The answer to a what-if: the failure of the named hosts on the plan as it is, and a new plan for the changes.</summary>
/// <param name="Errors">Why the what-if was not run (unknown names, values out of range); empty when it was.</param>
/// <param name="Original">The checker's verdict on the original plan; null when the what-if was not run.</param>
/// <param name="Failure">The failure of the named hosts; null when none was named.</param>
/// <param name="Replan">The new plan for the changes; null when nothing but failures was asked.</param>
public sealed record WhatIfResult(IReadOnlyList<string> Errors, CheckReport? Original, FailureReport? Failure, Replan? Replan)
{
    /// <summary>Whether nothing asked breaks: the failure holds, and a new plan exists and checks.</summary>
    public bool Holds => Errors.Count == 0
        && (Failure is null || Failure.Holds)
        && (Replan is null || (Replan.Plan is not null && Replan.Check is { Valid: true }));
}

/// <summary>
/// Runs a what-if with the same code as <c>shuyaku plan</c> and <c>shuyaku check</c>: failing hosts is the checker's
/// restart of exactly that set (<see cref="Checker.FailHosts"/>); every other change builds a changed estate and plans it
/// with <see cref="Planner"/> under the plan's own options (its k, its host-model choice, its sizing), then checks the new
/// plan with <see cref="Checker"/>.
/// </summary>
public static class WhatIfPlanner
{
    /// <summary>
    /// Why <paramref name="changes"/> cannot be asked of <paramref name="plan"/> (unknown names, values out of range, a
    /// plan of another estate); empty when they can. It plans nothing: the console checks a request with it before queueing.
    /// </summary>
    public static IReadOnlyList<string> Validate(Estate estate, Plan plan, WhatIfChanges changes) => Prepare(estate, plan, changes).Errors;

    /// <summary>Runs <paramref name="changes"/> on <paramref name="plan"/> of <paramref name="estate"/>, searching with <paramref name="search"/>.</summary>
    public static WhatIfResult Run(Estate estate, Plan plan, WhatIfChanges changes, SolveOptions search, IProgress<string>? progress = null)
    {
        var (errors, original, changed, applied, failure) = Prepare(estate, plan, changes);
        if (errors.Count > 0)
        {
            return new WhatIfResult(errors, null, null, null);
        }

        Replan? replan = null;
        if (changes.Replans)
        {
            var sizing = Checker.SizingOf(plan.Inputs.Sizing, out _);
            var options = new PlanOptions(changes.HostModel ?? plan.Inputs.HostModelOption, plan.Inputs.Failures, sizing, null, search);
            progress?.Report(Texts.Get("whatif.progress.planning"));
            var outcome = Planner.Plan(changed!, options, progress);
            var check = outcome.Plan is { } p ? Checker.Check(changed!, p, null, p.Inputs.Failures) : null;
            replan = new Replan([.. applied.Select(a => a.English)], outcome.Plan, outcome.Infeasible, check, plan.Summary.Hosts, plan.LowerBound.Value, plan.HostModel, changed!.Workloads.Count) { ChangeTexts = applied, InfeasibleText = outcome.Why };
        }

        return new WhatIfResult([], original, failure, replan);
    }

    /// <summary>Everything before planning: the original's verdict, the changed estate, the failure; and every error.</summary>
    private static (List<string> Errors, CheckReport? Original, Estate? Changed, List<Phrase> Applied, FailureReport? Failure) Prepare(Estate estate, Plan plan, WhatIfChanges changes)
    {
        var errors = new List<string>();
        var applied = new List<Phrase>();
        if (changes.IsEmpty)
        {
            errors.Add(Texts.Get("whatif.error.nothing"));
            return (errors, null, null, applied, null);
        }

        var original = Checker.Check(estate, plan, null, plan.Inputs.Failures);
        if (original.InputError is not null)
        {
            errors.Add(original.InputError);
            return (errors, null, null, applied, null);
        }

        var changed = changes.Replans ? EstateChanges.Apply(estate, changes, errors, applied) : estate;
        FailureReport? failure = null;
        if (changes.FailHosts.Count > 0)
        {
            failure = Checker.FailHosts(estate, plan, changes.FailHosts);
            if (failure.InputError is not null)
            {
                errors.Add(failure.InputError);
            }
        }

        return (errors, original, changed, applied, failure);
    }
}
