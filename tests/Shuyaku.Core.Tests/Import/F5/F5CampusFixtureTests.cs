using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import.F5;

/// <summary>
/// The campus bigip.conf of Fixtures (web with an HTTP monitor and source persistence, SMTP with a backup, POP3 with
/// ratios, DNS over UDP and TCP, NTP, RADIUS, an IPv6 virtual server, a route domain, an iRule, a forwarding virtual
/// server and system objects) translated end to end, its YAML pinned byte for byte.
/// </summary>
public sealed class F5CampusFixtureTests
{
    public static string FixturePath => Path.Combine(RepositoryPaths.Root, "tests", "Shuyaku.Core.Tests", "Import", "F5", "Fixtures", "campus-bigip.conf");

    /// <summary>Servers of the campus: web and mail by their servers' addresses, two workloads sharing the DNS server's.</summary>
    public const string CampusEstate = """
        name: campus
        sites: [{ id: campus }]
        servers:
          - { id: web-a, site: campus, ip: 10.10.1.11, subnet: 10.10.1.0/24, hardware: { sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB } }
          - { id: web-b, site: campus, ip: 10.10.1.12, subnet: 10.10.1.0/24, hardware: { sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB } }
          - { id: mail-a, site: campus, ip: 10.10.2.21, subnet: 10.10.2.0/24, hardware: { sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB } }
          - { id: infra-a, site: campus, ip: 10.10.3.5, subnet: 10.10.3.0/24, hardware: { sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB } }
        workloads:
          - { id: www-1, server: web-a, demand: { cpu: 10%, memory: 1GiB } }
          - { id: www-2, server: web-b, demand: { cpu: 10%, memory: 1GiB } }
          - { id: mail-1, server: mail-a, demand: { cpu: 10%, memory: 1GiB } }
          - { id: dns-1, server: infra-a, demand: { cpu: 5%, memory: 512MiB } }
          - { id: ntp-1, server: infra-a, demand: { cpu: 1%, memory: 256MiB } }
        catalog:
          - { id: box, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB }
        """;

    /// <summary>The access section the fixture gives without an estate.</summary>
    public const string ExpectedYaml = """
        # Translated by 'shuyaku import f5': 8 services from 10 virtual servers.
        # The balancer pair (balancers, vrrp) is not part of a BIG-IP configuration: add it before use.
        # This device's self IPs suggest the pair; give the site and the peer's address, then remove the '# ':
        #  balancers:
        #    - { id: bigip-1, site: SITE, address: 10.10.1.2, priority: 150 }   # net self /Common/self_internal (line 22)
        #    - { id: bigip-2, site: SITE, address: PEER-ADDRESS, priority: 100 }
        #  vrrp: { routerId: 51 }
        access:
          services:
            # ltm virtual /Common/vs_web (line 191)
            - id: vs-web
              address: 192.0.2.10
              ports: [80]
              protocol: http
              method: leastconn
              persistence: { kind: source, timeout: 30min }
              members:
                - { address: 10.10.1.11, weight: 1, port: 80 }
                - { address: 10.10.1.12, weight: 1, port: 80 }
              check: { kind: http, path: /health, status: 200, interval: 5s, timeout: 5s, rise: 1, fall: 3 }
              maxConnections: 10000
            # ltm virtual /Common/vs_smtp (line 218)
            - id: vs-smtp
              address: 192.0.2.25
              ports: [25]
              protocol: smtp
              method: roundrobin
              members:
                - { address: 10.10.2.21, weight: 1, port: 25 }
                - { address: 10.10.2.22, weight: 1, port: 25, backup: true }
              check: { kind: smtp, interval: 10s, timeout: 10s, rise: 1, fall: 3 }
            # ltm virtual /Common/vs_pop3 (line 231)
            - id: vs-pop3
              address: 192.0.2.25
              ports: [110]
              protocol: pop3
              method: roundrobin
              members:
                - { address: 10.10.2.21, weight: 3, port: 110 }
                - { address: 10.10.2.22, weight: 1, port: 110 }
              check: { kind: pop3, interval: 5s, timeout: 5s, rise: 1, fall: 3 }
            # ltm virtual /Common/vs_dns_udp (line 243) and ltm virtual /Common/vs_dns_tcp (line 252)
            - id: vs-dns-udp
              address: 192.0.2.53
              ports: [53]
              protocol: dns
              method: roundrobin
              members:
                - { address: 10.10.3.5, weight: 1, port: 53 }
                - { address: 10.10.3.6, weight: 1, port: 53 }
              check: { kind: dns, name: campus.example, type: A, interval: 5s, timeout: 5s, rise: 1, fall: 3 }
            # ltm virtual /Common/vs_ntp (line 264)
            - id: vs-ntp
              address: 192.0.2.123
              ports: [123]
              protocol: ntp
              method: roundrobin
              members:
                - { address: 10.10.3.5, weight: 1, port: 123 }
                - { address: 10.10.3.6, weight: 1, port: 123 }
              check: { kind: none }
            # ltm virtual /Common/vs_radius (line 273)
            - id: vs-radius
              address: 192.0.2.18
              ports: [1812]
              protocol: radius
              method: leastconn
              members:
                - { address: 10.10.4.7, weight: 1, port: 1812 }
                - { address: 10.10.4.8, weight: 1, port: 1812 }
              check: { kind: none }
            # ltm virtual /Common/vs_web6 (line 282)
            - id: vs-web6
              address6: "2001:db8::10"
              ports: [80]
              protocol: http
              method: roundrobin
              members:
                - { address: "2001:db8:10::11", weight: 1, port: 80 }
              check: { kind: tcp, interval: 5s, timeout: 5s, rise: 1, fall: 3 }
            # ltm virtual /Common/vs_intranet (line 295)
            - id: vs-intranet
              address: 10.20.0.80
              ports: [8080]
              protocol: tcp
              method: roundrobin
              members:
                - { address: 10.20.1.31, weight: 1, port: 8080 }
              check: { kind: tcp, interval: 5s, timeout: 5s, rise: 1, fall: 3 }

        """;

