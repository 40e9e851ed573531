using Shuyaku.Core.Import;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Tests.Import;

/// <summary>The 'access' section: the balancer pair, VRRP and the virtual services, each error at its line and column.</summary>
public sealed class AccessSectionTests
{
    /// <summary>An estate with a complete access section; tests change one line of it.</summary>
    internal const string Estate = """
        name: access
        sites:
          - { id: a, role: campus }
          - { id: dc, role: datacenter }
        subnets:
          - { prefix: 10.0.1.0/24, site: dc }
        servers:
          - { id: s1, site: a, ip: 10.1.1.11, subnet: 10.1.1.0/24, hardware: { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
          - { id: s2, site: a, hardware: { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
        workloads:
          - { id: web1, service: web, server: s1, demand: { cpu: 5%, memory: 256MiB } }
          - { id: web2, service: web, server: s1, ip: 10.1.1.12, demand: { cpu: 5%, memory: 256MiB } }
          - { id: lone, service: web, server: s2, demand: { cpu: 5%, memory: 256MiB } }
        catalog:
          - { id: m, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB }
        access:
          balancers:
            - { id: slb-1, site: dc, address: 10.0.0.11, priority: 150 }
            - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }
          vrrp: { routerId: 51, interface: eth0, advertInterval: 1s }
          services:
            - id: web
              address: 10.0.1.10
              ports: [80]
              protocol: http
              persistence: { kind: source, timeout: 30min }
              members:
                - { workload: web1, weight: 100 }
                - { workload: web2, weight: 50, port: 8080 }
                - { address: 10.10.1.99, backup: true }
              check: { kind: http, path: /health, status: 200, interval: 2s, timeout: 1s, rise: 2, fall: 3 }
              maxConnections: 10000
              abuse: { connectionRate: 20/10s, concurrent: 50, requestRate: 100/10s, ban: 10min }
            - id: ntp
              address: 10.0.1.123
              ports: [123]
              protocol: ntp
              members: [ { workload: web1 } ]
        """;

    private static List<string> Errors(string yaml) =>
        EstateReader.Read(yaml, "estate.yaml").Errors.Select(e => e.ToString()).ToList();

