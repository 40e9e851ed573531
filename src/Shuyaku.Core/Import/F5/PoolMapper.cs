using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.F5;

/// <summary>A pool translated once: its method and members, or why it cannot serve.</summary>
internal sealed record MappedPool(string Method, IReadOnlyList<ImportedMember> Members, string? Unusable);

/// <summary>
/// Translates an F5 pool: load-balancing mode to method, members (disabled ones left out) to workloads of the estate
/// or addresses, ratios to weights, priority groups to backups. Every loss is a warning at the pool's or member's line.
/// </summary>
internal sealed class PoolMapper(string file, BigIpConfig config, WorkloadIndex workloads, List<Diagnostic> warnings)
{
    /// <summary>Lowest and highest weight of the access section.</summary>
    public const int MinWeight = 1, MaxWeight = 256;

    private readonly Dictionary<string, MappedPool> _done = new(StringComparer.Ordinal);

    /// <summary>The pool translated; each pool is translated (and warned about) once.</summary>
    public MappedPool Map(F5Object pool)
    {
        if (!_done.TryGetValue(pool.Name, out var mapped))
        {
            mapped = Translate(pool);
            _done[pool.Name] = mapped;
        }

        return mapped;
    }

    private MappedPool Translate(F5Object pool)
    {
        var mode = pool.Text("load-balancing-mode") ?? "round-robin";
        var (method, weights) = Method(pool, mode);
        var members = new List<(ImportedMember Member, int Group)>();
        foreach (var (name, body) in TmshBlocks.Names(pool.Get("members")?.Block))
        {
            if (Member(pool, name, body, weights) is { } m)
            {
                members.Add(m);
            }
        }

        if (members.Count == 0)
        {
            return new MappedPool(method, [], Texts.Format("import.f5.pool.no-member", pool.Name));
        }

        var minActive = int.TryParse(pool.Text("min-active-members"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var groups = members.Select(m => m.Group).Distinct().OrderDescending().ToList();
        if (minActive == 0 || groups.Count == 1)
        {
            return new MappedPool(method, [.. members.Select(m => m.Member)], null);
        }

        var top = groups[0];
        if (groups.Count > 2)
        {
            Warn(pool.Source.Header[0], Texts.Format("import.f5.pool.priority-groups", pool.Title, string.Join(", ", groups.Skip(1)), top));
        }

        if (minActive > 1)
        {
            Warn(pool.Get("min-active-members")!.Key, Texts.Format("import.f5.pool.min-active", pool.Title, minActive));
        }

        return new MappedPool(method, [.. members.Select(m => m.Member with { Backup = m.Group < top })], null);
    }

    /// <summary>The access method for an F5 load-balancing mode, and which ratio gives the weights (member, node or none).</summary>
    private (string Method, string? Weights) Method(F5Object pool, string mode)
    {
        var at = pool.Get("load-balancing-mode")?.Key ?? pool.Source.Header[0];
        switch (mode)
        {
            case "round-robin":
                return ("roundrobin", null);
            case "ratio-member":
                return ("roundrobin", "member");
            case "ratio-node":
                return ("roundrobin", "node");
            case "least-connections-member" or "least-connections-node":
                return ("leastconn", null);
            case "ratio-least-connections-member":
                return ("leastconn", "member");
            case "ratio-least-connections-node":
                return ("leastconn", "node");
            case "ratio-session":
                Warn(at, Texts.Format("import.f5.pool.ratio-session", pool.Title));
                return ("roundrobin", "member");
            case "weighted-least-connections-member" or "weighted-least-connections-node":
                Warn(at, Texts.Format("import.f5.pool.weighted-least", pool.Title, mode));
                return ("leastconn", null);
            default:
                var dynamic = mode.StartsWith("observed", StringComparison.Ordinal) || mode.StartsWith("predictive", StringComparison.Ordinal)
                    || mode.StartsWith("fastest", StringComparison.Ordinal) || mode.StartsWith("dynamic-ratio", StringComparison.Ordinal) || mode == "least-sessions";
                Warn(at, dynamic
                    ? Texts.Format("import.f5.pool.dynamic", pool.Title, mode)
                    : Texts.Format("import.f5.pool.unknown-mode", pool.Title, mode));
                return (dynamic ? "leastconn" : "roundrobin", null);
        }
    }

    private (ImportedMember, int Group)? Member(F5Object pool, TmshWord name, TmshBlock? body, string? weights)
    {
        var props = body is null ? [] : TmshBlocks.Properties(body);
        var what = Texts.Format("import.f5.member", pool.Title, name.Text);
        var endpoint = F5Endpoint.Parse(name.Text, out var error);
        if (endpoint is null)
        {
            Warn(name, Texts.Format("import.f5.member.bad-endpoint", what, error));
            return null;
        }

        var portText = name.Text[(name.Text.LastIndexOfAny([':', '.']) + 1)..];
        var node = config.Nodes.GetValueOrDefault(BigIpConfig.FullName(name.Text[..(name.Text.Length - portText.Length - 1)]));
        var nodeProps = node?.Properties ?? [];
        if (TmshBlocks.Has(props, "fqdn") && TmshBlocks.Get(props, "fqdn")!.Block is { } fq && TmshBlocks.Has(TmshBlocks.Properties(fq), "name")
            || node is not null && node.Has("fqdn"))
        {
            Warn(name, Texts.Format("import.f5.member.fqdn", what));
            return null;
        }

        var addressText = TmshBlocks.Get(props, "address")?.Text ?? node?.Text("address") ?? endpoint.Host;
        var (host, domain) = F5Endpoint.SplitRouteDomain(addressText, out _);
        if (F5Endpoint.ParseAddress(host) is not { } address)
        {
            Warn(name, Texts.Format("import.f5.member.no-address", what, BigIpConfig.FullName(endpoint.Host)));
            return null;
        }

        if (domain != 0)
        {
            Warn(name, Texts.Format("import.f5.member.route-domain", what, domain, address));
        }

        foreach (var (source, p) in new[] { ("member", props), ("node", nodeProps) })
        {
            var session = TmshBlocks.Get(p, "session")?.Text;
            var state = TmshBlocks.Get(p, "state")?.Text;
            if (session is "user-disabled" || state is "user-down")
            {
                var how = Texts.Get(state == "user-down" ? "import.f5.member.forced-offline" : "import.f5.member.disabled");
                Warn(name, Texts.Format("import.f5.member.down", what, source, how));
                return null;
            }

            if (TmshBlocks.Get(p, "connection-limit")?.Text is { } limit && limit != "0")
            {
                Warn(name, Texts.Format("import.f5.member.connection-limit", what, source, limit));
            }
        }

        if (TmshBlocks.Get(props, "monitor")?.Text is { } own && own != "default" && own != "none")
        {
            Warn(name, Texts.Format("import.f5.member.own-monitor", what, own));
        }

        var weight = 1;
        var ratioProps = weights == "node" ? nodeProps : props;
        var ratioText = TmshBlocks.Get(ratioProps, "ratio")?.Text;
        if (weights is not null && ratioText is { Length: > 0 } && ratioText.All(char.IsAsciiDigit))
        {
            // A ratio too long for a long is still a ratio above 256.
            var ratio = long.TryParse(ratioText, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : long.MaxValue;
            weight = (int)Math.Clamp(ratio, MinWeight, MaxWeight);
            if (weight != ratio)
            {
                Warn(name, Texts.Format("import.f5.member.ratio-outside", what, ratioText, MinWeight, MaxWeight, weight));
            }
        }
        else if (weights is null && TmshBlocks.Get(props, "ratio")?.Text is { } unused && unused != "1")
        {
            Warn(name, Texts.Format("import.f5.member.ratio-unused", what, unused));
        }

        var group = int.TryParse(TmshBlocks.Get(props, "priority-group")?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
        var workload = workloads.Find(address, out var ambiguous);
        if (ambiguous is not null)
        {
            Warn(name, Texts.Format("import.f5.member.ambiguous", what, address, ambiguous));
        }
        else if (workload is null && workloads.Active)
        {
            Warn(name, Texts.Format("import.f5.member.unknown-address", what, address));
        }

        return (new ImportedMember(workload, workload is null ? address.ToString() : null, endpoint.Port, weight, false), group);
    }

    private void Warn(TmshNode at, string message) => warnings.Add(new Diagnostic(file, at.Line, at.Column, message));
}
