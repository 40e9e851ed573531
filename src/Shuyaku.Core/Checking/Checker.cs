using System.Globalization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Checking;

/// <summary>One broken requirement, with the hosts and workloads involved.</summary>
/// <param name="Kind">What kind of requirement broke (capacity, spread, failover, ...).</param>
/// <param name="Message">The violation in a sentence.</param>
/// <param name="Hosts">The hosts involved.</param>
/// <param name="Workloads">The workloads involved.</param>
/// <param name="Failed">The failed hosts of the failure scenario it occurs in; empty in normal operation.</param>
public sealed record Violation(string Kind, string Message, IReadOnlyList<string> Hosts, IReadOnlyList<string> Workloads, IReadOnlyList<string>? Failed = null)
{
    /// <summary>Kind and message, as printed.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>The checker's verdict; a plan is valid when there is no violation.</summary>
/// <param name="Violations">Every violation found.</param>
/// <param name="ScenariosChecked">How many failure scenarios were walked.</param>
/// <param name="DigestMatches">Whether the plan was made from this estate file, byte for byte.</param>
/// <param name="InputError">Why the plan could not be checked against this estate at all, if so.</param>
public sealed record CheckReport(IReadOnlyList<Violation> Violations, int ScenariosChecked, bool DigestMatches, string? InputError = null)
{
    /// <summary>No violation and no input error.</summary>
    public bool Valid => Violations.Count == 0 && InputError is null;
}

/// <summary>
/// Re-verifies a plan against an estate from scratch, trusting nothing the planner computed: capacity per host and
/// resource, every rule, dedicated hosts, and N+k over every set of k failed hosts. It shares the estate model and sizing
/// with the planner but none of its placement code: it only counts and compares.
/// </summary>
public static class Checker
{
    private const double Tolerance = 1e-6;

    /// <summary>Checks <paramref name="plan"/> against <paramref name="estate"/>, with the traces it was sized from if any.</summary>
    public static CheckReport Check(Estate estate, Plan plan, TraceSizing? traces = null)
    {
        var v = new List<Violation>();
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        if (plan.Inputs.EstateSha256 != estate.Digest && !string.Equals(plan.Estate, estate.Name, StringComparison.Ordinal))
        {
            // Checking a plan against an unrelated estate would list every workload and host as a violation.
            return new CheckReport([], 0, false,
                $"the plan was made for the estate '{plan.Estate}', not for '{estate.Name}': check it against the estate it was made for, or plan this estate");
        }

        if (plan.Inputs.Failures is < 0 or > Policy.MaxFailures)
        {
            return new CheckReport([], 0, plan.Inputs.EstateSha256 == estate.Digest,
                $"inputs.failures is {plan.Inputs.Failures}: a plan survives 0 to {Policy.MaxFailures} host failures; write the k it was made for");
        }

        var sizing = SizingOf(plan.Inputs.Sizing, out var sizingError);
        if (sizingError is not null)
        {
            return new CheckReport([], 0, plan.Inputs.EstateSha256 == estate.Digest, sizingError);
        }

        if (plan.Inputs.Sizing?.Traces is { } digest && traces is null)
        {
            return new CheckReport([], 0, plan.Inputs.EstateSha256 == estate.Digest,
                $"the plan was sized from utilisation traces ({digest}); give the same traces to check it");
        }

        var demand = new Demands(estate, policy, sizing, traces);
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var hosts = new Dictionary<string, PlannedHost>(StringComparer.Ordinal);
        foreach (var h in plan.Hosts)
        {
            if (!hosts.TryAdd(h.Id, h))
            {
                v.Add(new("host", $"host id '{h.Id}' appears twice", [h.Id], []));
            }

            if (estate.FindModel(h.Model) is null)
            {
                v.Add(new("host", $"host '{h.Id}' is of model '{h.Model}', which is not in the catalog", [h.Id], []));
            }

            if (h.Group is not null && estate.HostGroups.All(g => g.Id != h.Group))
            {
                v.Add(new("host", $"host '{h.Id}' is in group '{h.Group}', which the estate does not declare", [h.Id], []));
            }
        }

        var placement = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in plan.Assignments)
        {
            if (!workloads.ContainsKey(a.Workload))
            {
                v.Add(new("assignment", $"workload '{a.Workload}' is not in the estate", [a.Host], [a.Workload]));
            }
            else if (!hosts.ContainsKey(a.Host))
            {
                v.Add(new("assignment", $"workload '{a.Workload}' is assigned to host '{a.Host}', which the plan does not list", [a.Host], [a.Workload]));
            }
            else if (!placement.TryAdd(a.Workload, a.Host))
            {
                v.Add(new("assignment", $"workload '{a.Workload}' is assigned twice ('{placement[a.Workload]}' and '{a.Host}')", [placement[a.Workload], a.Host], [a.Workload]));
            }
        }

