using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>Per-host checks: capacity against headroom or the failover limit, zones and the rules that bind one host.</summary>
public static partial class Checker
{
    /// <summary>Capacity and rules of the workloads <paramref name="running"/> on one virtualization host.</summary>
    private static List<Violation> HostViolations(Context c, string hostId, IReadOnlyList<string> running, bool failover, Phrase? when) =>
        [.. CapacityViolations(c, hostId, running, failover, when), .. RuleViolations(c, c.Hosts[hostId], running, when)];

    /// <summary>Every resource where the workloads <paramref name="running"/> on one host exceed its capacity (none for a host of an unknown model).</summary>
    private static List<Violation> CapacityViolations(Context c, string hostId, IReadOnlyList<string> running, bool failover, Phrase? when)
    {
        var v = new List<Violation>();
        var host = c.Hosts[hostId];
        if (running.Count == 0 || c.Estate.FindModel(host.Model) is not { } model)
        {
            return v;
        }

        var on = running.OrderBy(x => x, StringComparer.Ordinal).ToList();
        var capacity = Arithmetic.VirtualizationCapacity(model, c.Policy, failover);
        var load = on.Aggregate(ResourceVector.Zero, (sum, id) => sum + c.Demand.Of(model, id));
        var limit = failover ? P("check.limit.failover", Pct(c.Policy.FailoverUtilisation)) : P("check.limit.headroom");
        if (c.Demand.Aligned(model) is { } aligned)
        {
            // CPU is checked step by step: the summed series may exceed capacity at no more than the allowed steps.
            var steps = aligned.StepSums(on);

            var over = steps.Count(x => x > capacity.Cpu + Tolerance);
            var allowed = (int)Math.Floor(((1 - c.Demand.Sizing.StepShare) * steps.Length) + 1e-9);
            if (over > allowed)
            {
                v.Add(new("capacity", When(when, P("check.capacity.cpu-steps", host.Id, ResourceVector.Format(Resource.Cpu, capacity.Cpu), limit, N(over), N(steps.Length), N(allowed))), [host.Id], on));
            }

            load = load with { Cpu = 0 };
            if (aligned.MemoryAligned)
            {
                // Memory is checked step by step too, and may exceed at no step: it does not stretch.
                var memory = aligned.MemoryStepSums(on);
                var overMemory = memory.Count(x => x > capacity.Memory + Tolerance);
                if (overMemory > 0)
                {
                    v.Add(new("capacity", When(when, P("check.capacity.memory-steps", host.Id, ResourceVector.Format(Resource.Memory, memory.Max()), ResourceVector.Format(Resource.Memory, capacity.Memory), limit, N(overMemory), N(memory.Length))), [host.Id], on));
                }

                load = load with { Memory = 0 };
            }
        }

        foreach (var r in Enum.GetValues<Resource>().Where(r => load[r] > capacity[r] + Tolerance))
        {
            v.Add(new("capacity", When(when, P("check.capacity", host.Id, ResourceVector.Format(r, load[r]), Name(r), ResourceVector.Format(r, capacity[r]), limit)), [host.Id], on));
        }

        return v;
    }

    /// <summary>Zones and the rules that bind one host (spread, fence, ban, lonely, max-per-host), for any host, bare metal too.</summary>
    private static List<Violation> RuleViolations(Context c, PlannedHost host, IReadOnlyList<string> running, Phrase? when)
    {
        var v = new List<Violation>();
        if (running.Count == 0)
        {
            return v;
        }

        var on = running.OrderBy(x => x, StringComparer.Ordinal).ToList();
        var zones = on.Select(id => c.Workloads[id].Zone ?? "(none)").Distinct().OrderBy(z => z, StringComparer.Ordinal).ToList();
        if (zones.Count > 1)
        {
            v.Add(new("zone", When(when, P("check.zone", host.Id, string.Join(", ", zones))), [host.Id], on));
        }

        var relevant = on.SelectMany(id => c.RulesOf.GetValueOrDefault(id) ?? []).Concat(c.ForAll).Distinct();
        foreach (var rule in relevant)
        {
            var members = on.Where(rule.Workloads.Contains).ToList();
            switch (rule.Kind)
            {
                case RuleKind.Spread when members.Count > 1:
                    v.Add(new("spread", When(when, P("check.spread", RuleText(rule), Join(members), host.Id)), [host.Id], members));
                    break;
                case RuleKind.Fence when members.Count > 0 && host.Group != rule.Group:
                    v.Add(new("fence", When(when, host.Group is null ? P("check.fence.no-group", RuleText(rule), Join(members), host.Id) : P("check.fence", RuleText(rule), Join(members), host.Id, host.Group)), [host.Id], members));
                    break;
                case RuleKind.Ban when members.Count > 0 && host.Group == rule.Group:
                    v.Add(new("ban", When(when, P("check.ban", RuleText(rule), Join(members), host.Id)), [host.Id], members));
                    break;
                case RuleKind.Lonely when members.Count > 0 && on.Count > 1:
                    v.Add(new("lonely", When(when, P("check.lonely", RuleText(rule), Join(members), host.Id, Join(on.Except(members).ToList()))), [host.Id], on));
                    break;
                case RuleKind.MaxPerHost:
                    var counted = rule.AppliesToAll ? on : members;
                    if (counted.Count > rule.Limit)
                    {
                        v.Add(new("max-per-host", When(when, P("check.max-per-host", RuleText(rule), host.Id, N(counted.Count))), [host.Id], counted));
                    }

                    break;
            }
        }

        return v;
    }

    /// <summary>Gather rules whose placed workloads are not all on one host.</summary>
    private static IEnumerable<Violation> GatherViolations(IEnumerable<Rule> rules, Func<string, string?> hostOf, Phrase? when)
    {
        foreach (var rule in rules)
        {
            var where = rule.Workloads.Select(hostOf).OfType<string>().Distinct().ToList();
            if (where.Count > 1)
            {
                yield return new("gather", When(when, P("check.gather", RuleText(rule), Join(where))), where, rule.Workloads);
            }
        }
    }
}
