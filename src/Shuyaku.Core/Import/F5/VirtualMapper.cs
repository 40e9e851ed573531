using System.Globalization;
using System.Net.Sockets;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// Translates one F5 virtual server into a virtual service: destination to address and port, profiles and port to
/// protocol, persistence, connection limit, and its pool through <see cref="PoolMapper"/> and <see cref="CheckMapper"/>.
/// A virtual server that cannot be a service (forwarding, wildcard, no pool, disabled) is skipped with its reason.
/// </summary>
internal sealed class VirtualMapper(string file, BigIpConfig config, PoolMapper pools, CheckMapper checks, List<Diagnostic> warnings)
{
    /// <summary>Profile types whose function is not carried, with the key of what is lost (<c>import.f5.lost.…</c>).</summary>
    private static readonly Dictionary<string, string> Lost = new(StringComparer.Ordinal)
    {
        ["server-ssl"] = "import.f5.lost.server-ssl",
        ["websecurity"] = "import.f5.lost.waf",
        ["web-security"] = "import.f5.lost.waf",
        ["http-compression"] = "import.f5.lost.compression",
        ["web-acceleration"] = "import.f5.lost.acceleration",
        ["rewrite"] = "import.f5.lost.rewrite",
        ["ftp"] = "import.f5.lost.ftp",
        ["sip"] = "import.f5.lost.sip",
        ["access"] = "import.f5.lost.access",
        ["ntlm"] = "import.f5.lost.ntlm",
        ["stream"] = "import.f5.lost.stream",
    };