        foreach (var w in estate.Workloads.Where(w => !placement.ContainsKey(w.Id)))
        {
            v.Add(new("assignment", $"workload '{w.Id}' is not placed on any host", [], [w.Id]));
        }

        if (v.Count > 0)
        {
            return new CheckReport(v, 0, plan.Inputs.EstateSha256 == estate.Digest);
        }

        // Dedicated workloads run alone on bare metal; all others run on virtualization hosts.
        foreach (var (id, host) in placement)
        {
            var w = workloads[id];
            var h = hosts[host];
            if (w.Dedicated && !h.Dedicated)
            {
                v.Add(new("dedicated", $"workload '{id}' must not be virtualized but runs on virtualization host '{host}'", [host], [id]));
            }
            else if (!w.Dedicated && h.Dedicated)
            {
                v.Add(new("dedicated", $"workload '{id}' runs on bare-metal host '{host}', which is for one dedicated workload", [host], [id]));
            }
        }

        foreach (var h in plan.Hosts.Where(h => h.Dedicated))
        {
            var on = placement.Where(p => p.Value == h.Id).Select(p => p.Key).ToList();
            if (on.Count > 1)
            {
                v.Add(new("dedicated", $"bare-metal host '{h.Id}' runs {on.Count} workloads; it may run one", [h.Id], on));
            }

            var model = estate.FindModel(h.Model);
            foreach (var id in on.Where(id => workloads[id].Dedicated))
            {
                var need = Sizer.BareMetalDemand(estate, workloads[id], policy);
                var has = Sizer.BareMetalCapacity(model!, policy);
                foreach (var r in Enum.GetValues<Resource>().Where(r => need[r] > has[r] + Tolerance))
                {
                    v.Add(new("capacity", $"bare-metal host '{h.Id}' needs {ResourceVector.Format(r, need[r])} {Name(r)} for '{id}' but offers {ResourceVector.Format(r, has[r])} within headroom", [h.Id], [id]));
                }
            }
        }

        var virtualized = placement.Where(p => !hosts[p.Value].Dedicated).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var context = new Context(estate, policy, demand, hosts);
        var byHost = plan.Hosts.Where(h => !h.Dedicated).ToDictionary(h => h.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (w, h) in virtualized)
        {
            byHost[h].Add(w);
        }

        foreach (var (host, on) in byHost)
        {
            v.AddRange(HostViolations(context, host, on, failover: false, when: ""));
        }

        v.AddRange(GatherViolations(context, context.Gathers, w => virtualized.GetValueOrDefault(w), when: ""));

