using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Placement;

/// <summary>Options from the command line that override the estate's policy, how demand is sized, and how long to search.</summary>
public sealed record PlanOptions(string? HostModel = null, int? Failures = null, SizingOptions? Sizing = null, TraceSizing? Traces = null, SolveOptions? Search = null)
{
    /// <summary>The sizing method given, or the policy's statistic.</summary>
    public SizingOptions SizingOrDefault => Sizing ?? SizingOptions.Default;
}

/// <summary>
/// A plan, or why there is none (the host model chosen, and every model compared with its host count and price, dedicated
/// bare-metal hosts included). <see cref="Why"/> is shown in the reader's language; <see cref="Infeasible"/> is its English,
/// which files and CSVs keep (docs/languages.md).
/// </summary>
public sealed record PlanOutcome(Plan? Plan, Phrase? Why, HostModel? Model, IReadOnlyList<(string Model, int Hosts, double Price)> ModelsCompared)
{
    /// <summary>Why there is no plan, in English (the same in every language), or null.</summary>
    public string? Infeasible => Why?.English;
}

/// <summary>Plans an estate: sizing, placement for each stage of the breakdown, dedicated hosts, storage.</summary>
public static class Planner
{
    /// <summary>Share of the wall-time cap each host model's placement gets; the breakdown shares the rest.</summary>
    private const double MainShare = 0.75;

    /// <summary>The estate's policy with the options' overrides (the k of N+k).</summary>
    public static Policy EffectivePolicy(Estate estate, PlanOptions options) =>
        estate.Policy with { Failures = options.Failures ?? estate.Policy.Failures };

    /// <summary>Plans the estate on every candidate host model and keeps the cheapest plan.</summary>
    public static PlanOutcome Plan(Estate estate, PlanOptions options, IProgress<string>? progress = null)
    {
        var policy = EffectivePolicy(estate, options);
        var candidates = options.HostModel is null ? estate.Catalog.ToList() : estate.Catalog.Where(m => m.Id == options.HostModel).ToList();
        if (candidates.Count == 0)
        {
            return new PlanOutcome(null, Texts.Phrase("planner.infeasible.host-model", options.HostModel, string.Join(", ", estate.Catalog.Select(m => m.Id))), null, []);
        }

        var dedicated = estate.Workloads.Where(w => w.Dedicated).ToList();
        var bareMetal = new List<(Workload Workload, HostModel Model)>();
        foreach (var w in dedicated)
        {
            var m = Sizer.BareMetalModel(estate, w, policy);
            if (m is null)
            {
                return new PlanOutcome(null, Texts.Phrase("planner.infeasible.dedicated", w.Id), null, []);
            }

            bareMetal.Add((w, m));
        }

        // The wall-time cap is per host model: each model's placement gets MainShare of it, and the breakdown shares what
        // is left of all of them, so the whole plan stays within the cap times the models tried.
        var search = options.Search ?? SolveOptions.Default;
        var clock = search.Clock;
        var planStart = clock.GetTimestamp();
        var deadline = search.TimeLimit * candidates.Count;
        var compared = new List<(string, int, double)>();
        (HostModel Model, PlacementProblem Problem, PlacementResult Result)? best = null;
        var failures = new List<Phrase>();
        var ends = new List<StopReason>();
        foreach (var model in candidates)
        {
            progress?.Report(PlanProgress.PlacingOn(model.Id));
            var problem = BuildProblem(estate, model, policy, headroom: true, growth: true, policy.Failures, options.SizingOrDefault, options.Traces);
            var result = PlacementSolver.Solve(problem, search with { TimeLimit = search.TimeLimit * MainShare }, progress);
            if (!result.Feasible)
            {
                failures.Add(Texts.Phrase("planner.infeasible.on-model", model.Id, result.Why));
                continue;
            }

            var hosts = result.Solution!.HostCount;
            ends.Add(result.Ended);
            // The bare-metal hosts cost the same whichever model the VMs get, but they are part of the price.
            compared.Add((model.Id, hosts, (hosts * model.Price) + bareMetal.Sum(b => b.Model.Price)));
            if (best is null || Better(hosts, model, best.Value.Result.Solution!.HostCount, best.Value.Model))
            {
                best = (model, problem, result);
            }
        }

        if (best is null)
        {
            return new PlanOutcome(null, failures.Aggregate((a, b) => Texts.Phrase("planner.infeasible.and", a, b)), null, compared);
        }

        var (chosen, finalProblem, final) = best.Value;
        TimeSpan Left() => deadline - clock.GetElapsedTime(planStart);
        var breakdown = Breakdown(estate, chosen, policy, options, final.Solution!.HostCount, bareMetal.Count, progress, ends, Left);
        var plan = BuildPlan(estate, options, policy, chosen, finalProblem, final, bareMetal, breakdown);
        // The clock stopping any search (another model's, a breakdown step's) may change what the plan says.
        var ended = ends.Contains(StopReason.Clock) ? StopReason.Clock : final.Ended;
        return new PlanOutcome(plan with { SearchEnded = ended.ToString().ToLowerInvariant() }, null, chosen, compared);
    }