    private static F5Import Import(Estate? estate = null)
    {
        var result = F5Importer.ImportFile(FixturePath, estate, "campus-bigip.conf");
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    [Fact]
    public void The_campus_configuration_gives_exactly_the_pinned_access_section()
    {
        Import().Yaml.ShouldBe(ExpectedYaml);
    }

    [Fact]
    public void The_campus_report_counts_lists_the_skipped_and_pins_every_warning()
    {
        var import = Import();

        (import.VirtualServers, import.Translated, import.Services).ShouldBe((10, 9, 8));
        import.Skipped.ShouldBe([
            new F5Skipped("ltm rule /Common/redirect_to_https", 185, "iRule (Tcl) not translated: it has no equivalent; the virtual servers using it are warned about"),
            new F5Skipped("ltm virtual /Common/vs_forward", 307, "'ip-forward': the virtual server forwards, rejects or relays traffic; it balances no pool"),
        ]);
        import.NotRead.Values.Sum().ShouldBe(6); // net self is read: it suggests the balancer pair
        F5ImporterTests.Warnings(import).ShouldBe("""
            campus-bigip.conf:102:9: ltm pool /Common/pool_web member /Common/web3:http: the node is disabled (session user-disabled) on the BIG-IP; member left out
            campus-bigip.conf:106:5: ltm pool /Common/pool_web: monitor /Common/http_health sends headers (Host); they are not carried
            campus-bigip.conf:156:5: ltm pool /Common/pool_ntp: monitor /Common/udp is not carried: ntp services detect failed members passively
            campus-bigip.conf:159:5: ltm pool /Common/pool_radius: load-balancing-mode observed-member has no equivalent; the nearest is least connections (leastconn)
            campus-bigip.conf:179:9: ltm pool /Common/pool_intranet member /Common/10.20.1.31%1:8080: route domain 1 dropped; the member is reached at 10.20.1.31 in the balancer's routing table
            campus-bigip.conf:209:9: ltm virtual /Common/vs_web: iRule /Common/redirect_to_https is not translated (Tcl has no equivalent); the service works without it
            campus-bigip.conf:295:1: ltm virtual /Common/vs_intranet: route domain 1 dropped; the address 10.20.0.80 is served in the balancers' routing table
            """);
    }

    [Fact]
    public void With_an_estate_members_become_the_workloads_at_their_addresses()
    {
        var estate = EstateFit.ReadAndCheck(CampusEstate, "campus.yaml");
        estate.Errors.ShouldBeEmpty();

        var import = Import(estate.Value);

        import.Yaml!.ShouldContain("""
                  members:
                    - { workload: www-1, weight: 1, port: 80 }
                    - { workload: www-2, weight: 1, port: 80 }
            """);
        import.Yaml!.ShouldContain("""
                    - { workload: mail-1, weight: 3, port: 110 }
                    - { address: 10.10.2.22, weight: 1, port: 110 }
            """);
        var warnings = F5ImporterTests.Warnings(import);
        warnings.ShouldContain("campus-bigip.conf:114:9: ltm pool /Common/pool_smtp member /Common/10.10.2.22:smtp: 10.10.2.22 is no workload's or server's address in the estate; written as an address");
        warnings.ShouldContain("campus-bigip.conf:138:9: ltm pool /Common/pool_dns member /Common/10.10.3.5:domain: 10.10.3.5 is the address of several workloads (dns-1, ntp-1); written as an address");
    }
}