        var scenarios = 0;
        var k = policy.Failures;
        var vhosts = byHost.Keys.ToList();
        if (k > 0 && v.Count == 0)
        {
            if (vhosts.Count <= k)
            {
                v.Add(new("failover", $"the plan has {vhosts.Count} virtualization host(s); after {k} failure(s) none would be left to restart workloads", vhosts, []));
            }
            else
            {
                var certificates = plan.Failover.ToDictionary(f => Key(f.Failed), f => f, StringComparer.Ordinal);
                foreach (var failed in Subsets(vhosts, k))
                {
                    scenarios++;
                    var displaced = failed.SelectMany(h => byHost[h]).ToList();
                    var restarts = certificates.TryGetValue(Key(failed), out var certificate)
                        ? Apply(byHost, displaced, failed, certificate, v)
                        : Replace(context, byHost, displaced, failed);
                    if (restarts is null)
                    {
                        v.Add(new("failover", $"when {Join(failed)} fail, their workloads cannot all be restarted on the other hosts", failed, displaced, failed));
                        continue;
                    }

                    var when = $"after {Join(failed)} fail: ";
                    var found = new List<Violation>();
                    foreach (var receiving in restarts.GroupBy(r => r.Value, r => r.Key))
                    {
                        found.AddRange(HostViolations(context, receiving.Key, [.. byHost[receiving.Key], .. receiving], failover: true, when));
                    }

                    var touched = context.Gathers.Where(g => g.Workloads.Any(restarts.ContainsKey)).ToList();
                    found.AddRange(GatherViolations(context, touched, w => restarts.TryGetValue(w, out var to) ? to : virtualized.GetValueOrDefault(w), when));
                    v.AddRange(found.Select(x => x with { Failed = failed }));
                }
            }
        }

        return new CheckReport(v, scenarios, plan.Inputs.EstateSha256 == estate.Digest);
    }

