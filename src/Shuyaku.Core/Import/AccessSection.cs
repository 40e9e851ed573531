using System.Globalization;
using System.Net;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>
/// Reads the 'access' section: the balancer pair, its VRRP settings and the virtual services with their members,
/// checks, persistence and abuse limits. Every value that reaches a daemon's configuration is read in a safe alphabet.
/// </summary>
internal sealed class AccessSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxId = 63;
    private const int Day = 86_400_000;

    public AccessLayer? Read(YamlNode? node, List<Site> sites, List<Workload> workloads, Dictionary<string, Server> servers)
    {
        var f = n.Mapping(node, "the access section", "balancers", "vrrp", "services");
        if (f is null)
        {
            return null;
        }

        var balancers = Balancers(f.Required("balancers"), sites);
        var vrrp = Vrrp(f.Required("vrrp"));
        var byId = new Dictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var w in workloads)
        {
            byId.TryAdd(w.Id, w);
        }

        var services = Services(f["services"], byId, servers);
        return balancers is null || vrrp is null ? null : new AccessLayer { Balancers = balancers, Vrrp = vrrp, Services = services };
    }

    private List<Balancer>? Balancers(YamlNode? node, List<Site> sites)
    {
        if (node is null)
        {
            return null;
        }

        var items = n.Sequence(node, "access's balancers");
        var list = new List<Balancer>();
        var ids = new UniqueIds(n, "balancer");
        foreach (var item in items)
        {
            var f = n.Mapping(item, "a balancer", "id", "site", "address", "priority");
            if (f is null)
            {
                continue;
            }

            var id = Id(f.Required("id"), "a balancer's id");
            var what = id is null ? "a balancer" : $"balancer '{id}'";
            var site = n.Text(f.Required("site"), $"{what}'s site");
            if (site is not null)
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var address = n.Address(f.Required("address"), $"{what}'s address");
            var priority = n.Integer(f.Required("priority"), $"{what}'s priority", 1, 254);
            if (address is not null && list.FirstOrDefault(b => b.Address == address) is { } same)
            {
                n.Error(f["address"]!, $"{what}'s address {address} is balancer '{same.Id}''s too: each node has its own address");
            }
            else if (priority is not null && list.FirstOrDefault(b => b.Priority == priority) is { } tie)
            {
                n.Error(f["priority"]!, $"{what}'s priority {priority} is balancer '{tie.Id}''s too: give the master the higher priority");
            }
            else if (ids.Add(id, f.Node) && site is not null && address is not null && priority is not null)
            {
                list.Add(new Balancer(id!, site, address, priority.Value));
            }
        }

        if (node is YamlSequenceNode && items.Count != 2)
        {
            n.Error(node, $"access has {items.Count} balancer{(items.Count == 1 ? "" : "s")}: write exactly two, the VRRP pair that holds every virtual address");
            return null;
        }

        return list.Count == 2 ? list : null;
    }

    private Vrrp? Vrrp(YamlNode? node)
    {
        var f = n.Mapping(node, "access's vrrp", "routerId", "interface", "advertInterval");
        if (f is null)
        {
            return null;
        }

        var routerId = n.Integer(f.Required("routerId"), "the vrrp routerId", 1, 255);
        var iface = n.Text(f["interface"], "the vrrp interface") ?? "eth0";
        if (iface.Length is 0 or > 15 || !iface.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            n.Error(f["interface"]!, $"the vrrp interface '{Shown(iface)}' is not an interface name: 1–15 letters, digits, '.', '_' or '-'");
            return null;
        }

        var interval = Duration(f["advertInterval"], "the vrrp advertInterval", 10, 40_950) ?? 1000;
        if (interval % 10 != 0)
        {
            n.Error(f["advertInterval"]!, $"the vrrp advertInterval is {interval}ms: VRRP counts in hundredths of a second, so give a multiple of 10ms");
            return null;
        }

        return routerId is null ? null : new Vrrp(routerId.Value, iface, interval);
    }

    private List<VirtualService> Services(YamlNode? node, Dictionary<string, Workload> workloads, Dictionary<string, Server> servers)
    {
        var list = new List<VirtualService>();
        var ids = new UniqueIds(n, "service");
        var listeners = new Dictionary<(IPAddress, int, bool Udp), (string Id, YamlNode Node)>();
        foreach (var item in n.Sequence(node, "access's services"))
        {
            var f = n.Mapping(item, "a virtual service", "id", "address", "address6", "ports", "protocol", "method", "persistence", "members",
                "check", "maxConnections", "abuse");
            if (f is null)
            {
                continue;
            }

            var id = Id(f.Required("id"), "a service's id");
            var what = id is null ? "a service" : $"service '{id}'";
            var address = n.Address(f["address"], $"{what}'s address");
            var address6 = n.Address(f["address6"], $"{what}'s address6", v6: true);
            if (!f.Has("address") && !f.Has("address6"))
            {
                n.Error(f.Node, $"{what} has no virtual address: give address (IPv4), address6 (IPv6) or both");
            }

            var ports = Ports(f.Required("ports"), what);
            var protocol = Enum<ServiceProtocol>(f.Required("protocol"), $"{what}'s protocol", "http, https, smtp, pop3, imap, tcp, dns, ntp, radius, udp");
            var method = Enum<BalanceMethod>(f["method"], $"{what}'s method", "roundrobin, leastconn, source") ?? BalanceMethod.RoundRobin;
            if (protocol == ServiceProtocol.Dns && method == BalanceMethod.Source)
            {
                n.Error(f["method"]!, $"{what} is dns, which dnsdist balances per query: method is roundrobin or leastconn");
            }

            var persistence = Persist(f["persistence"], what, protocol);
            var defaultPort = ports is { Count: > 0 } ? ports[0] : 1;
            var members = Members(f.Required("members"), what, defaultPort, workloads, servers);
            var check = protocol is null ? null : Check(f["check"], what, protocol.Value);
            var maxConnections = n.Integer(f["maxConnections"], $"{what}'s maxConnections", 1, 10_000_000);
            var abuse = protocol is null ? null : Abuse(f["abuse"], what, protocol.Value);
            if (maxConnections is not null && protocol is ServiceProtocol.Dns or ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp)
            {
                n.Warn(f["maxConnections"]!, $"{what} is {protocol.ToString()!.ToLowerInvariant()}: maxConnections limits TCP connections (HAProxy), so it is not applied to this service; abuse limits are");
            }

            if (protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp && method == BalanceMethod.Source && members?.Any(m => m.Backup) == true)
            {
                n.Error(f["method"]!, $"{what} balances UDP by source hash, which nginx cannot combine with backup members: use roundrobin or leastconn, or drop backup");
            }

            if (ids.Add(id, f.Node) && protocol is { } p && ports is not null)
            {
                var clash = false;
                foreach (var (text, key) in new[] { (address, "address"), (address6, "address6") })
                {
                    if (text is null)
                    {
                        continue;
                    }

                    foreach (var port in ports)
                    {
                        foreach (var udp in Transports(p))
                        {
                            if (listeners.TryGetValue((IPAddress.Parse(text), port, udp), out var other))
                            {
                                n.Error(f[key]!, $"{what} listens on {text} port {port}/{(udp ? "udp" : "tcp")}, as service '{other.Id}' (line {other.Node.Start.Line}) does: give one of them another address or port");
                                clash = true;
                            }
                            else
                            {
                                listeners[(IPAddress.Parse(text), port, udp)] = (id!, f.Node);
                            }
                        }
                    }
                }

                if (!clash && members is not null && check is not null && (address is not null || address6 is not null))
                {
                    references.Place($"service:{id}", f.Node);
                    list.Add(new VirtualService
                    {
                        Id = id!, Address = address, Address6 = address6, Ports = ports, Protocol = p, Method = method,
                        Persistence = persistence, Members = members, Check = check, MaxConnections = maxConnections, Abuse = abuse,
                    });
                }
            }
        }

        return list;
    }

    private static bool[] Transports(ServiceProtocol p) => p switch
    {
        ServiceProtocol.Dns => [true, false],
        ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp => [true],
        _ => [false],
    };

    private List<int>? Ports(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        var ports = new List<int>();
        foreach (var item in n.Sequence(node, $"{what}'s ports"))
        {
            if (n.Integer(item, $"a port of {what}", 1, 65535) is { } port)
            {
                if (ports.Contains(port))
                {
                    n.Error(item, $"{what} lists port {port} twice: keep one");
                    return null;
                }

                ports.Add(port);
            }
        }

        if (node is YamlSequenceNode && ports.Count == 0)
        {
            n.Error(node, $"{what} has no port: list one or more, such as [80]");
        }

        return ports.Count > 0 ? ports : null;
    }

    private Persistence? Persist(YamlNode? node, string what, ServiceProtocol? protocol)
    {
        var f = n.Mapping(node, $"{what}'s persistence", "kind", "timeout");
        if (f is null)
        {
            return null;
        }

        var kind = Enum<PersistenceKind>(f.Required("kind"), $"{what}'s persistence kind", "source, cookie");
        var timeout = Duration(f["timeout"], $"{what}'s persistence timeout", 1000, Day) ?? 1_800_000;
        if (kind == PersistenceKind.Cookie && protocol is not null and not ServiceProtocol.Http)
        {
            n.Error(f["kind"]!, $"{what} has cookie persistence, which only http services can carry: use kind: source");
            return null;
        }

        if (protocol == ServiceProtocol.Dns)
        {
            n.Error(f.Node, $"{what} is dns, which dnsdist balances per query: remove the persistence");
            return null;
        }

        return kind is null ? null : new Persistence(kind.Value, timeout);
    }

    private List<Member>? Members(YamlNode? node, string what, int defaultPort, Dictionary<string, Workload> workloads, Dictionary<string, Server> servers)
    {
        if (node is null)
        {
            return null;
        }

        var members = new List<Member>();
        var failed = false;
        foreach (var item in n.Sequence(node, $"{what}'s members"))
        {
            var f = n.Mapping(item, $"a member of {what}", "workload", "address", "port", "weight", "backup");
            if (f is null)
            {
                failed = true;
                continue;
            }

            var workloadId = n.Text(f["workload"], $"a member's workload in {what}");
            var written = f.Has("address") ? MemberAddress(f["address"]!, what) : null;
            string? address = written;
            if (workloadId is not null && !workloads.TryGetValue(workloadId, out var workload))
            {
                n.Error(f["workload"]!, $"{what} has member workload '{workloadId}', which is not among the workloads: fix the id or give an address instead");
                failed = true;
                continue;
            }

            if (workloadId is not null && address is null && !f.Has("address"))
            {
                var w = workloads[workloadId];
                address = w.Ip ?? servers.GetValueOrDefault(w.Server)?.Ip;
                if (address is null)
                {
                    n.Error(f["workload"]!, $"{what}'s member '{workloadId}' has no address: neither the workload nor its server has an ip; give the workload an ip or the member an address");
                    failed = true;
                    continue;
                }
            }
            else if (workloadId is null && !f.Has("address"))
            {
                n.Error(f.Node, $"a member of {what} names neither a workload nor an address: give one");
                failed = true;
                continue;
            }

            var port = n.Integer(f["port"], $"a member's port in {what}", 1, 65535);
            var weight = n.Integer(f["weight"], $"a member's weight in {what}", 1, 256);
            var backup = n.Boolean(f["backup"], $"a member's backup in {what}");
            if (address is null || (f.Has("port") && port is null) || (f.Has("weight") && weight is null) || (f.Has("backup") && backup is null))
            {
                failed = true;
                continue;
            }

            var member = new Member { Workload = workloadId, Address = address, Port = port ?? defaultPort, Weight = weight ?? 1, Backup = backup ?? false };
            if (members.Any(m => m.Address == member.Address && m.Port == member.Port))
            {
                n.Error(f.Node, $"{what} lists member {address} port {member.Port} twice: keep one");
                failed = true;
                continue;
            }

            members.Add(member);
        }

        if (node is YamlSequenceNode && !failed && members.All(m => m.Backup))
        {
            n.Error(node, $"{what} has no member that is not a backup: a backup serves only when a primary member is down, so add one without backup: true");
            return null;
        }

        return failed || members.Count == 0 ? null : members;
    }

    private string? MemberAddress(YamlNode node, string what)
    {
        var text = n.Text(node, $"a member's address in {what}");
        if (text is null)
        {
            return null;
        }

        if (IpText.V4(text) is null && IpText.V6(text) is null)
        {
            n.Error(node, $"a member's address in {what} '{Shown(text)}' is not an IPv4 or IPv6 address such as 10.10.1.11");
            return null;
        }

        return text;
    }

    private HealthCheck? Check(YamlNode? node, string what, ServiceProtocol protocol)
    {
        var byDefault = protocol switch
        {
            ServiceProtocol.Http => CheckKind.Http,
            ServiceProtocol.Smtp => CheckKind.Smtp,
            ServiceProtocol.Pop3 => CheckKind.Pop3,
            ServiceProtocol.Imap => CheckKind.Imap,
            ServiceProtocol.Tcp or ServiceProtocol.Https => CheckKind.Tcp,
            ServiceProtocol.Dns => CheckKind.Dns,
            _ => CheckKind.None,
        };
        if (node is null)
        {
            return new HealthCheck { Kind = byDefault };
        }

        var f = n.Mapping(node, $"{what}'s check", "kind", "path", "status", "name", "type", "interval", "timeout", "rise", "fall");
        if (f is null)
        {
            return null;
        }

        var kind = f.Has("kind") ? Enum<CheckKind>(f["kind"], $"{what}'s check kind", "http, smtp, pop3, imap, tcp, dns, none") : byDefault;
        if (kind is null)
        {
            return null;
        }

        var udp = protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp;
        var allowed = udp ? kind == CheckKind.None
            : protocol == ServiceProtocol.Dns ? kind is CheckKind.Dns or CheckKind.None
            : kind != CheckKind.Dns && (kind != CheckKind.Http || protocol == ServiceProtocol.Http);
        if (!allowed)
        {
            var p = protocol.ToString().ToLowerInvariant();
            n.Error(f["kind"]!, udp
                ? $"{what} is {p} over UDP, which has no active {Lower(kind.Value)} check: UDP members are watched passively, so write kind: none or leave check out"
                : protocol == ServiceProtocol.Dns
                    ? $"{what} is dns: its check kind is dns or none, not {Lower(kind.Value)}"
                    : $"{what} is {p}: a {Lower(kind.Value)} check does not fit it; use {Lower(byDefault)}, tcp or none");
            return null;
        }

        var path = n.Text(f["path"], $"{what}'s check path") ?? "/";
        if (path.Length is 0 or > 200 || path[0] != '/' || !path.All(c => char.IsAsciiLetterOrDigit(c) || "/._~-?=&%+".Contains(c, StringComparison.Ordinal)))
        {
            n.Error(f["path"]!, $"{what}'s check path '{Shown(path)}' must start with '/' and hold only letters, digits and / . _ ~ - ? = & % +");
            return null;
        }

        var name = n.Text(f["name"], $"{what}'s check name") ?? ".";
        if (name.Length is 0 or > 253 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            n.Error(f["name"]!, $"{what}'s check name '{Shown(name)}' is not a DNS name: letters, digits, '.' and '-'");
            return null;
        }

        var type = n.Text(f["type"], $"{what}'s check type") ?? "A";
        if (type is not ("A" or "AAAA" or "NS" or "SOA" or "MX" or "TXT" or "PTR" or "CNAME"))
        {
            n.Error(f["type"]!, $"{what}'s check type '{Shown(type)}' is not one of A, AAAA, NS, SOA, MX, TXT, PTR, CNAME");
            return null;
        }

        var status = n.Integer(f["status"], $"{what}'s check status", 100, 599) ?? 200;
        var interval = Duration(f["interval"], $"{what}'s check interval", 100, Day) ?? 2000;
        var timeout = Duration(f["timeout"], $"{what}'s check timeout", 10, Day) ?? Math.Min(1000, interval);
        var rise = n.Integer(f["rise"], $"{what}'s check rise", 1, 100) ?? 2;
        var fall = n.Integer(f["fall"], $"{what}'s check fall", 1, 100) ?? 3;
        return new HealthCheck
        {
            Kind = kind.Value, Path = path, Status = status, Name = name, Type = type, IntervalMs = interval, TimeoutMs = timeout,
            Rise = rise, Fall = fall,
        };
    }

    private AbuseLimits? Abuse(YamlNode? node, string what, ServiceProtocol protocol)
    {
        var f = n.Mapping(node, $"{what}'s abuse", "connectionRate", "concurrent", "requestRate", "ban");
        if (f is null)
        {
            return null;
        }

        var udp = protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp;
        var connections = RateOf(f["connectionRate"], $"{what}'s abuse connectionRate");
        var concurrent = n.Integer(f["concurrent"], $"{what}'s abuse concurrent", 1, 1_000_000);
        if (concurrent is not null && (udp || protocol == ServiceProtocol.Dns))
        {
            n.Error(f["concurrent"]!, $"{what} is {protocol.ToString().ToLowerInvariant()}, which has no connections to count: concurrent is for TCP services; use connectionRate");
        }

        var requests = RateOf(f["requestRate"], $"{what}'s abuse requestRate");
        if (requests is not null && protocol is not (ServiceProtocol.Http or ServiceProtocol.Dns))
        {
            n.Error(f["requestRate"]!, $"{what} is {protocol.ToString().ToLowerInvariant()}: requestRate counts HTTP requests or DNS queries; use connectionRate");
        }

        var ban = Duration(f["ban"], $"{what}'s abuse ban", 1000, Day) ?? 600_000;
        if (connections is null && concurrent is null && requests is null)
        {
            n.Error(f.Node, $"{what}'s abuse sets no limit: give connectionRate, concurrent or requestRate");
        }

        return new AbuseLimits { ConnectionRate = connections, Concurrent = concurrent, RequestRate = requests, BanMs = ban };
    }

    /// <summary>A rate written N/DURATION (20/10s), N 1–1,000,000 and the duration 1ms–24h.</summary>
    private Rate? RateOf(YamlNode? node, string what)
    {
        var text = n.Text(node, what);
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var count = slash > 0 && text[..slash].All(char.IsAsciiDigit) && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 0;
        var ok = Quantities.TryParse(slash < 0 ? "" : text[(slash + 1)..], QuantityKind.Duration, out var seconds, out _);
        var ms = seconds * 1000;
        if (count is < 1 or > 1_000_000 || !ok || ms < 1 || ms > Day || ms != Math.Floor(ms))
        {
            n.Error(node!, $"{what} '{Shown(text)}' is not a rate: write COUNT/DURATION, a count 1–1000000 per 1ms–24h in whole milliseconds, such as 20/10s");
            return null;
        }

        return new Rate(count, (int)ms);
    }

    /// <summary>A duration in whole milliseconds between <paramref name="minMs"/> and <paramref name="maxMs"/>.</summary>
    private int? Duration(YamlNode? node, string what, int minMs, int maxMs)
    {
        var seconds = n.Quantity(node, what, QuantityKind.Duration);
        if (seconds is null)
        {
            return null;
        }

        var ms = seconds.Value * 1000;
        if (ms < minMs || ms > maxMs || ms != Math.Floor(ms))
        {
            n.Error(node!, $"{what} must be whole milliseconds from {minMs}ms to {maxMs}ms");
            return null;
        }

        return (int)ms;
    }

    private string? Id(YamlNode? node, string what)
    {
        var id = n.Text(node, what);
        if (id is null)
        {
            return null;
        }

        if (!IsId(id))
        {
            n.Error(node!, $"{what} '{Shown(id)}' must be 1–{MaxId} characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit");
            return null;
        }

        return id;
    }

    /// <summary>Whether <paramref name="id"/> is in the access ids' alphabet.</summary>
    public static bool IsId(string id) =>
        id.Length is > 0 and <= MaxId && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    private T? Enum<T>(YamlNode? node, string what, string allowed)
        where T : struct, Enum
    {
        var text = n.Text(node, what);
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase) && text == text.ToLowerInvariant())
            {
                return value;
            }
        }

        n.Error(node!, $"{what} '{Shown(text)}' is not one of {allowed}");
        return null;
    }

    private static string Lower(CheckKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Text as it may be shown in a message: control characters as \uXXXX, at most 60 characters.</summary>
    private static string Shown(string text)
    {
        var s = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return s.Length > 60 ? s[..60] + "…" : s;
    }
}
