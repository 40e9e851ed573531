using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>Per-host checks: capacity against headroom or the failover limit, zones and the rules that bind one host.</summary>
public static partial class Checker
{
    /// <summary>Capacity and rules of the workloads <paramref name="running"/> on one virtualization host.</summary>
    private static List<Violation> HostViolations(Context c, string hostId, IReadOnlyList<string> running, bool failover, string when) =>
        [.. CapacityViolations(c, hostId, running, failover, when), .. RuleViolations(c, c.Hosts[hostId], running, when)];

    /// <summary>Every resource where the workloads <paramref name="running"/> on one host exceed its capacity (none for a host of an unknown model).</summary>
    private static List<Violation> CapacityViolations(Context c, string hostId, IReadOnlyList<string> running, bool failover, string when)
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
            if (aligned.MemoryAligned)
            {
                // Memory is checked step by step too, and may exceed at no step: it does not stretch.
                var memory = aligned.MemoryStepSums(on);
                var overMemory = memory.Count(x => x > capacity.Memory + Tolerance);
                if (overMemory > 0)
                {
                    v.Add(new("capacity", $"{when}host '{host.Id}' needs up to {ResourceVector.Format(Resource.Memory, memory.Max())} memory but offers {ResourceVector.Format(Resource.Memory, capacity.Memory)} within {limit}, at {overMemory} of {memory.Length} steps", [host.Id], on));
                }

                load = load with { Memory = 0 };
            }
        }

        foreach (var r in Enum.GetValues<Resource>().Where(r => load[r] > capacity[r] + Tolerance))
        {
            v.Add(new("capacity", $"{when}host '{host.Id}' needs {ResourceVector.Format(r, load[r])} {Name(r)} but offers {ResourceVector.Format(r, capacity[r])} within {limit}", [host.Id], on));
        }

        return v;
    }

    /// <summary>Zones and the rules that bind one host (spread, fence, ban, lonely, max-per-host), for any host, bare metal too.</summary>
    private static List<Violation> RuleViolations(Context c, PlannedHost host, IReadOnlyList<string> running, string when)
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

    /// <summary>Gather rules whose placed workloads are not all on one host.</summary>
    private static IEnumerable<Violation> GatherViolations(IEnumerable<Rule> rules, Func<string, string?> hostOf, string when)
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
}
