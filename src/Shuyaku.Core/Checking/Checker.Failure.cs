using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>How one resource of a surviving host stands once the workloads of the failed hosts have restarted on it.</summary>
/// <param name="Host">The surviving virtualization host.</param>
/// <param name="Resource">The resource.</param>
/// <param name="Before">Its own workloads' demand, before the failure.</param>
/// <param name="After">The demand with the restarted workloads added.</param>
/// <param name="Limit">What it offers within the failover limit.</param>
public sealed record HostLoad(string Host, Resource Resource, double Before, double After, double Limit)
{
    /// <summary>Whether the demand after the restarts exceeds the limit.</summary>
    public bool Over => After > Limit + 1e-6;
}

/// <summary>What happens to a plan when exactly a named set of its hosts fails.</summary>
/// <param name="Failed">The failed hosts, in the plan's host order.</param>
/// <param name="FromCertificate">Whether the restarts are the plan's own failover plan for exactly this set (else the checker's restart).</param>
/// <param name="Restarts">Where each workload of a failed host restarts.</param>
/// <param name="NotRestarted">Workloads of the failed hosts that restart nowhere.</param>
/// <param name="Violations">Every rule and capacity broken after the failure, as the checker words them.</param>
/// <param name="Loads">Per surviving host that receives workloads and per resource: demand before and after, and the failover limit.</param>
/// <param name="InputError">Why the failure could not be analysed (unknown host, a plan that does not fit the estate), if so.</param>
public sealed record FailureReport(
    IReadOnlyList<string> Failed,
    bool FromCertificate,
    IReadOnlyList<Assignment> Restarts,
    IReadOnlyList<string> NotRestarted,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<HostLoad> Loads,
    string? InputError = null)
{
    /// <summary>Whether every workload restarts and nothing breaks.</summary>
    public bool Holds => InputError is null && NotRestarted.Count == 0 && Violations.Count == 0;

    /// <summary>An input error as a report.</summary>
    internal static FailureReport Refused(string message) => new([], false, [], [], [], [], message);
}

