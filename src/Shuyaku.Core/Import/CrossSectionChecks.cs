using System.Globalization;
using Shuyaku.Core.Localization;
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
            n.Error(node, Texts.Format("estate.cross.site", what, site));
        }
    }

    /// <summary>The server a workload runs on; null if it names none, or one that is not declared (reported unless it was invalid).</summary>
    public Server? ServerOf(YamlNode? node, string what, string? serverId, Dictionary<string, Server> servers)
    {
        Server? server = null;
        if (serverId is not null && !servers.TryGetValue(serverId, out server) && !_invalidServers.Contains(serverId))
        {
            n.Error(node!, Texts.Format("estate.cross.server", what, serverId));
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
                n.Error(node, Texts.Format("estate.cross.cpu-share", what, F(highest * 100), server.Id));
                break;
            case CpuUnit.Cores when highest > hw.Cores + 1e-9:
                n.Error(node, Texts.Format("estate.cross.cpu-cores", what, F(highest), server.Id, hw.Cores));
                break;
            case CpuUnit.Ghz when highest > hw.Cores * hw.ClockGhz + 1e-9:
                n.Error(node, Texts.Format("estate.cross.cpu-ghz", what, F(highest), server.Id, F(hw.Cores * hw.ClockGhz), hw.Cores, F(hw.ClockGhz)));
                break;
        }
    }

    public void GroupExists(YamlNode node, string rule, string group, List<HostGroup> groups)
    {
        if (groups.All(g => g.Id != group))
        {
            n.Error(node, Texts.Format("estate.cross.group", rule, group));
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
            n.Error(node, Texts.Format("estate.cross.workload", rule, id));
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
                n.Error(_workloadNodes[ded], Texts.Format("estate.cross.dedicated-gathered", ded, string.Join(", ", set.Where(w => w != ded).Select(w => $"'{w}'"))));
            }

            var zones = set.Select(w => workloads[w].Zone ?? "").Distinct().ToList();
            if (zones.Count > 1)
            {
                n.Error(_workloadNodes[set[0]], Texts.Format("estate.cross.gather-zones", string.Join(", ", set.Select(w => $"'{w}'")), string.Join(", ", zones.Select(z => z.Length == 0 ? Texts.Get("estate.cross.no-zone") : z))));
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
                        n.Error(_workloadNodes[g.First()], Texts.Format("estate.cross.spread-gathered", rule.Name, string.Join(Texts.Get("estate.cross.and"), g.Select(w => $"'{w}'"))));
                    }

                    break;
                case RuleKind.Lonely:
                    foreach (var w in rule.Workloads.Where(w => gathered.SetOf(w).Count > 1))
                    {
                        n.Error(_workloadNodes[w], Texts.Format("estate.cross.lonely-gathered", rule.Name, w));
                    }

                    break;
                case RuleKind.MaxPerHost:
                    var scope = rule.AppliesToAll ? workloads.Keys.ToHashSet(StringComparer.Ordinal) : rule.Workloads.ToHashSet(StringComparer.Ordinal);
                    foreach (var set in gathered.Sets)
                    {
                        var count = set.Count(scope.Contains);
                        if (count > rule.Limit)
                        {
                            n.Error(_workloadNodes[set[0]], Texts.Format("estate.cross.max-per-host", rule.Name, rule.Limit, count));
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
                n.Error(_workloadNodes[set[0]], Texts.Format(set.Count > 1 ? "estate.cross.fences-gathered" : "estate.cross.fences", set[0], string.Join(Texts.Get("estate.cross.and"), fences.Select(g => $"'{g}'"))));
            }

            var bans = grouped.Where(r => r.Kind == RuleKind.Ban && r.Workloads.Any(set.Contains)).Select(r => r.Group).ToHashSet();
            foreach (var g in fences.Where(bans.Contains))
            {
                n.Error(_workloadNodes[set[0]], Texts.Format("estate.cross.fence-ban", set[0], g));
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
