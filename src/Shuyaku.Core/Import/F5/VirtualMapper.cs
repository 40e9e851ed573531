using System.Globalization;
using System.Net.Sockets;
using Shuyaku.Core.Diagnostics;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// Translates one F5 virtual server into a virtual service: destination to address and port, profiles and port to
/// protocol, persistence, connection limit, and its pool through <see cref="PoolMapper"/> and <see cref="CheckMapper"/>.
/// A virtual server that cannot be a service (forwarding, wildcard, no pool, disabled) is skipped with its reason.
/// </summary>
internal sealed class VirtualMapper(string file, BigIpConfig config, PoolMapper pools, CheckMapper checks, List<Diagnostic> warnings)
{
    /// <summary>Profile types whose function is not carried, with what is lost.</summary>
    private static readonly Dictionary<string, string> Lost = new(StringComparer.Ordinal)
    {
        ["server-ssl"] = "re-encryption to the members (server-ssl) is not carried: traffic is passed through, so the members must speak TLS",
        ["websecurity"] = "the web application firewall (ASM) is not carried",
        ["web-security"] = "the web application firewall (ASM) is not carried",
        ["http-compression"] = "HTTP compression is not carried",
        ["web-acceleration"] = "web acceleration (caching) is not carried",
        ["rewrite"] = "URI rewriting is not carried",
        ["ftp"] = "the FTP profile (data channels) is not carried",
        ["sip"] = "the SIP profile is not carried",
        ["access"] = "access policy (APM) is not carried",
        ["ntlm"] = "NTLM connection pooling is not carried",
        ["stream"] = "stream (content rewriting) is not carried",
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
                return (null, flag == "disabled" ? "disabled on the BIG-IP" : $"'{flag}': the virtual server forwards, rejects or relays traffic; it balances no pool");
            }
        }

        if (v.Text("destination") is not { } destination)
        {
            return (null, "has no destination");
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
                return (null, $"destination {destination} names no address (no virtual-address {BigIpConfig.FullName(endpoint.Host)} with one)");
            }
        }

        if (endpoint.IsWildcard || address!.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
        {
            return (null, $"wildcard destination {destination}: a forwarding virtual server, not a service");
        }

        if (endpoint.Port == 0)
        {
            return (null, $"listens on every port ({destination}); a virtual service needs its port");
        }

        if (v.Text("mask") is { } mask && mask is not ("255.255.255.255" or "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" or "none"))
        {
            return (null, $"a network virtual server (mask {mask}) serves a range of addresses, not one");
        }

        var transport = v.Text("ip-protocol") ?? "tcp";
        if (transport is not ("tcp" or "udp"))
        {
            return (null, $"ip-protocol {transport} is neither TCP nor UDP");
        }

        if (v.Text("pool") is not { } poolName || poolName == "none")
        {
            return (null, "has no default pool: its traffic is forwarded, rejected or sent to a pool chosen by an iRule");
        }

        if (!config.Pools.TryGetValue(BigIpConfig.FullName(poolName), out var pool))
        {
            return (null, $"its pool {BigIpConfig.FullName(poolName)} is not defined in this file");
        }

        var mapped = pools.Map(pool);
        if (mapped.Unusable is not null)
        {
            return (null, mapped.Unusable);
        }

        var at = v.Source.Header[0];
        if (domain != 0)
        {
            Warn(at, $"{v.Title}: route domain {domain} dropped; the address {address} is served in the balancers' routing table");
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
            Warn(v.Source.Header[0], $"{v.Title}: TLS offload ({name}) is not carried: the service is HTTPS pass-through, so the members must terminate TLS themselves");
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
            Warn(rule, $"{v.Title}: iRule {BigIpConfig.FullName(rule.Text)} is not translated (Tcl has no equivalent); the service works without it");
        }

        foreach (var (policy, _) in TmshBlocks.Names(v.Get("policies")?.Block))
        {
            Warn(policy, $"{v.Title}: local traffic policy {BigIpConfig.FullName(policy.Text)} is not carried");
        }

        foreach (var (name, type) in Profiles(v))
        {
            if (type is not null && Lost.TryGetValue(type, out var what))
            {
                Warn(at, $"{v.Title}: profile {name}: {what}");
            }
            else if (type is null)
            {
                Warn(at, $"{v.Title}: profile {name} is not defined in this file and not a built-in one; whatever it does is not carried");
            }
        }

        if (v.Text("source") is { } source && source is not ("0.0.0.0/0" or "::/0" or "0.0.0.0%0/0"))
        {
            Warn(at, $"{v.Title}: only clients from {source} were accepted; the service accepts every source");
        }

        var snat = v.Get("source-address-translation")?.Block is { } b ? TmshBlocks.Properties(b) : [];
        var snatType = TmshBlocks.Get(snat, "type")?.Text ?? (v.Text("snat") == "automap" ? "automap" : v.Text("snatpool") is not null ? "snat" : "none");
        if (snatType == "snat")
        {
            var poolName = TmshBlocks.Get(snat, "pool")?.Text ?? v.Text("snatpool");
            Warn(at, $"{v.Title}: SNAT pool {poolName} is not carried; members see the balancer's own address");
        }
        else if (snatType != "automap" && protocol is not ("ntp" or "radius" or "udp" or "dns"))
        {
            Warn(at, $"{v.Title}: without SNAT the members saw the clients' addresses; through the proxy they see the balancer's");
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
            Warn(v.Get("fallback-persistence")!.Key, $"{v.Title}: fallback persistence {fallback} is not carried");
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
                    Warn(at, $"{v.Title}: persistence {name} never expires; the reader's default timeout applies");
                    return ("source", null);
                }

                return ("source", int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 180);
            case "cookie" when protocol == "http":
                return ("cookie", null);
            default:
                Warn(at, type == "cookie"
                    ? $"{v.Title}: cookie persistence {name} needs HTTP, and this is a {protocol} service; no persistence"
                    : $"{v.Title}: persistence {name} ({type ?? "type unknown"}) has no equivalent; no persistence");
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