/// <summary>One named failure set: the same restart as the N+k walk, for exactly the hosts given.</summary>
public static partial class Checker
{
    /// <summary>
    /// Fails exactly the hosts <paramref name="failed"/> of <paramref name="plan"/> and restarts their workloads as the
    /// N+k check does: by the plan's failover plan for exactly this set when it has one and it fits, else by the
    /// checker's own restart (blocks along gather rules, by decreasing memory, each on the first surviving host where
    /// nothing breaks). A block no host can take is listed as not restarted, with what it would break on the surviving
    /// host where it breaks least. A failed bare-metal host's workload restarts nowhere.
    /// </summary>
    public static FailureReport FailHosts(Estate estate, Plan plan, IReadOnlyList<string> failed)
    {
        if (plan.Inputs.EstateSha256 != estate.Digest && !string.Equals(plan.Estate, estate.Name, StringComparison.Ordinal))
        {
            return FailureReport.Refused(Texts.Format("check.fail.estate", plan.Estate, estate.Name));
        }

        var sizing = SizingOf(plan.Inputs.Sizing, out var sizingError);
        if (sizingError is not null)
        {
            return FailureReport.Refused(sizingError);
        }

        if (plan.Inputs.Sizing?.Traces is { } digest)
        {
            return FailureReport.Refused(Texts.Format("check.fail.traces", digest));
        }

        var unknown = failed.Where(h => plan.Hosts.All(p => p.Id != h)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return FailureReport.Refused(Texts.Format(unknown.Count == 1 ? "check.fail.unknown.one" : "check.fail.unknown.other", Join(unknown), NameList(plan.Hosts.Select(h => h.Id).ToList())));
        }

        if (failed.Count == 0)
        {
            return FailureReport.Refused(Texts.Get("check.fail.none"));
        }

        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var context = new Context(estate, policy, new Demands(estate, policy, sizing, null), new Dictionary<string, PlannedHost>(StringComparer.Ordinal));
        var structural = new List<Violation>();
        var broken = HostViolations(estate, plan, context.Hosts, structural);
        var placement = Placement(estate, plan, context.Hosts, context.Workloads, structural);
        if (broken || structural.Count > 0)
        {
            return FailureReport.Refused(Texts.Format("check.fail.broken", structural[0].Describe()));
        }

        var set = failed.ToHashSet(StringComparer.Ordinal);
        var failedInOrder = plan.Hosts.Select(h => h.Id).Where(set.Contains).ToList();
        var byHost = context.Hosts.Values.Where(h => !h.Dedicated).ToDictionary(h => h.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (w, h) in placement.Where(p => !context.Hosts[p.Value].Dedicated))
        {
            byHost[h].Add(w);
        }

        var v = new List<Violation>();
        var notRestarted = new List<string>();
        var when = P("check.when.after", Join(failedInOrder));
        foreach (var bare in failedInOrder.Where(h => context.Hosts[h].Dedicated))
        {
            var on = placement.Where(p => p.Value == bare).Select(p => p.Key).OrderBy(x => x, StringComparer.Ordinal).ToList();
            notRestarted.AddRange(on);
            v.AddRange(on.Select(w => new Violation("failover", When(when, P("check.failover.bare", w, bare)), [bare], [w], failedInOrder)));
        }

        var failedVirtual = failedInOrder.Where(byHost.ContainsKey).ToList();
        var displaced = failedVirtual.SelectMany(h => byHost[h]).ToList();
        var certificate = failedVirtual.Count == 0 ? null : plan.Failover.FirstOrDefault(f => Key(f.Failed) == Key(failedVirtual));
        var restarts = certificate is null ? null : Apply(byHost, displaced, failedVirtual, certificate, v);
        var fromCertificate = restarts is not null;
        if (restarts is null)
        {
            restarts = ReplacePartly(context, byHost, displaced, failedVirtual, out var unplaced);
            foreach (var block in unplaced)
            {
                notRestarted.AddRange(block);
                v.Add(new("failover", When(when, P("check.failover.block", Join(block))), failedVirtual, block, failedInOrder));
                v.AddRange(NearestMiss(context, byHost, restarts, block, set).Select(x => x with { Failed = failedInOrder }));
            }
        }

        var loads = new List<HostLoad>();
        var hostOrder = plan.Hosts.Select((h, i) => (h.Id, i)).DistinctBy(t => t.Id).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        foreach (var receiving in restarts.GroupBy(r => r.Value, r => r.Key).OrderBy(g => hostOrder[g.Key]))
        {
            var all = byHost[receiving.Key].Concat(receiving).ToList();
            v.AddRange(HostViolations(context, receiving.Key, all, failover: true, when).Select(x => x with { Failed = failedInOrder }));
            loads.AddRange(Loads(context, receiving.Key, byHost[receiving.Key], all));
        }

        var touched = context.Gathers.Where(g => g.Workloads.Any(restarts.ContainsKey)).ToList();
        v.AddRange(GatherViolations(touched, w => restarts.TryGetValue(w, out var to) ? to : placement.GetValueOrDefault(w), when).Select(x => x with { Failed = failedInOrder }));
        var order = estate.Workloads.Select((w, i) => (w.Id, i)).ToDictionary(t => t.Id, t => t.i, StringComparer.Ordinal);
        return new FailureReport(
            failedInOrder,
            fromCertificate,
            restarts.OrderBy(r => order[r.Key]).Select(r => new Assignment(r.Key, r.Value)).ToList(),
            notRestarted.OrderBy(w => order[w]).ToList(),
            v,
            loads);
    }

    /// <summary>What a block that fits nowhere would break on the surviving host where it breaks least (the first such host in the plan's order).</summary>
    private static List<Violation> NearestMiss(
        Context c, Dictionary<string, List<string>> byHost, Dictionary<string, string> restarts, List<string> block, HashSet<string> failed)
    {
        List<Violation>? best = null;
        foreach (var h in byHost.Keys.Where(h => !failed.Contains(h)))
        {
            var on = byHost[h].Concat(restarts.Where(r => r.Value == h).Select(r => r.Key)).Concat(block).ToList();
            var found = HostViolations(c, h, on, failover: true, when: P("check.when.restarted", Join(block), h));
            if (best is null || found.Count < best.Count)
            {
                best = found;
            }
        }

        return best ?? [];
    }

    /// <summary>Demand per resource of one host before and after the restarts, against its failover limit.</summary>
    private static IEnumerable<HostLoad> Loads(Context c, string hostId, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        if (c.Estate.FindModel(c.Hosts[hostId].Model) is not { } model)
        {
            yield break;
        }

        var limit = Arithmetic.VirtualizationCapacity(model, c.Policy, failover: true);
        var was = before.Aggregate(ResourceVector.Zero, (sum, id) => sum + c.Demand.Of(model, id));
        var now = after.Aggregate(ResourceVector.Zero, (sum, id) => sum + c.Demand.Of(model, id));
        foreach (var r in Enum.GetValues<Resource>())
        {
            yield return new HostLoad(hostId, r, was[r], now[r], limit[r]);
        }
    }

    /// <summary>Names for a message: every one when there are at most 50, else the first 50 and how many more.</summary>
    internal static string NameList(IReadOnlyList<string> names) =>
        names.Count <= 50 ? string.Join(", ", names) : string.Join(", ", names.Take(50)) + Texts.Format("check.names.more", names.Count - 50);
}
