using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Checking;

/// <summary>N+k: every set of k failed virtualization hosts, restarts from the plan's certificates or the checker's own search.</summary>
public static partial class Checker
{
    /// <summary>Walks every failure scenario, adding what breaks to <paramref name="v"/>; returns how many were walked.</summary>
    private static int FailoverViolations(
        Context context, Plan plan, Dictionary<string, List<string>> byHost, Dictionary<string, string> virtualized, List<Violation> v)
    {
        var k = context.Policy.Failures;
        var vhosts = byHost.Keys.ToList();
        if (vhosts.Count <= k)
        {
            v.Add(new("failover", P("check.failover.too-few", N(vhosts.Count), N(k)), vhosts, []));
            return 0;
        }

        var scenarios = 0;
        var certificates = plan.Failover.DistinctBy(f => Key(f.Failed)).ToDictionary(f => Key(f.Failed), f => f, StringComparer.Ordinal);
        foreach (var failed in Subsets(vhosts, k))
        {
            scenarios++;
            var displaced = failed.SelectMany(h => byHost[h]).ToList();
            var restarts = certificates.TryGetValue(Key(failed), out var certificate)
                ? Apply(byHost, displaced, failed, certificate, v)
                : Replace(context, byHost, displaced, failed);
            if (restarts is null)
            {
                v.Add(new("failover", P("check.failover.no-restart", Join(failed)), failed, displaced, failed));
                continue;
            }

            var when = P("check.when.after", Join(failed));
            var found = new List<Violation>();
            foreach (var receiving in restarts.GroupBy(r => r.Value, r => r.Key))
            {
                found.AddRange(HostViolations(context, receiving.Key, [.. byHost[receiving.Key], .. receiving], failover: true, when));
            }

            var touched = context.Gathers.Where(g => g.Workloads.Any(restarts.ContainsKey)).ToList();
            found.AddRange(GatherViolations(touched, w => restarts.TryGetValue(w, out var to) ? to : virtualized.GetValueOrDefault(w), when));
            v.AddRange(found.Select(x => x with { Failed = failed }));
        }

        return scenarios;
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
                v.Add(new("failover", P("check.failover.certificate-workload", Join(failed), r.Workload), failed, [r.Workload], failed));
                return null;
            }

            if (failed.Contains(r.Host) || !byHost.ContainsKey(r.Host))
            {
                v.Add(new("failover", P("check.failover.certificate-host", Join(failed), r.Workload, r.Host), failed, [r.Workload], failed));
                return null;
            }

            restarts[r.Workload] = r.Host;
        }

        return waiting.Count == 0 ? restarts : null;
    }

    /// <summary>
    /// With no certificate for a failure, the checker tries its own restart: displaced workloads joined into blocks along
    /// gather rules, blocks by decreasing memory (ties by first workload id), each on the first surviving host in the
    /// plan's host order where no capacity limit (failover) and no rule is broken. Failing to find one is reported, so it can only be strict.
    /// </summary>
    private static Dictionary<string, string>? Replace(Context c, Dictionary<string, List<string>> byHost, List<string> displaced, IReadOnlyList<string> failed)
    {
        var restarts = ReplacePartly(c, byHost, displaced, failed, out var unplaced);
        return unplaced.Count == 0 ? restarts : null;
    }

    /// <summary>
    /// <see cref="Replace"/>'s restart, carried on past a block that fits nowhere: the blocks placed and, in
    /// <paramref name="unplaced"/>, those no surviving host could take (in the order tried).
    /// </summary>
    private static Dictionary<string, string> ReplacePartly(
        Context c, Dictionary<string, List<string>> byHost, List<string> displaced, IReadOnlyList<string> failed, out List<List<string>> unplaced)
    {
        unplaced = [];
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
        foreach (var block in blocks.OrderByDescending(b => b.Sum(w => Arithmetic.Value(c.Workloads[w].Demand.MemoryMib, c.Policy.Statistic))).ThenBy(b => b[0], StringComparer.Ordinal))
        {
            var target = added.Keys.FirstOrDefault(h => HostViolations(c, h, [.. byHost[h], .. added[h], .. block], failover: true, when: null).Count == 0);
            if (target is null)
            {
                unplaced.Add(block);
                continue;
            }

            added[target].AddRange(block);
            foreach (var w in block)
            {
                restarts[w] = target;
            }
        }

        return restarts;
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
}
