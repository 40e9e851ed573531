using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>
/// The checks that span sections: names that one section gives and another must declare, a workload's cpu against its
/// server, and rules that contradict each other or the workloads they name. The sections call them as they read, so
/// each error is found in the same order as the section's own.
/// </summary>
internal sealed class CrossSectionChecks(YamlNodes n)
{
    private readonly Dictionary<string, YamlNode> _workloadNodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourcePosition> _places = new(StringComparer.Ordinal);

    // Ids of entries that were declared but had errors of their own: naming them elsewhere is not a second mistake.
    private readonly HashSet<string> _invalidServers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _invalidWorkloads = new(StringComparer.Ordinal);

    /// <summary>Where each valid workload's entry starts, for the errors that name a workload after reading.</summary>
    public IReadOnlyDictionary<string, SourcePosition> WorkloadPositions =>
        _workloadNodes.ToDictionary(w => w.Key, w => YamlNodes.Position(w.Value), StringComparer.Ordinal);

    /// <summary>Where entries that checks after reading name are written (see <see cref="SourceMap.Place"/>).</summary>
    public IReadOnlyDictionary<string, SourcePosition> Places => _places;

    /// <summary>Where each valid server's subnet and ip are written, for the checks of the network sections.</summary>
    public Dictionary<string, (YamlNode? Subnet, YamlNode? Ip)> ServerAddressNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each valid workload's own ip is written.</summary>
    public Dictionary<string, YamlNode> WorkloadIpNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Records where the entry named <paramref name="path"/> is written; the first entry of a path wins.</summary>
    public void Place(string path, YamlNode node) => _places.TryAdd(path, YamlNodes.Position(node));

    public void InvalidServer(string id) => _invalidServers.Add(id);

    public void InvalidWorkload(string id) => _invalidWorkloads.Add(id);

    public void Workload(string id, YamlNode node) => _workloadNodes[id] = node;

    public void SiteExists(YamlNode node, string what, string site, List<Site> sites)
    {
        if (sites.All(s => s.Id != site))
        {
            n.Error(node, $"{what} names site '{site}', which is not among the sites: add it under 'sites' or fix the name");
        }
    }

    /// <summary>The server a workload runs on; null if it names none, or one that is not declared (reported unless it was invalid).</summary>
    public Server? ServerOf(YamlNode? node, string what, string? serverId, Dictionary<string, Server> servers)
    {
        Server? server = null;
        if (serverId is not null && !servers.TryGetValue(serverId, out server) && !_invalidServers.Contains(serverId))
        {
            n.Error(node!, $"{what} runs on server '{serverId}', which is not among the servers: add it under 'servers' or fix the name");
        }

        return server;
    }

    /// <summary>A measurement cannot exceed the machine it was taken on; more is a typo (150% for 15%), not a demand.</summary>
    public void CpuWithinServer(YamlNode node, string what, Server server, Measure cpu, CpuUnit unit)
    {
        var highest = new[] { cpu.Avg, cpu.P95, cpu.Peak }.Max() ?? 0;
        var hw = server.Hardware;
        string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        switch (unit)
        {
            case CpuUnit.ServerFraction when highest > 1 + 1e-9:
                n.Error(node, $"{what}'s cpu reaches {F(highest * 100)}% of its server '{server.Id}': a share of a server is at most 100%");
                break;
            case CpuUnit.Cores when highest > hw.Cores + 1e-9:
                n.Error(node, $"{what}'s cpu reaches {F(highest)} cores, but its server '{server.Id}' has {hw.Cores}");
                break;
            case CpuUnit.Ghz when highest > hw.Cores * hw.ClockGhz + 1e-9:
                n.Error(node, $"{what}'s cpu reaches {F(highest)} GHz, but its server '{server.Id}' has {F(hw.Cores * hw.ClockGhz)} GHz ({hw.Cores} cores × {F(hw.ClockGhz)} GHz)");
                break;
        }
    }

    public void GroupExists(YamlNode node, string rule, string group, List<HostGroup> groups)
    {
        if (groups.All(g => g.Id != group))
        {
            n.Error(node, $"{rule} names host group '{group}', which is not among the hostGroups: add it or fix the name");
        }
    }

    /// <summary>Whether a rule may keep workload <paramref name="id"/>: it must be declared (an undeclared one is reported unless it was invalid).</summary>
    public bool WorkloadExists(YamlNode node, string rule, string id, Dictionary<string, Workload> known)
    {
        if (known.ContainsKey(id))
        {
            return true;
        }

        if (!_invalidWorkloads.Contains(id))
        {
            n.Error(node, $"{rule} names workload '{id}', which does not exist: fix the name or remove it");
        }

        return false;
    }

    /// <summary>Rules that no placement can satisfy together, each reported at the first workload of the set they meet in.</summary>
    public void Contradictions(List<Rule> rules, Dictionary<string, Workload> workloads)
    {
        var gathered = new GatheredSets(workloads.Keys, rules);
        GatheredConflicts(gathered, workloads);
        RuleConflicts(gathered, rules, workloads);
        GroupConflicts(gathered, rules);
    }