    private static string Changed(string from, string to)
    {
        Estate.ShouldContain(from);
        return Estate.Replace(from, to, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> Mistakes() => new()
    {
        { "      maxConnections: 10000", "      maxConnection: 10000", "estate.yaml:32:7: unknown key 'maxConnection' in a virtual service: did you mean 'maxConnections'?" },
        { "    - id: ntp\n", "    - id: NTP_1\n", "estate.yaml:34:11: a service's id 'NTP_1' must be 1–63 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit" },
        { "    - id: ntp\n", "    - id: web\n", "estate.yaml:34:7: service id 'web' is used twice: ids must be unique" },
        { "      address: 10.0.1.123\n      ports: [123]\n      protocol: ntp", "      address: 10.0.1.10\n      ports: [80]\n      protocol: tcp", "estate.yaml:35:16: service 'ntp' listens on 10.0.1.10 port 80/tcp, as service 'web' (line 22) does: give one of them another address or port" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: web9 } ]", "estate.yaml:38:30: service 'ntp' has member workload 'web9', which is not among the workloads: fix the id or give an address instead" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: lone } ]", "estate.yaml:38:30: service 'ntp''s member 'lone' has no address: neither the workload nor its server has an ip; give the workload an ip or the member an address" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: web1, backup: true } ]", "estate.yaml:38:16: service 'ntp' has no member that is not a backup: a backup serves only when a primary member is down, so add one without backup: true" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: web1 } ]\n      check: { kind: http }", "estate.yaml:39:22: service 'ntp' is ntp over UDP, which has no active http check: UDP members are watched passively, so write kind: none or leave check out" },
        { "weight: 50,", "weight: 300,", "estate.yaml:29:37: a member's weight in service 'web' is 300 but must be at most 256" },
        { "weight: 50,", "weight: 0,", "estate.yaml:29:37: a member's weight in service 'web' is 0 but must be at least 1" },
        { "interval: 2s", "interval: 2", "estate.yaml:31:66: service 'web''s check interval: '2' has no unit: write a duration with one of h, min, s, ms, for example '8h' or '15min'" },
        { "connectionRate: 20/10s", "connectionRate: 20 per 10s", "estate.yaml:33:32: service 'web''s abuse connectionRate '20 per 10s' is not a rate: write COUNT/DURATION, a count 1–1000000 per 1ms–24h in whole milliseconds, such as 20/10s" },
        { "ban: 10min", "ban: 10", "estate.yaml:33:83: service 'web''s abuse ban: '10' has no unit: write a duration with one of h, min, s, ms, for example '8h' or '15min'" },
        { "    - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }\n", "    - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }\n    - { id: slb-3, site: dc, address: 10.0.0.13, priority: 50 }\n", "estate.yaml:18:5: access has 3 balancers: write exactly two, the VRRP pair that holds every virtual address" },
        { "    - { id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }\n", "", "estate.yaml:18:5: access has 1 balancer: write exactly two, the VRRP pair that holds every virtual address" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: web1 } ]\n      abuse: { concurrent: 5 }", "estate.yaml:39:28: service 'ntp' is ntp, which has no connections to count: concurrent is for TCP services; use connectionRate" },
        { "members: [ { workload: web1 } ]", "members: [ { workload: web1 } ]\n      persistence: { kind: cookie }", "estate.yaml:39:28: service 'ntp' has cookie persistence, which only http services can carry: use kind: source" },
        { "protocol: ntp", "protocol: NTP", "estate.yaml:37:17: service 'ntp''s protocol 'NTP' is not one of http, https, smtp, pop3, imap, tcp, dns, ntp, radius, udp" },
        { "path: /health", "path: \"/he alth\"", "estate.yaml:31:34: service 'web''s check path '/he alth' must start with '/' and hold only letters, digits and / . _ ~ - ? = & % +" },
        { "interface: eth0", "interface: \"eth0\\nx\"", "estate.yaml:20:36: the vrrp interface 'eth0\\u000ax' is not an interface name: 1–15 letters, digits, '.', '_' or '-'" },
        { "priority: 100 }", "priority: 150 }", "estate.yaml:19:60: balancer 'slb-2''s priority 150 is balancer 'slb-1''s too: give the master the higher priority" },
        { "{ id: slb-2, site: dc", "{ id: slb-2, site: zz", "estate.yaml:19:26: balancer 'slb-2' names site 'zz', which is not among the sites: add it under 'sites' or fix the name" },
        { "members: [ { workload: web1 } ]", "method: source\n      members: [ { workload: web1 }, { workload: web2, backup: true } ]", "estate.yaml:38:15: service 'ntp' balances UDP by source hash, which nginx cannot combine with backup members: use roundrobin or leastconn, or drop backup" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Each_mistake_in_the_access_section_is_reported_at_its_place(string from, string to, string expected) =>
        Errors(Changed(from, to)).ShouldBe([expected]);
    [Fact]
    public void An_estate_without_an_access_section_has_no_access_layer()
    {
        var estate = EstateReader.Read(Estate[..Estate.IndexOf("access:", StringComparison.Ordinal)], "estate.yaml");
        estate.Errors.ShouldBeEmpty();
        estate.Value!.Access.ShouldBeNull();
    }

    [Fact]
    public void Every_key_of_the_access_section_is_read_with_its_defaults()
    {
        var read = EstateReader.Read(Estate, "estate.yaml");
        read.Errors.ShouldBeEmpty();
        var access = read.Value!.Access!;
        access.Balancers.ShouldBe([new Balancer("slb-1", "dc", "10.0.0.11", 150), new Balancer("slb-2", "dc", "10.0.0.12", 100)]);
        access.Vrrp.ShouldBe(new Vrrp(51, "eth0", 1000));
        var web = access.Services[0];
        (web.Id, web.Address, web.Address6, web.Protocol, web.Method).ShouldBe(("web", "10.0.1.10", (string?)null, ServiceProtocol.Http, BalanceMethod.RoundRobin));
        web.Ports.ShouldBe([80]);
        web.Persistence.ShouldBe(new Persistence(PersistenceKind.Source, 1_800_000));
        web.Members.ShouldBe([
            new Member { Workload = "web1", Address = "10.1.1.11", Port = 80, Weight = 100 },
            new Member { Workload = "web2", Address = "10.1.1.12", Port = 8080, Weight = 50 },
            new Member { Address = "10.10.1.99", Port = 80, Backup = true },
        ]);
        web.Check.ShouldBe(new HealthCheck { Kind = CheckKind.Http, Path = "/health", Status = 200, IntervalMs = 2000, TimeoutMs = 1000, Rise = 2, Fall = 3 });
        web.MaxConnections.ShouldBe(10000);
        web.Abuse.ShouldBe(new AbuseLimits { ConnectionRate = new Rate(20, 10_000), Concurrent = 50, RequestRate = new Rate(100, 10_000), BanMs = 600_000 });
        var ntp = access.Services[1];
        (ntp.IsUdp, ntp.IsTcp, ntp.Check.Kind, ntp.Persistence, ntp.Abuse).ShouldBe((true, false, CheckKind.None, (Persistence?)null, (AbuseLimits?)null));
        ntp.Members.ShouldBe([new Member { Workload = "web1", Address = "10.1.1.11", Port = 123 }]);
        read.Value.Sources.Place("service:ntp").ShouldBe(new SourcePosition(34, 7));
    }
    [Fact]
    public void Max_connections_on_a_udp_service_is_read_but_warned_as_not_applied()
    {
        var read = EstateReader.Read(Changed("members: [ { workload: web1 } ]", "members: [ { workload: web1 } ]\n      maxConnections: 5"), "estate.yaml");
        read.Errors.ShouldBeEmpty();
        read.Warnings.Select(w => w.ToString()).ShouldBe(["estate.yaml:39:23: service 'ntp' is ntp: maxConnections limits TCP connections (HAProxy), so it is not applied to this service; abuse limits are"]);
        read.Value!.Access!.Services[1].MaxConnections.ShouldBe(5);
    }
}
