using System.Globalization;
using System.Net;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using Shuyaku.Core.Localization;
using static Shuyaku.Core.Import.EstateWords;

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
        var f = n.Mapping(node, T("estate.what.access"), "balancers", "vrrp", "services");
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

        var items = n.Sequence(node, F("estate.access.part", "balancers"));
        var list = new List<Balancer>();
        var ids = new UniqueIds(n, T("estate.kind.balancer"));
        foreach (var item in items)
        {
            var f = n.Mapping(item, T("estate.what.a-balancer"), "id", "site", "address", "priority");
            if (f is null)
            {
                continue;
            }

            var id = Id(f.Required("id"), Of(T("estate.what.a-balancer"), "id"));
            var what = id is null ? T("estate.what.a-balancer") : F("estate.what.balancer", id);
            var site = n.Text(f.Required("site"), Of(what, "site"));
            if (site is not null)
            {
                references.SiteExists(f["site"]!, what, site, sites);
            }

            var address = n.Address(f.Required("address"), Of(what, "address"));
            var priority = n.Integer(f.Required("priority"), Of(what, "priority"), 1, 254);
            if (address is not null && list.FirstOrDefault(b => b.Address == address) is { } same)
            {
                n.Error(f["address"]!, F("estate.access.balancer-address", what, address, same.Id));
            }
            else if (priority is not null && list.FirstOrDefault(b => b.Priority == priority) is { } tie)
            {
                n.Error(f["priority"]!, F("estate.access.balancer-priority", what, priority, tie.Id));
            }
            else if (ids.Add(id, f.Node) && site is not null && address is not null && priority is not null)
            {
                list.Add(new Balancer(id!, site, address, priority.Value));
            }
        }

        if (node is YamlSequenceNode && items.Count != 2)
        {
            n.Error(node, Texts.Count("estate.access.balancers", items.Count, "0"));
            return null;
        }

        return list.Count == 2 ? list : null;
    }

    private Vrrp? Vrrp(YamlNode? node)
    {
        var f = n.Mapping(node, F("estate.access.part", "vrrp"), "routerId", "interface", "advertInterval");
        if (f is null)
        {
            return null;
        }

        var routerId = n.Integer(f.Required("routerId"), F("estate.access.vrrp", "routerId"), 1, 255);
        var iface = n.Text(f["interface"], F("estate.access.vrrp", "interface")) ?? "eth0";
        if (iface.Length is 0 or > 15 || !iface.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            n.Error(f["interface"]!, F("estate.access.vrrp-interface", Shown(iface)));
            return null;
        }

        var interval = Duration(f["advertInterval"], F("estate.access.vrrp", "advertInterval"), 10, 40_950) ?? 1000;
        if (interval % 10 != 0)
        {
            n.Error(f["advertInterval"]!, F("estate.access.vrrp-interval", interval));
            return null;
        }

        return routerId is null ? null : new Vrrp(routerId.Value, iface, interval);
    }

    private List<VirtualService> Services(YamlNode? node, Dictionary<string, Workload> workloads, Dictionary<string, Server> servers)
    {
        var list = new List<VirtualService>();
        var ids = new UniqueIds(n, T("estate.kind.service"));
        var listeners = new Dictionary<(IPAddress, int, bool Udp), (string Id, YamlNode Node)>();
        foreach (var item in n.Sequence(node, F("estate.access.part", "services")))
        {
            var f = n.Mapping(item, T("estate.what.a-virtual-service"), "id", "address", "address6", "ports", "protocol", "method", "persistence", "members",
                "check", "maxConnections", "abuse");
            if (f is null)
            {
                continue;
            }

            var id = Id(f.Required("id"), Of(T("estate.what.a-service"), "id"));
            var what = id is null ? T("estate.what.a-service") : F("estate.what.service", id);
            var address = n.Address(f["address"], Of(what, "address"));
            var address6 = n.Address(f["address6"], Of(what, "address6"), v6: true);
            if (!f.Has("address") && !f.Has("address6"))
            {
                n.Error(f.Node, F("estate.access.no-address", what));
            }

            var ports = Ports(f.Required("ports"), what);
            var protocol = Enum<ServiceProtocol>(f.Required("protocol"), Of(what, "protocol"), ["http", "https", "smtp", "pop3", "imap", "tcp", "dns", "ntp", "radius", "udp"]);
            var method = Enum<BalanceMethod>(f["method"], Of(what, "method"), ["roundrobin", "leastconn", "source"]) ?? BalanceMethod.RoundRobin;
            if (protocol == ServiceProtocol.Dns && method == BalanceMethod.Source)
            {
                n.Error(f["method"]!, F("estate.access.dns-method", what));
            }

            var persistence = Persist(f["persistence"], what, protocol);
            var defaultPort = ports is { Count: > 0 } ? ports[0] : 1;
            var members = Members(f.Required("members"), what, defaultPort, workloads, servers);
            var check = protocol is null ? null : Check(f["check"], what, protocol.Value);
            var maxConnections = n.Integer(f["maxConnections"], Of(what, "maxConnections"), 1, 10_000_000);
            var abuse = protocol is null ? null : Abuse(f["abuse"], what, protocol.Value);
            if (maxConnections is not null && protocol is ServiceProtocol.Dns or ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp)
            {
                n.Warn(f["maxConnections"]!, F("estate.access.max-connections-udp", what, protocol.ToString()!.ToLowerInvariant()));
            }

            if (protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp && method == BalanceMethod.Source && members?.Any(m => m.Backup) == true)
            {
                n.Error(f["method"]!, F("estate.access.udp-source-backup", what));
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
                                n.Error(f[key]!, F("estate.access.listen-clash", what, text, port, udp ? "udp" : "tcp", other.Id, other.Node.Start.Line));
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
        foreach (var item in n.Sequence(node, Of(what, "ports")))
        {
            if (n.Integer(item, F("estate.access.a-port", what), 1, 65535) is { } port)
            {
                if (ports.Contains(port))
                {
                    n.Error(item, F("estate.access.port-twice", what, port));
                    return null;
                }

                ports.Add(port);
            }
        }

        if (node is YamlSequenceNode && ports.Count == 0)
        {
            n.Error(node, F("estate.access.no-port", what));
        }

        return ports.Count > 0 ? ports : null;
    }

    private Persistence? Persist(YamlNode? node, string what, ServiceProtocol? protocol)
    {
        var f = n.Mapping(node, Of(what, "persistence"), "kind", "timeout");
        if (f is null)
        {
            return null;
        }

        var kind = Enum<PersistenceKind>(f.Required("kind"), F("estate.access.persistence", what, "kind"), ["source", "cookie"]);
        var timeout = Duration(f["timeout"], F("estate.access.persistence", what, "timeout"), 1000, Day) ?? 1_800_000;
        if (kind == PersistenceKind.Cookie && protocol is not null and not ServiceProtocol.Http)
        {
            n.Error(f["kind"]!, F("estate.access.cookie", what));
            return null;
        }

        if (protocol == ServiceProtocol.Dns)
        {
            n.Error(f.Node, F("estate.access.dns-persistence", what));
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
        foreach (var item in n.Sequence(node, Of(what, "members")))
        {
            var f = n.Mapping(item, F("estate.access.a-member", what), "workload", "address", "port", "weight", "backup");
            if (f is null)
            {
                failed = true;
                continue;
            }

            var workloadId = n.Text(f["workload"], F("estate.access.member-field", what, "workload"));
            var written = f.Has("address") ? MemberAddress(f["address"]!, what) : null;
            string? address = written;
            if (workloadId is not null && !workloads.TryGetValue(workloadId, out var workload))
            {
                n.Error(f["workload"]!, F("estate.access.member-workload", what, workloadId));
                failed = true;
                continue;
            }

            if (workloadId is not null && address is null && !f.Has("address"))
            {
                var w = workloads[workloadId];
                address = w.Ip ?? servers.GetValueOrDefault(w.Server)?.Ip;
                if (address is null)
                {
                    n.Error(f["workload"]!, F("estate.access.member-no-address", what, workloadId));
                    failed = true;
                    continue;
                }
            }
            else if (workloadId is null && !f.Has("address"))
            {
                n.Error(f.Node, F("estate.access.member-empty", what));
                failed = true;
                continue;
            }

            var port = n.Integer(f["port"], F("estate.access.member-field", what, "port"), 1, 65535);
            var weight = n.Integer(f["weight"], F("estate.access.member-field", what, "weight"), 1, 256);
            var backup = n.Boolean(f["backup"], F("estate.access.member-field", what, "backup"));
            if (address is null || (f.Has("port") && port is null) || (f.Has("weight") && weight is null) || (f.Has("backup") && backup is null))
            {
                failed = true;
                continue;
            }

            var member = new Member { Workload = workloadId, Address = address, Port = port ?? defaultPort, Weight = weight ?? 1, Backup = backup ?? false };
            if (members.Any(m => m.Address == member.Address && m.Port == member.Port))
            {
                n.Error(f.Node, F("estate.access.member-twice", what, address, member.Port));
                failed = true;
                continue;
            }

            members.Add(member);
        }

        if (node is YamlSequenceNode && !failed && members.All(m => m.Backup))
        {
            n.Error(node, F("estate.access.only-backups", what));
            return null;
        }

        return failed || members.Count == 0 ? null : members;
    }

    private string? MemberAddress(YamlNode node, string what)
    {
        var text = n.Text(node, F("estate.access.member-field", what, "address"));
        if (text is null)
        {
            return null;
        }

        if (IpText.V4(text) is null && IpText.V6(text) is null)
        {
            n.Error(node, F("estate.access.member-address", what, Shown(text)));
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

        var f = n.Mapping(node, Of(what, "check"), "kind", "path", "status", "name", "type", "interval", "timeout", "rise", "fall");
        if (f is null)
        {
            return null;
        }

        var kind = f.Has("kind") ? Enum<CheckKind>(f["kind"], F("estate.access.check", what, "kind"), ["http", "smtp", "pop3", "imap", "tcp", "dns", "none"]) : byDefault;
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
                ? F("estate.access.check-udp", what, p, Lower(kind.Value))
                : protocol == ServiceProtocol.Dns
                    ? F("estate.access.check-dns", what, Lower(kind.Value))
                    : F("estate.access.check-misfit", what, p, Lower(kind.Value), Lower(byDefault)));
            return null;
        }

        var path = n.Text(f["path"], F("estate.access.check", what, "path")) ?? "/";
        if (path.Length is 0 or > 200 || path[0] != '/' || !path.All(c => char.IsAsciiLetterOrDigit(c) || "/._~-?=&%+".Contains(c, StringComparison.Ordinal)))
        {
            n.Error(f["path"]!, F("estate.access.check-path", what, Shown(path)));
            return null;
        }

        var name = n.Text(f["name"], F("estate.access.check", what, "name")) ?? ".";
        if (name.Length is 0 or > 253 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-'))
        {
            n.Error(f["name"]!, F("estate.access.check-name", what, Shown(name)));
            return null;
        }

        var type = n.Text(f["type"], F("estate.access.check", what, "type")) ?? "A";
        if (type is not ("A" or "AAAA" or "NS" or "SOA" or "MX" or "TXT" or "PTR" or "CNAME"))
        {
            n.Error(f["type"]!, F("estate.access.check-type", what, Shown(type)));
            return null;
        }

        var status = n.Integer(f["status"], F("estate.access.check", what, "status"), 100, 599) ?? 200;
        var interval = Duration(f["interval"], F("estate.access.check", what, "interval"), 100, Day) ?? 2000;
        var timeout = Duration(f["timeout"], F("estate.access.check", what, "timeout"), 10, Day) ?? Math.Min(1000, interval);
        var rise = n.Integer(f["rise"], F("estate.access.check", what, "rise"), 1, 100) ?? 2;
        var fall = n.Integer(f["fall"], F("estate.access.check", what, "fall"), 1, 100) ?? 3;
        return new HealthCheck
        {
            Kind = kind.Value, Path = path, Status = status, Name = name, Type = type, IntervalMs = interval, TimeoutMs = timeout,
            Rise = rise, Fall = fall,
        };
    }

    private AbuseLimits? Abuse(YamlNode? node, string what, ServiceProtocol protocol)
    {
        var f = n.Mapping(node, Of(what, "abuse"), "connectionRate", "concurrent", "requestRate", "ban");
        if (f is null)
        {
            return null;
        }

        var udp = protocol is ServiceProtocol.Ntp or ServiceProtocol.Radius or ServiceProtocol.Udp;
        var connections = RateOf(f["connectionRate"], F("estate.access.abuse", what, "connectionRate"));
        var concurrent = n.Integer(f["concurrent"], F("estate.access.abuse", what, "concurrent"), 1, 1_000_000);
        if (concurrent is not null && (udp || protocol == ServiceProtocol.Dns))
        {
            n.Error(f["concurrent"]!, F("estate.access.abuse-concurrent", what, protocol.ToString().ToLowerInvariant()));
        }

        var requests = RateOf(f["requestRate"], F("estate.access.abuse", what, "requestRate"));
        if (requests is not null && protocol is not (ServiceProtocol.Http or ServiceProtocol.Dns))
        {
            n.Error(f["requestRate"]!, F("estate.access.abuse-request-rate", what, protocol.ToString().ToLowerInvariant()));
        }

        var ban = Duration(f["ban"], F("estate.access.abuse", what, "ban"), 1000, Day) ?? 600_000;
        if (connections is null && concurrent is null && requests is null)
        {
            n.Error(f.Node, F("estate.access.abuse-none", what));
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
            n.Error(node!, F("estate.access.rate", what, Shown(text)));
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
            n.Error(node!, F("estate.access.duration", what, minMs, maxMs));
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
            n.Error(node!, F("estate.access.id", what, Shown(id), MaxId));
            return null;
        }

        return id;
    }

    /// <summary>Whether <paramref name="id"/> is in the access ids' alphabet.</summary>
    public static bool IsId(string id) =>
        id.Length is > 0 and <= MaxId && (char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0]))
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    private T? Enum<T>(YamlNode? node, string what, string[] allowed)
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

        n.Error(node!, F("estate.access.not-one-of", what, Shown(text), string.Join(", ", allowed)));
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