    /// <summary>Profile types known by a built-in name in /Common.</summary>
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        ["http"] = "http", ["http-explicit"] = "http", ["http-transparent"] = "http", ["fastHTTP"] = "fasthttp",
        ["clientssl"] = "client-ssl", ["clientssl-secure"] = "client-ssl", ["clientssl-insecure-compatible"] = "client-ssl",
        ["serverssl"] = "server-ssl", ["serverssl-insecure-compatible"] = "server-ssl", ["dns"] = "dns", ["radiusLB"] = "radius",
        ["ftp"] = "ftp", ["sip"] = "sip", ["websecurity"] = "websecurity", ["httpcompression"] = "http-compression",
        ["wan-optimized-compression"] = "http-compression", ["webacceleration"] = "web-acceleration", ["stream"] = "stream",
        ["oneconnect"] = "one-connect", ["fastL4"] = "fastl4", ["tcp"] = "tcp", ["udp"] = "udp", ["udp_gtm_dns"] = "udp",
        ["udp_decrement_ttl"] = "udp", ["tcp-lan-optimized"] = "tcp", ["tcp-wan-optimized"] = "tcp", ["tcp-mobile-optimized"] = "tcp",
        ["f5-tcp-progressive"] = "tcp", ["f5-tcp-lan"] = "tcp", ["f5-tcp-wan"] = "tcp", ["f5-tcp-mobile"] = "tcp", ["mptcp-mobile-optimized"] = "tcp",
        ["stats"] = "statistics", ["ntlm"] = "ntlm",
    };

    /// <summary>The service, or null with the reason it cannot be one.</summary>
    public (ImportedService? Service, string? Skipped) Map(F5Object v)
    {
        foreach (var flag in new[] { "disabled", "ip-forward", "l2-forward", "reject", "internal", "dhcp-relay", "stateless" })
        {
            if (v.Has(flag))
            {
                return (null, flag == "disabled" ? Texts.Get("import.f5.virtual.disabled") : Texts.Format("import.f5.virtual.forwards", flag));
            }
        }

        if (v.Text("destination") is not { } destination)
        {
            return (null, Texts.Get("import.f5.virtual.no-destination"));
        }

        if (F5Endpoint.Parse(destination, out var error) is not { } endpoint)
        {
            return (null, error);
        }

        var address = endpoint.Address;
        var domain = endpoint.RouteDomain;
        if (address is null && !endpoint.IsWildcard)
        {
            var named = config.VirtualAddresses.GetValueOrDefault(BigIpConfig.FullName(endpoint.Host))?.Text("address");
            (var host, domain) = named is null ? ("", 0) : F5Endpoint.SplitRouteDomain(named, out _);
            address = F5Endpoint.ParseAddress(host);
            if (address is null)
            {
                return (null, Texts.Format("import.f5.virtual.no-address", destination, BigIpConfig.FullName(endpoint.Host)));
            }
        }

        if (endpoint.IsWildcard || address!.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
        {
            return (null, Texts.Format("import.f5.virtual.wildcard", destination));
        }

        if (endpoint.Port == 0)
        {
            return (null, Texts.Format("import.f5.virtual.every-port", destination));
        }

        if (v.Text("mask") is { } mask && mask is not ("255.255.255.255" or "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" or "none"))
        {
            return (null, Texts.Format("import.f5.virtual.network", mask));
        }

        var transport = v.Text("ip-protocol") ?? "tcp";
        if (transport is not ("tcp" or "udp"))
        {
            return (null, Texts.Format("import.f5.virtual.protocol", transport));
        }

        if (v.Text("pool") is not { } poolName || poolName == "none")
        {
            return (null, Texts.Get("import.f5.virtual.no-pool"));
        }

        if (!config.Pools.TryGetValue(BigIpConfig.FullName(poolName), out var pool))
        {
            return (null, Texts.Format("import.f5.virtual.pool-undefined", BigIpConfig.FullName(poolName)));
        }

        var mapped = pools.Map(pool);
        if (mapped.Unusable is not null)
        {
            return (null, mapped.Unusable);
        }

        var at = v.Source.Header[0];
        if (domain != 0)
        {
            Warn(at, Texts.Format("import.f5.virtual.route-domain", v.Title, domain, address));
        }

        var protocol = Protocol(v, transport, endpoint.Port);
        NotCarried(v, protocol);
        var (persistence, persistSeconds) = Persistence(v, protocol);
        var limit = v.Text("connection-limit") is { } l && int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (int?)null;
        var v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var service = new ImportedService
        {
            Id = "",
            Source = $"{v.Title} (line {v.Source.Line})",
            Line = v.Source.Line,
            Address = v6 ? null : address.ToString(),
            Address6 = v6 ? address.ToString() : null,
            Port = endpoint.Port,
            Protocol = protocol,
            Method = mapped.Method,
            PersistenceKind = persistence,
            PersistenceSeconds = persistSeconds,
            Members = [.. mapped.Members.Select(m => m.Port == 0 ? m with { Port = endpoint.Port } : m)],
            Check = checks.Map(pool, protocol),
            MaxConnections = limit,
            Pool = pool.Name,
        };
        return (service, null);
    }

    /// <summary>The protocol from the profiles (HTTP, client-SSL, DNS, RADIUS) and else from the port and transport.</summary>
    private string Protocol(F5Object v, string transport, int port)
    {
        var types = Profiles(v).Select(p => p.Type).ToHashSet(StringComparer.Ordinal);
        if (types.Contains("client-ssl"))
        {
            var name = Profiles(v).First(p => p.Type == "client-ssl").Name;
            Warn(v.Source.Header[0], Texts.Format("import.f5.virtual.tls-offload", v.Title, name));
            return "https";
        }

        if (types.Contains("http") || types.Contains("fasthttp"))
        {
            return "http";
        }

        if (types.Contains("dns"))
        {
            return "dns";
        }

        if (types.Contains("radius"))
        {
            return "radius";
        }

        return (transport, port) switch
        {
            (_, 53) => "dns",
            ("tcp", 443) => "https",
            ("tcp", 25) => "smtp",
            ("tcp", 110) => "pop3",
            ("tcp", 143) => "imap",
            ("udp", 123) => "ntp",
            ("udp", 1812 or 1645) => "radius",
            ("tcp", _) => "tcp",
            _ => "udp",
        };
    }

    /// <summary>Warnings for iRules, policies, profiles whose function is lost, source restrictions and SNAT.</summary>
    private void NotCarried(F5Object v, string protocol)
    {
        var at = v.Source.Header[0];
        foreach (var (rule, _) in TmshBlocks.Names(v.Get("rules")?.Block))
        {
            Warn(rule, Texts.Format("import.f5.virtual.irule", v.Title, BigIpConfig.FullName(rule.Text)));
        }

        foreach (var (policy, _) in TmshBlocks.Names(v.Get("policies")?.Block))
        {
            Warn(policy, Texts.Format("import.f5.virtual.policy", v.Title, BigIpConfig.FullName(policy.Text)));
        }

        foreach (var (name, type) in Profiles(v))
        {
            if (type is not null && Lost.TryGetValue(type, out var what))
            {
                Warn(at, Texts.Format("import.f5.virtual.profile-lost", v.Title, name, Texts.Get(what)));
            }
            else if (type is null)
            {
                Warn(at, Texts.Format("import.f5.virtual.profile-unknown", v.Title, name));
            }
        }

        if (v.Text("source") is { } source && source is not ("0.0.0.0/0" or "::/0" or "0.0.0.0%0/0"))
        {
            Warn(at, Texts.Format("import.f5.virtual.source", v.Title, source));
        }

        var snat = v.Get("source-address-translation")?.Block is { } b ? TmshBlocks.Properties(b) : [];
        var snatType = TmshBlocks.Get(snat, "type")?.Text ?? (v.Text("snat") == "automap" ? "automap" : v.Text("snatpool") is not null ? "snat" : "none");
        if (snatType == "snat")
        {
            var poolName = TmshBlocks.Get(snat, "pool")?.Text ?? v.Text("snatpool");
            Warn(at, Texts.Format("import.f5.virtual.snat-pool", v.Title, poolName));
        }
        else if (snatType != "automap" && protocol is not ("ntp" or "radius" or "udp" or "dns"))
        {
            Warn(at, Texts.Format("import.f5.virtual.no-snat", v.Title));
        }
    }

    /// <summary>The virtual's profiles with their types (from their definitions, else the built-in names; null when unknown).</summary>
    private List<(string Name, string? Type)> Profiles(F5Object v) =>
        [.. TmshBlocks.Names(v.Get("profiles")?.Block).Select(p => BigIpConfig.FullName(p.Name.Text))
            .Select(n => (n, config.Profiles.TryGetValue(n, out var p) ? p.Type : n.StartsWith("/Common/", StringComparison.Ordinal) ? BuiltIn.GetValueOrDefault(BigIpConfig.Leaf(n)) : null))];

    /// <summary>The default persistence profile as kind and timeout; others warned about.</summary>
    private (string? Kind, int? Seconds) Persistence(F5Object v, string protocol)
    {
        var at = v.Get("persist")?.Key ?? v.Source.Header[0];
        if (v.Text("fallback-persistence") is { } fallback && fallback != "none")
        {
            Warn(v.Get("fallback-persistence")!.Key, Texts.Format("import.f5.virtual.fallback", v.Title, fallback));
        }

        var persist = TmshBlocks.Names(v.Get("persist")?.Block);
        if (persist.Count == 0)
        {
            return (null, null);
        }

        var chosen = persist.FirstOrDefault(p => p.Body is { } b && TmshBlocks.Get(TmshBlocks.Properties(b), "default")?.Text == "yes");
        var name = BigIpConfig.FullName((chosen.Name ?? persist[0].Name).Text);
        var (type, timeout) = PersistenceType(name);
        switch (type)
        {
            case "source-addr":
                if (timeout == "indefinite" || timeout == "0")
                {
                    Warn(at, Texts.Format("import.f5.virtual.never-expires", v.Title, name));
                    return ("source", null);
                }

                return ("source", int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 180);
            case "cookie" when protocol == "http":
                return ("cookie", null);
            default:
                Warn(at, type == "cookie"
                    ? Texts.Format("import.f5.virtual.cookie-not-http", v.Title, name, protocol)
                    : Texts.Format("import.f5.virtual.persistence-none", v.Title, name, type ?? Texts.Get("import.f5.virtual.type-unknown")));
                return (null, null);
        }
    }

    /// <summary>A persistence profile's type and timeout, along its defaults-from chain (source_addr's is 180 s).</summary>
    private (string? Type, string? Timeout) PersistenceType(string name)
    {
        string? timeout = null;
        for (var (n, steps) = (name, 0); steps < 16; steps++)
        {
            if (config.Persistence.TryGetValue(n, out var p))
            {
                timeout ??= p.Text("timeout");
                if (p.Text("defaults-from") is { } parent && parent != "none" && BigIpConfig.FullName(parent) != n)
                {
                    n = BigIpConfig.FullName(parent);
                    continue;
                }

                return (p.Type, timeout);
            }

            var type = n switch
            {
                "/Common/source_addr" => "source-addr",
                "/Common/cookie" => "cookie",
                "/Common/dest_addr" => "dest-addr",
                "/Common/hash" => "hash",
                "/Common/msrdp" => "msrdp",
                "/Common/sip_info" => "sip",
                "/Common/ssl" => "ssl",
                "/Common/universal" => "universal",
                _ => null,
            };
            return (type, timeout ?? (type == "source-addr" ? "180" : null));
        }

        return (null, timeout);
    }

    private void Warn(TmshNode at, string message) => warnings.Add(new Diagnostic(file, at.Line, at.Column, message));
}
