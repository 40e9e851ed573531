using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'rules' section: one placement rule per list entry, each naming workloads and, for fence and ban, a host group.</summary>
internal sealed class RuleSection(YamlNodes n, CrossSectionChecks references)
{
    private static readonly string[] Kinds = ["spread", "gather", "fence", "ban", "lonely", "maxPerHost"];

    public List<Rule> Read(YamlNode? node, List<Workload> workloads, List<HostGroup> groups)
    {
        var rules = new List<Rule>();
        var known = workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var index = 0;
        foreach (var item in n.Sequence(node, "rules"))
        {
            index++;
            if (Rule(item, index, known, groups) is { } rule)
            {
                rules.Add(rule);
            }
        }

        references.Contradictions(rules, known);
        return rules;
    }

    private Rule? Rule(YamlNode item, int index, Dictionary<string, Workload> known, List<HostGroup> groups)
    {
        var f = n.Mapping(item, T("estate.what.a-rule"), Kinds);
        if (f is null)
        {
            return null;
        }

        var kinds = Kinds.Where(f.Has).ToList();
        if (kinds.Count != 1)
        {
            if (kinds.Count > 1)
            {
                n.Error(item, F("estate.rule.kinds", index, kinds.Count, string.Join(", ", kinds)));
            }
            else if (item is YamlMappingNode { Children.Count: 0 })
            {
                n.Error(item, F("estate.rule.empty", index));
            }

            return null;
        }

        var kindName = kinds[0];
        var kind = kindName switch
        {
            "spread" => RuleKind.Spread,
            "gather" => RuleKind.Gather,
            "fence" => RuleKind.Fence,
            "ban" => RuleKind.Ban,
            "lonely" => RuleKind.Lonely,
            _ => RuleKind.MaxPerHost,
        };
        var label = F("estate.rule.label", kindName, index);
        var body = f[kindName]!;
        if (Body(body, kind, label, groups) is not { } parts)
        {
            return null;
        }

        var (ids, entries) = Workloads(parts.List, label, known);
        if (kind is RuleKind.Spread or RuleKind.Gather && parts.List is YamlSequenceNode && ids.Count < 2 && entries < 2)
        {
            n.Error(body, F("estate.rule.fewer-than-two", label));
        }

        return new Rule(kind, parts.Name ?? $"{kindName}-{index}", ids, parts.Group, parts.Limit);
    }

    /// <summary>What a rule's value holds besides its kind; null when the rule cannot be kept, which is reported.</summary>
    private RuleBody? Body(YamlNode body, RuleKind kind, string label, List<HostGroup> groups)
    {
        var parts = new RuleBody(null, null, 0, body);
        if (body is YamlMappingNode)
        {
            var keys = kind switch
            {
                RuleKind.Fence or RuleKind.Ban => new[] { "name", "workloads", "group" },
                RuleKind.MaxPerHost => ["name", "workloads", "limit"],
                _ => ["name", "workloads"],
            };
            var b = n.Mapping(body, label, keys);
            if (b is null)
            {
                return null;
            }

            parts = parts with
            {
                Name = n.Text(b["name"], Of(label, "name")),
                List = kind == RuleKind.MaxPerHost ? b["workloads"] : b.Required("workloads"),
            };
            if (kind is RuleKind.Fence or RuleKind.Ban)
            {
                parts = parts with { Group = n.Text(b.Required("group"), Of(label, "group")) };
                if (parts.Group is not null)
                {
                    references.GroupExists(b["group"]!, label, parts.Group, groups);
                }
            }

            if (kind == RuleKind.MaxPerHost)
            {
                parts = parts with { Limit = n.Integer(b.Required("limit"), Of(label, "limit"), 1) ?? 0 };
            }
        }
        else if (kind is RuleKind.Fence or RuleKind.Ban)
        {
            n.Error(body, F("estate.rule.needs-group", label));
            return null;
        }
        else if (kind == RuleKind.MaxPerHost)
        {
            parts = parts with { Limit = n.Integer(body, Of(label, "limit"), 1) ?? 0, List = null };
        }

        // A missing or invalid limit is reported; a rule without one would only cause follow-up errors.
        return kind == RuleKind.MaxPerHost && parts.Limit == 0 ? null : parts;
    }

    /// <summary>The workloads a rule names, each once, and how many entries its list had.</summary>
    private (List<string> Ids, int Entries) Workloads(YamlNode? list, string label, Dictionary<string, Workload> known)
    {
        var ids = new List<string>();
        var inRule = new HashSet<string>(StringComparer.Ordinal);
        var entries = n.IdList(list, Of(label, "workloads"));
        foreach (var (id, idNode) in entries)
        {
            if (!references.WorkloadExists(idNode, label, id, known))
            {
                continue;
            }

            if (!inRule.Add(id))
            {
                n.Error(idNode, F("estate.rule.twice", label, id));
            }
            else
            {
                ids.Add(id);
            }
        }

        return (ids, entries.Count);
    }

    private sealed record RuleBody(string? Name, string? Group, int Limit, YamlNode? List);
}
