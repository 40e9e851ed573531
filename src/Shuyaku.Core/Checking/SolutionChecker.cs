using System.Globalization;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Checking;

/// <summary>
/// Re-verifies a <see cref="PlacementSolution"/> against its <see cref="PlacementProblem"/> from scratch: every item on
/// one host in range, capacity per host and dimension (summed series per step under time-aligned sizing), spread, gather,
/// zones, lonely items, fences, bans and max-per-host. It reads only the problem's arrays and shares no code with the
/// solvers; N+k is not checked here, as a solution carries no failover restarts (<see cref="Checker"/> checks them on plans).
/// </summary>
public static class SolutionChecker
{
    /// <summary>Absolute slack on sums of demands, which the solvers add in another order.</summary>
    private const double Slack = 1e-6;

    /// <summary>Relative slack on summed series, which are single-precision.</summary>
    private const double SeriesSlack = 1e-5;

    /// <summary>Every rule of the problem the solution breaks, one sentence each; empty when it honours them all.</summary>
    public static IReadOnlyList<string> Check(PlacementProblem problem, PlacementSolution solution)
    {
        var v = new List<string>();
        var items = problem.ItemNames.Length;
        var dims = problem.DimensionNames.Length;
        var hosts = solution.HostCount;
        if (solution.HostOfItem.Length != items)
        {
            v.Add($"the solution places {solution.HostOfItem.Length} items, the problem has {items}");
            return v;
        }

        if (hosts < 0 || solution.HostGroup.Length != hosts)
        {
            v.Add($"the solution has {hosts} hosts but {solution.HostGroup.Length} host groups");
            return v;
        }

        var on = new List<int>[hosts];
        for (var h = 0; h < hosts; h++)
        {
            on[h] = [];
            var group = solution.HostGroup[h];
            if (group < -1 || (problem.GroupNames.Length > 0 && group >= problem.GroupNames.Length))
            {
                v.Add($"host {h} is in group {group}, which the problem does not have");
            }
        }

        for (var i = 0; i < items; i++)
        {
            var h = solution.HostOfItem[i];
            if (h < 0 || h >= hosts)
            {
                v.Add($"item {Name(problem, i)} is on host {h}, not one of the {hosts} hosts");
                continue;
            }

            on[h].Add(i);
            var group = solution.HostGroup[h];
            var fence = problem.Fence is null ? -1 : problem.Fence[i];
            if (fence >= 0 && group != fence)
            {
                v.Add($"item {Name(problem, i)} is fenced to group {fence} but on host {h} of group {group}");
            }

            if (group >= 0 && problem.Ban is not null && problem.Ban[i].Contains(group))
            {
                v.Add($"item {Name(problem, i)} is on host {h} of group {group}, which it is banned from");
            }
        }

        for (var h = 0; h < hosts; h++)
        {
            CheckHost(problem, h, on[h], dims, v);
        }

        foreach (var set in problem.Spread)
        {
            if (set.Select(i => solution.HostOfItem[i]).Distinct().Count() < set.Length)
            {
                v.Add($"spread set {Names(problem, set)} has two items on one host");
            }
        }

        foreach (var set in problem.Gather)
        {
            if (set.Select(i => solution.HostOfItem[i]).Distinct().Count() > 1)
            {
                v.Add($"gather set {Names(problem, set)} is split over hosts");
            }
        }

        return v;
    }

    private static void CheckHost(PlacementProblem problem, int h, List<int> on, int dims, List<string> v)
    {
        // Under time-aligned sizing dimension 0 (and dimension 1 with memory series) is checked step by step; its demand
        // is only the series' peak.
        for (var k = 0; k < dims; k++)
        {
            if ((k == 0 && problem.Series is not null) || (k == 1 && problem.MemorySeries is not null))
            {
                continue;
            }

            var load = 0.0;
            foreach (var i in on)
            {
                load += problem.Demand[(i * dims) + k];
            }

            var capacity = problem.Capacity[k];
            if (load > capacity + (Math.Abs(capacity) * 1e-9) + Slack)
            {
                v.Add(string.Create(CultureInfo.InvariantCulture, $"host {h} carries {load:0.###} of {problem.DimensionNames[k]}, above its capacity {capacity:0.###}"));
            }
        }

        if (problem.Series is { } series && on.Count > 0)
        {
            var allowed = (int)Math.Floor(((1 - problem.StepShare) * series[on[0]].Length) + 1e-9);
            CheckSteps(problem, h, on, series, 0, allowed, v);
        }

        if (problem.MemorySeries is { } memory && on.Count > 0)
        {
            // Memory does not stretch: no step may exceed.
            CheckSteps(problem, h, on, memory, 1, 0, v);
        }

        var zones = on.Select(i => problem.Zone is null ? 0 : problem.Zone[i]).Distinct().Count();
        if (zones > 1)
        {
            v.Add($"host {h} mixes {zones} zones: {Names(problem, on)}");
        }

        if (on.Count > 1 && problem.Lonely is { } lonely && on.Any(i => lonely[i]))
        {
            v.Add($"host {h} runs a lonely item with others: {Names(problem, on)}");
        }

        foreach (var rule in problem.MaxPerHost)
        {
            var count = on.Count(i => rule.Items is null || rule.Items.Contains(i));
            if (count > rule.Limit)
            {
                v.Add($"host {h} runs {count} items of rule '{rule.Name}', which allows {rule.Limit}");
            }
        }
    }

    /// <summary>The summed series of dimension k on host h may exceed capacity at no more than <paramref name="allowed"/> steps.</summary>
    private static void CheckSteps(PlacementProblem problem, int h, List<int> on, float[][] series, int k, int allowed, List<string> v)
    {
        var steps = series[on[0]].Length;
        var capacity = problem.Capacity[k];
        var over = 0;
        for (var t = 0; t < steps; t++)
        {
            var sum = 0.0;
            foreach (var i in on)
            {
                sum += series[i][t];
            }

            if (sum > (capacity * (1 + SeriesSlack)) + Slack)
            {
                over++;
            }
        }

        if (over > allowed)
        {
            v.Add($"host {h} is above its {problem.DimensionNames[k]} capacity at {over} of {steps} steps ({allowed} allowed)");
        }
    }

    private static string Name(PlacementProblem problem, int item) => $"{item} ('{problem.ItemNames[item]}')";

    private static string Names(PlacementProblem problem, IEnumerable<int> items) =>
        string.Join(", ", items.Select(i => problem.ItemNames[i]));
}