    /// <summary>What every host check needs, built once: workloads and rules by id, sized demand.</summary>
    private sealed class Context(Estate estate, Policy policy, Demands demand, Dictionary<string, PlannedHost> hosts)
    {
        public Estate Estate { get; } = estate;
        public Policy Policy { get; } = policy;
        public Demands Demand { get; } = demand;
        public Dictionary<string, PlannedHost> Hosts { get; } = hosts;
        public Dictionary<string, Workload> Workloads { get; } = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        public List<Rule> Gathers { get; } = estate.Rules.Where(r => r.Kind == RuleKind.Gather).ToList();
        public List<Rule> ForAll { get; } = estate.Rules.Where(r => r.AppliesToAll).ToList();
        public Dictionary<string, List<Rule>> RulesOf { get; } = estate.Rules
            .SelectMany(r => r.Workloads.Select(w => (w, r)))
            .GroupBy(p => p.w, p => p.r, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>Every violation of capacity, zones and per-host rules by the workloads <paramref name="running"/> on one host.</summary>
    private static List<Violation> HostViolations(Context c, string hostId, IReadOnlyList<string> running, bool failover, string when)
    {
        var v = new List<Violation>();
        if (running.Count == 0)
        {
            return v;
        }

        var host = c.Hosts[hostId];
        var model = c.Estate.FindModel(host.Model)!;
        var on = running.OrderBy(x => x, StringComparer.Ordinal).ToList();
        var capacity = Sizer.HostCapacity(model, c.Policy, failover);
        var load = on.Aggregate(ResourceVector.Zero, (sum, id) => sum + c.Demand.Of(model, id));
        var limit = failover ? $"the failover limit of {Pct(c.Policy.FailoverUtilisation)}" : "headroom";
        if (c.Demand.Aligned(model) is { } aligned)
        {
            // CPU is checked step by step: the summed series may exceed capacity at no more than the allowed steps.
            var steps = aligned.StepSums(on);

            var over = steps.Count(x => x > capacity.Cpu + Tolerance);
            var allowed = (int)Math.Floor(((1 - c.Demand.Sizing.StepShare) * steps.Length) + 1e-9);
            if (over > allowed)
            {
                v.Add(new("capacity", $"{when}host '{host.Id}' needs more than {ResourceVector.Format(Resource.Cpu, capacity.Cpu)} cpu within {limit} at {over} of {steps.Length} steps (at most {allowed} allowed)", [host.Id], on));
            }

            load = load with { Cpu = 0 };
        }

        foreach (var r in Enum.GetValues<Resource>().Where(r => load[r] > capacity[r] + Tolerance))
        {
            v.Add(new("capacity", $"{when}host '{host.Id}' needs {ResourceVector.Format(r, load[r])} {Name(r)} but offers {ResourceVector.Format(r, capacity[r])} within {limit}", [host.Id], on));
        }

        var zones = on.Select(id => c.Workloads[id].Zone ?? "(none)").Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
        if (zones.Count > 1)
        {
            v.Add(new("zone", $"{when}host '{host.Id}' mixes isolation zones {string.Join(", ", zones)}", [host.Id], on));
        }

        var relevant = on.SelectMany(id => c.RulesOf.GetValueOrDefault(id) ?? []).Concat(c.ForAll).Distinct();
        foreach (var rule in relevant)
        {
            var members = on.Where(rule.Workloads.Contains).ToList();
            switch (rule.Kind)
            {
                case RuleKind.Spread when members.Count > 1:
                    v.Add(new("spread", $"{when}{rule.Describe()}: {Join(members)} share host '{host.Id}'", [host.Id], members));
                    break;
                case RuleKind.Fence when members.Count > 0 && host.Group != rule.Group:
                    v.Add(new("fence", $"{when}{rule.Describe()}: {Join(members)} run on host '{host.Id}', which is {(host.Group is null ? "in no group" : $"in group '{host.Group}'")}", [host.Id], members));
                    break;
                case RuleKind.Ban when members.Count > 0 && host.Group == rule.Group:
                    v.Add(new("ban", $"{when}{rule.Describe()}: {Join(members)} run on host '{host.Id}' of that group", [host.Id], members));
                    break;
                case RuleKind.Lonely when members.Count > 0 && on.Count > 1:
                    v.Add(new("lonely", $"{when}{rule.Describe()}: {Join(members)} share host '{host.Id}' with {Join(on.Except(members).ToList())}", [host.Id], on));
                    break;
                case RuleKind.MaxPerHost:
                    var counted = rule.AppliesToAll ? on : members;
                    if (counted.Count > rule.Limit)
                    {
                        v.Add(new("max-per-host", $"{when}{rule.Describe()}: host '{host.Id}' runs {counted.Count}", [host.Id], counted));
                    }

                    break;
            }
        }

        return v;
    }

    /// <summary>Gather rules whose workloads are not all on one host.</summary>
    private static IEnumerable<Violation> GatherViolations(Context c, IEnumerable<Rule> rules, Func<string, string?> hostOf, string when)
    {
        foreach (var rule in rules)
        {
            var where = rule.Workloads.Select(hostOf).OfType<string>().Distinct().ToList();
            if (where.Count > 1)
            {
                yield return new("gather", $"{when}{rule.Describe()}: its workloads are split over {Join(where)}", where, rule.Workloads);
            }
        }
    }

    /// <summary>The restarts of one failure as the plan's certificate says; null if the certificate does not fit the failure.</summary>
    private static Dictionary<string, string>? Apply(
        Dictionary<string, List<string>> byHost, List<string> displaced, IReadOnlyList<string> failed, PlannedFailover certificate, List<Violation> v)
    {
        var restarts = new Dictionary<string, string>(StringComparer.Ordinal);
        var waiting = displaced.ToHashSet(StringComparer.Ordinal);
        foreach (var r in certificate.Restarts)
        {
            if (!waiting.Remove(r.Workload))
            {
                v.Add(new("failover", $"the failover plan for {Join(failed)} restarts '{r.Workload}', which was not on a failed host (or twice)", failed, [r.Workload], failed));
                return null;
            }

            if (failed.Contains(r.Host) || !byHost.ContainsKey(r.Host))
            {
                v.Add(new("failover", $"the failover plan for {Join(failed)} restarts '{r.Workload}' on '{r.Host}', which is not a surviving host", failed, [r.Workload], failed));
                return null;
            }

            restarts[r.Workload] = r.Host;
        }

        return waiting.Count == 0 ? restarts : null;
    }

    /// <summary>
    /// With no certificate for a failure, the checker tries its own restart: gathered workloads together, largest memory
    /// first, on the first survivor where nothing is violated. Failing to find one is reported, so it can only be strict.
    /// </summary>
    private static Dictionary<string, string>? Replace(Context c, Dictionary<string, List<string>> byHost, List<string> displaced, IReadOnlyList<string> failed)
    {
        var blocks = new List<List<string>>();
        foreach (var id in displaced.OrderBy(x => x, StringComparer.Ordinal))
        {
            if (blocks.Any(b => b.Contains(id)))
            {
                continue;
            }

            var block = new List<string> { id };
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var g in c.Gathers.Where(g => g.Workloads.Any(block.Contains)))
                {
                    foreach (var w in g.Workloads.Where(w => !block.Contains(w) && displaced.Contains(w)))
                    {
                        block.Add(w);
                        grew = true;
                    }
                }
            }

            blocks.Add(block);
        }