    private void GatheredConflicts(GatheredSets gathered, Dictionary<string, Workload> workloads)
    {
        foreach (var set in gathered.Sets.Where(s => s.Count > 1))
        {
            var ded = set.FirstOrDefault(w => workloads[w].Dedicated);
            if (ded is not null)
            {
                n.Error(_workloadNodes[ded], $"workload '{ded}' is dedicated (a bare-metal host of its own) but a gather rule puts it with {string.Join(", ", set.Where(w => w != ded).Select(w => $"'{w}'"))}: remove one of the two");
            }

            var zones = set.Select(w => workloads[w].Zone ?? "").Distinct().ToList();
            if (zones.Count > 1)
            {
                n.Error(_workloadNodes[set[0]], $"gather rules put {string.Join(", ", set.Select(w => $"'{w}'"))} on one host, but they are in different zones ({string.Join(", ", zones.Select(z => z.Length == 0 ? "(none)" : z))}): zones never share a host");
            }
        }
    }

    private void RuleConflicts(GatheredSets gathered, List<Rule> rules, Dictionary<string, Workload> workloads)
    {
        foreach (var rule in rules)
        {
            switch (rule.Kind)
            {
                case RuleKind.Spread:
                    foreach (var g in rule.Workloads.GroupBy(gathered.Find, StringComparer.Ordinal).Where(g => g.Count() > 1))
                    {
                        n.Error(_workloadNodes[g.First()], $"spread rule '{rule.Name}' puts {string.Join(" and ", g.Select(w => $"'{w}'"))} on distinct hosts, but gather rules put them on one host: remove one of the rules");
                    }

                    break;
                case RuleKind.Lonely:
                    foreach (var w in rule.Workloads.Where(w => gathered.SetOf(w).Count > 1))
                    {
                        n.Error(_workloadNodes[w], $"lonely rule '{rule.Name}' keeps '{w}' alone on its host, but a gather rule puts it with others: remove one of the rules");
                    }

                    break;
                case RuleKind.MaxPerHost:
                    var scope = rule.AppliesToAll ? workloads.Keys.ToHashSet(StringComparer.Ordinal) : rule.Workloads.ToHashSet(StringComparer.Ordinal);
                    foreach (var set in gathered.Sets)
                    {
                        var count = set.Count(scope.Contains);
                        if (count > rule.Limit)
                        {
                            n.Error(_workloadNodes[set[0]], $"maxPerHost rule '{rule.Name}' allows {rule.Limit} per host, but gather rules put {count} of its workloads on one host: raise the limit or split the gather rule");
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>A workload fenced to two groups, or fenced to and banned from the same group, cannot be placed.</summary>
    private void GroupConflicts(GatheredSets gathered, List<Rule> rules)
    {
        // Only the sets that hold a fenced or banned workload can conflict: look at those alone, not every rule for every set.
        var grouped = rules.Where(r => r.Kind is RuleKind.Fence or RuleKind.Ban).ToList();
        if (grouped.Count == 0)
        {
            return;
        }

        var named = grouped.SelectMany(r => r.Workloads).ToHashSet(StringComparer.Ordinal);
        foreach (var set in gathered.Sets.Where(s => s.Any(named.Contains)))
        {
            var fences = grouped.Where(r => r.Kind == RuleKind.Fence && r.Workloads.Any(set.Contains)).Select(r => r.Group).Distinct().ToList();
            if (fences.Count > 1)
            {
                n.Error(_workloadNodes[set[0]], $"'{set[0]}'{(set.Count > 1 ? " and the workloads gathered with it" : "")} are fenced to host groups {string.Join(" and ", fences.Select(g => $"'{g}'"))} at once; a host is in one group: keep one fence");
            }

            var bans = grouped.Where(r => r.Kind == RuleKind.Ban && r.Workloads.Any(set.Contains)).Select(r => r.Group).ToHashSet();
            foreach (var g in fences.Where(bans.Contains))
            {
                n.Error(_workloadNodes[set[0]], $"'{set[0]}' is both fenced to and banned from host group '{g}': remove one of the rules");
            }
        }
    }

    /// <summary>Gather rules chain: workloads gathered directly or through others must share one host, so they form one set.</summary>
    private sealed class GatheredSets
    {
        private readonly Dictionary<string, string> _parent;
        private readonly Dictionary<string, List<string>> _members;

        public GatheredSets(IEnumerable<string> workloads, List<Rule> rules)
        {
            var keys = workloads.ToList();
            _parent = keys.ToDictionary(k => k, k => k, StringComparer.Ordinal);
            foreach (var rule in rules.Where(r => r.Kind == RuleKind.Gather))
            {
                foreach (var w in rule.Workloads.Skip(1))
                {
                    _parent[Find(w)] = Find(rule.Workloads[0]);
                }
            }

            _members = keys.GroupBy(Find, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        }

        /// <summary>Every set, each in the order its workloads were declared, in the order of their roots.</summary>
        public IEnumerable<List<string>> Sets => _members.Values;

        public string Find(string x) => _parent[x] == x ? x : _parent[x] = Find(_parent[x]);

        public List<string> SetOf(string workload) => _members[Find(workload)];
    }
}
