using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Checking;

/// <summary>
/// Re-verifies a plan against an estate from scratch, trusting nothing the planner computed: capacity per host and
/// resource, every rule, dedicated hosts, N+k over every set of k failed hosts, and the lower bound's arguments. It
/// shares the estate model with the planner, sizes static demand with its own arithmetic (<see cref="Arithmetic"/>),
/// and uses none of the planner's placement code: it only counts and compares.
/// </summary>
public static partial class Checker
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// Checks <paramref name="plan"/> against <paramref name="estate"/>, with the traces it was sized from if any, for N+k
    /// with k = <paramref name="failures"/> (null: the estate's policy).
    /// </summary>
    public static CheckReport Check(Estate estate, Plan plan, TraceSizing? traces = null, int? failures = null)
    {
        var digestMatches = plan.Inputs.EstateSha256 == estate.Digest;
        if (!digestMatches && !string.Equals(plan.Estate, estate.Name, StringComparison.Ordinal))
        {
            // Checking a plan against an unrelated estate would list every workload and host as a violation.
            return new CheckReport([], 0, false,
                Texts.Format("check.input.estate", plan.Estate, estate.Name));
        }

        if (plan.Inputs.Failures is < 0 or > Policy.MaxFailures)
        {
            return new CheckReport([], 0, digestMatches,
                Texts.Format("check.input.plan-failures", N(plan.Inputs.Failures), N(Policy.MaxFailures)));
        }

        var k = failures ?? estate.Policy.Failures;
        if (k is < 0 or > Policy.MaxFailures)
        {
            return new CheckReport([], 0, digestMatches, Texts.Format("check.input.failures", N(k), N(Policy.MaxFailures)));
        }

        var sizing = SizingOf(plan.Inputs.Sizing, out var sizingError);
        if (sizingError is not null)
        {
            return new CheckReport([], 0, digestMatches, sizingError);
        }

        if (plan.Inputs.Sizing?.Traces is { } digest && traces is null)
        {
            return new CheckReport([], 0, digestMatches,
                Texts.Format("check.input.traces", digest));
        }

        var policy = estate.Policy with { Failures = k };
        var v = new List<Violation>();
        if (plan.Inputs.Failures < k)
        {
            v.Add(new("failover", P(failures is null ? "check.failover.required.policy" : "check.failover.required", N(plan.Inputs.Failures), N(k)), [], []));
        }

        var demand = new Demands(estate, policy, sizing, traces);
        var context = new Context(estate, policy, demand, new Dictionary<string, PlannedHost>(StringComparer.Ordinal));
        var hosts = context.Hosts;
        var broken = HostViolations(estate, plan, hosts, v);
        var placement = Placement(estate, plan, hosts, context.Workloads, v);
        broken |= placement.Count < estate.Workloads.Count || v.Any(x => x.Kind == "assignment");

        var normal = new List<Violation>();
        normal.AddRange(DedicatedViolations(context, plan, placement));
        var virtualized = placement.Where(p => !hosts[p.Value].Dedicated).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var byHost = hosts.Values.Where(h => !h.Dedicated).ToDictionary(h => h.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (w, h) in virtualized)
        {
            byHost[h].Add(w);
        }

        foreach (var (host, on) in byHost)
        {
            normal.AddRange(CapacityViolations(context, host, on, failover: false, when: null));
            normal.AddRange(RuleViolations(context, hosts[host], on, when: null));
        }

        normal.AddRange(GatherViolations(context.Gathers, w => virtualized.GetValueOrDefault(w), when: null));
        var vhosts = byHost.Keys.ToList();
        if (k > 0 && vhosts.Count > k)
        {
            // Every host survives some failure of k others, so its own load is held to the failover limit too.
            foreach (var (host, on) in byHost)
            {
                var firstSurvived = vhosts.Where(h => h != host).Take(k).ToList();
                normal.AddRange(CapacityViolations(context, host, on, failover: true, when: PC("check.when.survivor", k))
                    .Select(x => x with { Failed = firstSurvived }));
            }
        }

        v.AddRange(normal);
        var scenarios = 0;
        if (k > 0 && !broken && normal.Count == 0)
        {
            scenarios = FailoverViolations(context, plan, byHost, virtualized, v);
        }

        var bound = VerifyBound(estate, plan, demand, v);
        return new CheckReport(v, scenarios, digestMatches, null, k, bound);
    }

    /// <summary>Duplicate hosts, unknown models and undeclared groups; true when a host cannot be checked.</summary>
    private static bool HostViolations(Estate estate, Plan plan, Dictionary<string, PlannedHost> hosts, List<Violation> v)
    {
        var broken = false;
        foreach (var h in plan.Hosts)
        {
            if (!hosts.TryAdd(h.Id, h))
            {
                v.Add(new("host", P("check.host.twice", h.Id), [h.Id], []));
                broken = true;
            }

            if (estate.FindModel(h.Model) is null)
            {
                v.Add(new("host", P("check.host.model", h.Id, h.Model), [h.Id], []));
                broken = true;
            }

            if (h.Group is not null && estate.HostGroups.All(g => g.Id != h.Group))
            {
                v.Add(new("host", P("check.host.group", h.Id, h.Group), [h.Id], []));
            }
        }

        return broken;
    }

    /// <summary>Where each workload runs, from the assignments that name a known workload and host, the first of duplicates.</summary>
    private static Dictionary<string, string> Placement(
        Estate estate, Plan plan, Dictionary<string, PlannedHost> hosts, Dictionary<string, Workload> workloads, List<Violation> v)
    {
        var placement = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in plan.Assignments)
        {
            if (!workloads.ContainsKey(a.Workload))
            {
                v.Add(new("assignment", P("check.assignment.unknown", a.Workload), [a.Host], [a.Workload]));
            }
            else if (!hosts.ContainsKey(a.Host))
            {
                v.Add(new("assignment", P("check.assignment.host", a.Workload, a.Host), [a.Host], [a.Workload]));
            }
            else if (!placement.TryAdd(a.Workload, a.Host))
            {
                v.Add(new("assignment", P("check.assignment.twice", a.Workload, placement[a.Workload], a.Host), [placement[a.Workload], a.Host], [a.Workload]));
            }
        }

        foreach (var w in estate.Workloads.Where(w => !placement.ContainsKey(w.Id)))
        {
            v.Add(new("assignment", P("check.assignment.none", w.Id), [], [w.Id]));
        }

        return placement;
    }

    /// <summary>Dedicated workloads run alone on bare metal within its capacity, in their host group; all others on virtualization hosts.</summary>
    private static List<Violation> DedicatedViolations(Context c, Plan plan, Dictionary<string, string> placement)
    {
        var v = new List<Violation>();
        foreach (var (id, host) in placement)
        {
            var w = c.Workloads[id];
            var h = c.Hosts[host];
            if (w.Dedicated && !h.Dedicated)
            {
                v.Add(new("dedicated", P("check.dedicated.virtualized", id, host), [host], [id]));
            }
            else if (!w.Dedicated && h.Dedicated)
            {
                v.Add(new("dedicated", P("check.dedicated.bare", id, host), [host], [id]));
            }
        }

        foreach (var h in plan.Hosts.Where(h => h.Dedicated).DistinctBy(h => h.Id))
        {
            var on = placement.Where(p => p.Value == h.Id).Select(p => p.Key).OrderBy(x => x, StringComparer.Ordinal).ToList();
            if (on.Count > 1)
            {
                v.Add(new("dedicated", P("check.dedicated.many", h.Id, N(on.Count)), [h.Id], on));
            }

            if (c.Estate.FindModel(h.Model) is { } model)
            {
                var has = Arithmetic.BareCapacity(model, c.Policy);
                foreach (var id in on.Where(id => c.Workloads[id].Dedicated))
                {
                    var need = Arithmetic.BareDemand(c.Estate, c.Workloads[id], c.Policy);
                    foreach (var r in Enum.GetValues<Resource>().Where(r => need[r] > has[r] + Tolerance))
                    {
                        v.Add(new("capacity", P("check.capacity.bare", h.Id, ResourceVector.Format(r, need[r]), Name(r), id, ResourceVector.Format(r, has[r])), [h.Id], [id]));
                    }
                }
            }

            v.AddRange(RuleViolations(c, h, on, when: null));
        }

        return v;
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

    /// <summary>The sizing options a plan's inputs record; <paramref name="error"/> says why when the method is unknown.</summary>
    internal static SizingOptions SizingOf(PlanSizing? s, out string? error)
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
            error = Texts.Format("check.input.sizing", s.Method);
            return SizingOptions.Default;
        }

        return new SizingOptions(method.Value, s.Percentile ?? 95, s.ComfortFactor ?? 1.3, s.StepShare ?? 1.0);
    }

    /// <summary>
    /// Demand of each workload per host model, sized as the plan says: by the checker's own arithmetic, except when
    /// utilisation traces size CPU (peak, percentile or time-aligned on traces), where the shared DemandModel does.
    /// </summary>
    private sealed class Demands(Estate estate, Policy policy, SizingOptions sizing, TraceSizing? traces)
    {
        private readonly Dictionary<string, DemandModel> _models = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Model, string Workload), ResourceVector> _static = [];
        private readonly Dictionary<string, Workload> _workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);

        public SizingOptions Sizing => sizing;

        private bool FromTraces => traces is not null && sizing.Method != SizingMethod.Statistic;

        public ResourceVector Of(HostModel model, string workload) => FromTraces ? Model(model).Of(workload) : Static(model, workload);

        /// <summary>The model's demand when it is time-aligned, else null.</summary>
        public DemandModel? Aligned(HostModel model) => FromTraces && Model(model) is { TimeAligned: true } m ? m : null;

        private ResourceVector Static(HostModel model, string workload)
        {
            if (_static.TryGetValue((model.Id, workload), out var known))
            {
                return known;
            }

            var w = _workloads[workload];
            var statistic = sizing.Method switch
            {
                SizingMethod.Peak => Statistic.Peak,
                SizingMethod.Percentile => Statistic.P95,
                _ => policy.Statistic,
            };
            var v = Arithmetic.VmDemand(estate, w, model, policy, statistic);
            if (sizing.Method == SizingMethod.Percentile)
            {
                // The comfort factor multiplies the measured figure, not the VM overhead.
                var f = sizing.ComfortFactor;
                var cpuOverhead = policy.OverheadCpuGhz * model.PerfFactor;
                v = new ResourceVector(
                    ((v.Cpu - cpuOverhead) * f) + cpuOverhead,
                    ((v.Memory - policy.OverheadMemoryMib) * f) + policy.OverheadMemoryMib,
                    v.Network * f,
                    v.Vcpu);
            }

            _static[(model.Id, workload)] = v;
            return v;
        }

        private DemandModel Model(HostModel model)
        {
            if (!_models.TryGetValue(model.Id, out var m))
            {
                _models[model.Id] = m = DemandModel.Build(estate, model, policy, sizing, traces, withGrowth: true);
            }

            return m;
        }
    }

    private static string Key(IEnumerable<string> hosts) => string.Join(",", hosts.OrderBy(h => h, StringComparer.Ordinal));

    private static string Join(IReadOnlyList<string> items) => string.Join(", ", items.Select(i => $"'{i}'"));

    private static string Name(Resource r) => ResourceVector.Names[(int)r];

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static Phrase P(string key, params object?[] args) => Texts.Phrase(key, args);

    private static Phrase PC(string key, int n) => Texts.Counted(key, n);

    /// <summary>A message that holds in a failure scenario: the scenario (<paramref name="when"/>) before it.</summary>
    private static Phrase When(Phrase? when, Phrase message) => when is null ? message : P("check.when", when, message);

    /// <summary>The rule's kind and name as messages write them (in English, <see cref="Rule.Describe"/>).</summary>
    private static Phrase RuleText(Rule rule) => rule.Kind switch
    {
        RuleKind.Spread => P("check.rule.spread", rule.Name),
        RuleKind.Gather => P("check.rule.gather", rule.Name),
        RuleKind.Fence => P("check.rule.fence", rule.Name, rule.Group),
        RuleKind.Ban => P("check.rule.ban", rule.Name, rule.Group),
        RuleKind.Lonely => P("check.rule.lonely", rule.Name),
        RuleKind.MaxPerHost => P("check.rule.max-per-host", rule.Name, N(rule.Limit)),
        _ => P("check.rule.other", rule.Name),
    };

    private static string Pct(double f) => (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