    private static bool Better(int hosts, HostModel model, int bestHosts, HostModel bestModel)
    {
        var cost = hosts * model.Price;
        var bestCost = bestHosts * bestModel.Price;
        if (Math.Abs(cost - bestCost) > 1e-9)
        {
            return cost < bestCost;
        }

        return hosts != bestHosts ? hosts < bestHosts : string.CompareOrdinal(model.Id, bestModel.Id) < 0;
    }

    /// <summary>Builds the flat placement problem for the virtualized (not dedicated) workloads of the estate.</summary>
    public static PlacementProblem BuildProblem(Estate estate, HostModel model, Policy policy, bool headroom, bool growth, int failures) =>
        BuildProblem(estate, model, policy, headroom, growth, failures, SizingOptions.Default, null);

    /// <summary>The placement problem under a sizing method, with or without headroom and growth, for k failures.</summary>
    public static PlacementProblem BuildProblem(
        Estate estate, HostModel model, Policy policy, bool headroom, bool growth, int failures, SizingOptions sizing, TraceSizing? traces)
    {
        var sized = DemandModel.Build(estate, model, policy, sizing, traces, growth);
        var positions = new List<int>();
        for (var i = 0; i < estate.Workloads.Count; i++)
        {
            if (!estate.Workloads[i].Dedicated)
            {
                positions.Add(i);
            }
        }

        var workloads = positions.Select(i => estate.Workloads[i]).ToList();
        var index = workloads.Select((w, i) => (w.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        var d = ResourceVector.Dimensions;
        var demand = new double[workloads.Count * d];
        for (var i = 0; i < workloads.Count; i++)
        {
            var v = sized.Demand[positions[i]];
            for (var k = 0; k < d; k++)
            {
                demand[(i * d) + k] = v[k];
            }
        }

        float[][]? series = sized.TimeAligned ? positions.Select(i => sized.CpuSeries[i]!).ToArray() : null;
        float[][]? memorySeries = null;
        if (sized.TimeAligned && positions.Any(i => sized.MemorySeries[i] is not null))
        {
            // A workload without a memory series holds its constant memory at every step.
            memorySeries = positions.Select(i => sized.MemorySeries[i] ?? Enumerable.Repeat((float)sized.Demand[i].Memory, sized.Length).ToArray()).ToArray();
        }

        int[] Items(Rule r) => r.Workloads.Where(index.ContainsKey).Select(w => index[w]).ToArray();
        var zoneNames = new List<string> { "" };
        var zones = workloads.Select(w =>
        {
            var z = w.Zone ?? "";
            var id = zoneNames.IndexOf(z);
            if (id < 0)
            {
                zoneNames.Add(z);
                id = zoneNames.Count - 1;
            }

            return id;
        }).ToArray();
        var groupNames = estate.HostGroups.Select(g => g.Id).ToArray();
        var fence = new int[workloads.Count];
        Array.Fill(fence, -1);
        var bans = Enumerable.Range(0, workloads.Count).Select(_ => new List<int>()).ToArray();
        var lonely = new bool[workloads.Count];
        foreach (var rule in estate.Rules)
        {
            foreach (var i in Items(rule))
            {
                switch (rule.Kind)
                {
                    case RuleKind.Fence: fence[i] = Array.IndexOf(groupNames, rule.Group); break;
                    case RuleKind.Ban: bans[i].Add(Array.IndexOf(groupNames, rule.Group)); break;
                    case RuleKind.Lonely: lonely[i] = true; break;
                }
            }
        }

        // With N+k (k ≥ 1) every host survives some failure of others, so even in normal operation it stays within the
        // failover limit: its capacity is the lesser of headroom and failoverUtilisation, per resource.
        var capacity = Sizer.HostCapacity(model, policy, failover: false, headroom);
        var failoverCapacity = Sizer.HostCapacity(model, policy, failover: true);
        if (failures > 0)
        {
            capacity = new ResourceVector(
                Math.Min(capacity.Cpu, failoverCapacity.Cpu), Math.Min(capacity.Memory, failoverCapacity.Memory),
                Math.Min(capacity.Network, failoverCapacity.Network), Math.Min(capacity.Vcpu, failoverCapacity.Vcpu));
        }

        return new PlacementProblem
        {
            ItemNames = workloads.Select(w => w.Id).ToArray(),
            DimensionNames = ResourceVector.Names,
            Demand = demand,
            Capacity = capacity.ToArray(),
            FailoverCapacity = failoverCapacity.ToArray(),
            Failures = failures,
            Spread = estate.Rules.Where(r => r.Kind == RuleKind.Spread).Select(Items).Where(s => s.Length > 1).ToArray(),
            Gather = estate.Rules.Where(r => r.Kind == RuleKind.Gather).Select(Items).Where(s => s.Length > 1).ToArray(),
            Zone = zones,
            ZoneNames = [.. zoneNames],
            Lonely = lonely,
            Fence = fence,
            Ban = bans.Select(b => b.ToArray()).ToArray(),
            GroupNames = groupNames,
            MaxPerHost = estate.Rules.Where(r => r.Kind == RuleKind.MaxPerHost)
                .Select(r => new MaxPerHostRule(r.Name, r.Limit, r.AppliesToAll ? null : Items(r))).ToArray(),
            Series = series,
            MemorySeries = memorySeries,
            StepShare = sizing.StepShare,
        };
    }

    private static List<BreakdownStep> Breakdown(
        Estate estate, HostModel model, Policy policy, PlanOptions options, int finalHosts, int dedicated, IProgress<string>? progress,
        List<StopReason> ends, Func<TimeSpan> left)
    {
        progress?.Report(PlanProgress.Breakdown());
        int Hosts(bool headroom, bool growth, int failures) =>
            Solved(BuildProblem(estate, model, policy, headroom, growth, failures, options.SizingOrDefault, options.Traces));

        var h = policy.Headroom;
        var today = BuildProblem(estate, model, policy, headroom: false, growth: false, 0, options.SizingOrDefault, options.Traces);
        var rules = RuleKinds(today);
        var stepsLeft = (rules.Count > 0 ? 3 : 2) + (policy.Failures > 0 ? 1 : 0);

        // Each step gets the default search's budgets, and its share of what the cap left (at most the default's time).
        int Solved(PlacementProblem problem)
        {
            var share = left() / Math.Max(1, stepsLeft--);
            var cap = share < SolveOptions.Default.TimeLimit ? (share > TimeSpan.Zero ? share : TimeSpan.Zero) : SolveOptions.Default.TimeLimit;
            progress?.Report(PlanProgress.Breakdown(problem.Items));
            var result = PlacementSolver.Solve(problem, SolveOptions.Default with { TimeLimit = cap });
            ends.Add(result.Ended);
            return result.Solution?.HostCount ?? 0;
        }

        var steps = new List<BreakdownStep>();
        if (rules.Count > 0)
        {
            // Rules can force hosts that demand alone would not need: credit them separately from today's demand.
            steps.Add(new(BreakdownTexts.CapacityAlone.English, Solved(CapacityAlone(today))));
            steps.Add(new(BreakdownTexts.Rules(rules).English, Solved(today)));
        }
        else
        {
            steps.Add(new(BreakdownTexts.Today.English, Solved(today)));
        }

        steps.Add(new(BreakdownTexts.Headroom(Pct(h.Cpu), Pct(h.Memory), Pct(h.Network)).English, Hosts(true, false, 0)));
        if (policy.Failures > 0)
        {
            steps.Add(new(BreakdownTexts.Failover(policy.Failures).English, Hosts(true, false, policy.Failures)));
        }

        steps.Add(new(BreakdownTexts.Growth(Pct(policy.GrowthPerYear), policy.HorizonYears).English, finalHosts));
        if (dedicated > 0)
        {
            steps.Add(new(BreakdownTexts.Dedicated(dedicated).English, finalHosts + dedicated));
        }

        return steps;
    }

    /// <summary>The kinds of placement rule the problem carries, in a fixed order.</summary>
    private static List<string> RuleKinds(PlacementProblem p)
    {
        var kinds = new List<string>();
        if (p.Spread.Length > 0)
        {
            kinds.Add("spread");
        }

        if (p.Gather.Length > 0)
        {
            kinds.Add("gather");
        }

        if (p.Zone?.Any(z => z != 0) ?? false)
        {
            kinds.Add("zones");
        }

        if (p.Lonely?.Any(l => l) ?? false)
        {
            kinds.Add("lonely");
        }

        if ((p.Fence?.Any(f => f >= 0) ?? false) || (p.Ban?.Any(b => b.Length > 0) ?? false))
        {
            kinds.Add("host groups");
        }

        if (p.MaxPerHost.Length > 0)
        {
            kinds.Add("max per host");
        }

        return kinds;
    }

    /// <summary>The same items and capacity with every rule dropped: what demand alone needs.</summary>
    private static PlacementProblem CapacityAlone(PlacementProblem p) => new()
    {
        ItemNames = p.ItemNames,
        DimensionNames = p.DimensionNames,
        Demand = p.Demand,
        Capacity = p.Capacity,
        FailoverCapacity = p.FailoverCapacity,
        Series = p.Series,
        MemorySeries = p.MemorySeries,
        StepShare = p.StepShare,
    };

    private static string Pct(double f) => (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static Plan BuildPlan(
        Estate estate,
        PlanOptions options,
        Policy policy,
        HostModel model,
        PlacementProblem problem,
        PlacementResult result,
        List<(Workload Workload, HostModel Model)> bareMetal,
        List<BreakdownStep> breakdown)
    {
        var solution = result.Solution!;
        var width = Math.Max(2, (solution.HostCount + bareMetal.Count).ToString(CultureInfo.InvariantCulture).Length);
        string HostId(int h) => "host-" + (h + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        var hosts = new List<PlannedHost>();
        for (var h = 0; h < solution.HostCount; h++)
        {
            var g = solution.HostGroup[h];
            hosts.Add(new PlannedHost(HostId(h), model.Id, g >= 0 ? problem.GroupNames[g] : null));
        }

        var assignments = new List<Assignment>();
        for (var i = 0; i < problem.Items; i++)
        {
            assignments.Add(new Assignment(problem.ItemNames[i], HostId(solution.HostOfItem[i])));
        }

        for (var b = 0; b < bareMetal.Count; b++)
        {
            var id = "bare-" + (b + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
            // A fenced dedicated workload gets a bare-metal host of its group.
            var group = estate.Rules.FirstOrDefault(r => r.Kind == RuleKind.Fence && r.Workloads.Contains(bareMetal[b].Workload.Id))?.Group;
            hosts.Add(new PlannedHost(id, bareMetal[b].Model.Id, group, Dedicated: true));
            assignments.Add(new Assignment(bareMetal[b].Workload.Id, id));
        }

        var order = estate.Workloads.Select((w, i) => (w.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        assignments = assignments.OrderBy(a => order[a.Workload]).ToList();
        var failover = result.Failover.Select(s => new PlannedFailover(
            s.FailedHosts.Select(HostId).ToList(),
            s.Restarts.Select(r => new Assignment(problem.ItemNames[r.Item], HostId(r.Host))).ToList())).ToList();
        var storage = Sizer.Storage(estate, policy);
        var totalHosts = hosts.Count;
        var sizing = options.SizingOrDefault;
        var planSizing = sizing.Method == SizingMethod.Statistic && options.Traces is null ? null : new PlanSizing(
            sizing.Method.ToString().ToLowerInvariant(),
            sizing.Method == SizingMethod.Percentile ? sizing.Percentile : null,
            sizing.Method == SizingMethod.Percentile ? sizing.ComfortFactor : null,
            sizing.Method == SizingMethod.TimeSeries ? sizing.StepShare : null,
            options.Traces?.Digest,
            options.Traces?.CpuScale.ToString().ToLowerInvariant());
        var optionsText = $"failures={policy.Failures};hostModel={options.HostModel ?? "(cheapest)"}" +
                          (planSizing is null ? "" : $";sizing={planSizing.Method};percentile={planSizing.Percentile};comfort={planSizing.ComfortFactor};share={planSizing.StepShare};traces={planSizing.Traces};cpuScale={planSizing.CpuScale}");
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(estate.Digest + "\n" + optionsText)));
        return new Plan
        {
            Estate = estate.Name,
            Inputs = new PlanInputs(estate.Digest, policy.Failures, digest, options.HostModel, planSizing),
            HostModel = model.Id,
            Hosts = hosts,
            Assignments = assignments,
            LowerBound = new PlanBound(result.Bound.Value + bareMetal.Count, result.Bound.Parts
                .Select(p => new PlanBoundPart(p.Reason, p.Hosts, p.Kind ?? (p.Reason.StartsWith("exact backend", StringComparison.Ordinal) ? "exact-backend" : null), p.Resource, p.Failures, p.Workloads, p.Zones))
                .Append(new PlanBoundPart(BoundTexts.Dedicated.English, bareMetal.Count, "dedicated")).ToList()),
            Breakdown = breakdown,
            Storage = new PlanStorage(Round(storage.UsedMib / 1024), Round(storage.GrownMib / 1024), Round(storage.DatastoreMib / 1024), Round(storage.Iops), Round(storage.GrownIops)),
            Summary = new PlanSummary(
                estate.Sites.Count,
                estate.Servers.Count,
                estate.Workloads.Count,
                totalHosts,
                solution.HostCount,
                bareMetal.Count,
                totalHosts == 0 ? 0 : Round(estate.Servers.Count / (double)totalHosts)),
            Method = solution.Method,
            Failover = failover,
        };
    }

    private static double Round(double v) => Math.Round(v, 2, MidpointRounding.AwayFromZero);
}