        var restarts = new Dictionary<string, string>(StringComparer.Ordinal);
        var added = byHost.Keys.Where(h => !failed.Contains(h)).ToDictionary(h => h, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var block in blocks.OrderByDescending(b => b.Sum(w => c.Workloads[w].Demand.MemoryMib.Pick(c.Policy.Statistic))).ThenBy(b => b[0], StringComparer.Ordinal))
        {
            var target = added.Keys.FirstOrDefault(h => HostViolations(c, h, [.. byHost[h], .. added[h], .. block], failover: true, when: "").Count == 0);
            if (target is null)
            {
                return null;
            }

            added[target].AddRange(block);
            foreach (var w in block)
            {
                restarts[w] = target;
            }
        }

        return restarts;
    }

    private static SizingOptions SizingOf(PlanSizing? s, out string? error)
    {
        error = null;
        if (s is null)
        {
            return SizingOptions.Default;
        }

        SizingMethod? method = s.Method switch
        {
            "statistic" => SizingMethod.Statistic,
            "peak" => SizingMethod.Peak,
            "percentile" => SizingMethod.Percentile,
            "timeseries" => SizingMethod.TimeSeries,
            _ => null,
        };
        if (method is null)
        {
            error = $"the plan's sizing method '{s.Method}' is unknown: it must be statistic, peak, percentile or timeseries";
            return SizingOptions.Default;
        }

        return new SizingOptions(method.Value, s.Percentile ?? 95, s.ComfortFactor ?? 1.3, s.StepShare ?? 1.0);
    }

    /// <summary>Demand of each workload per host model, sized as the plan says; built once per model.</summary>
    private sealed class Demands(Estate estate, Policy policy, SizingOptions sizing, TraceSizing? traces)
    {
        private readonly Dictionary<string, DemandModel> _models = new(StringComparer.Ordinal);

        public SizingOptions Sizing => sizing;

        public ResourceVector Of(HostModel model, string workload) => Model(model).Of(workload);

        /// <summary>The model's demand when it is time-aligned, else null.</summary>
        public DemandModel? Aligned(HostModel model) => Model(model) is { TimeAligned: true } m ? m : null;

        private DemandModel Model(HostModel model)
        {
            if (!_models.TryGetValue(model.Id, out var m))
            {
                _models[model.Id] = m = DemandModel.Build(estate, model, policy, sizing, traces, withGrowth: true);
            }

            return m;
        }
    }

    private static IEnumerable<List<string>> Subsets(List<string> items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = 0; i <= items.Count - k; i++)
        {
            foreach (var rest in Subsets(items.Skip(i + 1).ToList(), k - 1))
            {
                rest.Insert(0, items[i]);
                yield return rest;
            }
        }
    }

    private static string Key(IEnumerable<string> hosts) => string.Join(",", hosts.OrderBy(h => h, StringComparer.Ordinal));

    private static string Join(IReadOnlyList<string> items) => string.Join(", ", items.Select(i => $"'{i}'"));

    private static string Name(Resource r) => ResourceVector.Names[(int)r];

    private static string Pct(double f) => (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
