using Shuyaku.Core.Import;
using Shuyaku.Core.Model;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import;

/// <summary>The sections a move needs: links, subnets and addresses, traffic, dependencies, equipment, costs and migration limits.</summary>
public sealed class MoveSectionTests
{
    private const string Catalog = """
        catalog:
          - { id: m, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB, price: 1000, maintenance: 100 }
        """;

    internal const string Complete = """
        name: move
        sites:
          - { id: a, role: campus, router: 10.1.0.254 }
          - { id: b, role: campus }
          - { id: dc, role: datacenter, router: 10.0.0.1 }
        links:
          - id: a-dc
            from: a
            to: dc
            bandwidth: 300Mbps
            latency: 2ms
            target: 60%
            history:
              - { year: 2001, technology: ATM, bandwidth: 15Mbps }
              - { year: 2004, technology: wide-area Ethernet, bandwidth: 100Mbps }
          - { id: b-dc, from: b, to: dc, bandwidth: 1Gbps }
        subnets:
          - { prefix: 10.1.1.0/24, site: a, gateway: 10.1.1.1, vlan: 101, ipv6: "2001:db8:10::/64" }
          - { prefix: 10.0.0.0/24, site: dc }
        servers:
          - { id: s1, site: a, ip: 10.1.1.11, subnet: 10.1.1.0/24, ipv6: "2001:db8:10::11", power: 250W, price: 400000, maintenance: 40000, rackUnits: 2, hardware: { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
          - { id: s2, site: b, ip: 10.2.1.11, subnet: 10.2.1.0/24, hardware: { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
        workloads:
          - { id: dns1, service: DNS, server: s1, addressSensitive: true, ip: 10.1.1.53, traffic: { a: 20Mbps, b: 2Mbps }, demand: { cpu: 5%, memory: 256MiB } }
          - { id: web1, service: web, server: s1, demand: { cpu: 5%, memory: 256MiB } }
          - { id: mail1, service: mail, server: s2, addressSensitive: false, demand: { cpu: 5%, memory: 256MiB } }
        traffic:
          - { service: web, site: a, peak: 60Mbps }
          - { service: web, site: b, peak: 10Mbps }
        dependencies:
          - { from: mail, to: DNS }
          - { from: web1, to: dns1 }
        equipment:
          - { id: a-slb, site: a, kind: loadBalancer, name: BIG-IP, count: 2, power: 150W, rackUnits: 1, price: 3000000, maintenance: 300000, redundant: true }
          - { id: dc-rack, site: dc, kind: rack }
        costs:
          currency: JPY
          energy: { price: 20, pue: 1.8 }
          licence: { per: core, price: 500000, perYear: 100000, minCoresPerCpu: 8 }
          admin: { hoursPerMachine: 40, hoursPerVm: 4, hourPrice: 5000 }
          horizon: 4
          servers: { power: 200W, price: 300000, maintenance: 30000, rackUnits: 3 }
        migration:
          maxServers: 4
          maxData: 500GiB
          window: 8h
          bandwidthShare: 40%
          switchover: 15min

        """ + Catalog;

    private static List<string> Errors(string yaml) =>
        EstateReader.Read(yaml, "estate.yaml").Errors.Select(e => e.ToString()).ToList();

    private static string Servers(string lines) => $$"""
        sites:
          - { id: a }
          - { id: b }
          - { id: dc, role: datacenter }
        servers:
        {{lines}}
        workloads:
          - { id: w, demand: { cpu: 1GHz, memory: 1GiB } }

        """ + Catalog;

    [Fact]
    public void Every_key_of_the_move_sections_is_read()
    {
        var estate = TestEstates.Read(Complete);

        estate.Sites.Select(s => s.Router).ShouldBe(["10.1.0.254", null, "10.0.0.1"]);
        var link = estate.Links[0];
        (link.Id, link.From, link.To, link.BandwidthMbps, link.LatencyMs, link.TargetUtilisation).ShouldBe(("a-dc", "a", "dc", 300.0, (double?)2.0, 0.6));
        link.History.ShouldBe([new LinkEra(2001, "ATM", 15), new LinkEra(2004, "wide-area Ethernet", 100)]);
        (estate.Links[1].BandwidthMbps, estate.Links[1].LatencyMs, estate.Links[1].TargetUtilisation, estate.Links[1].History.Count).ShouldBe((1000.0, (double?)null, 0.7, 0));
        estate.Subnets.ShouldBe([
            new Subnet { Prefix = "10.1.1.0/24", Site = "a", Gateway = "10.1.1.1", Vlan = 101, Ipv6Prefix = "2001:db8:10::/64" },
            new Subnet { Prefix = "10.0.0.0/24", Site = "dc" },
        ]);
        var s1 = estate.Servers[0];
        (s1.Ipv6, s1.PowerW, s1.Price, s1.MaintenancePerYear, s1.RackUnits).ShouldBe(("2001:db8:10::11", (double?)250, (double?)400000, (double?)40000, (int?)2));
        var s2 = estate.Servers[1];
        (s2.Ipv6, s2.PowerW, s2.Price, s2.MaintenancePerYear, s2.RackUnits).ShouldBe(((string?)null, (double?)null, (double?)null, (double?)null, (int?)null));
        var dns = estate.Workloads[0];
        (dns.AddressSensitive, dns.Ip).ShouldBe((true, "10.1.1.53"));
        dns.Traffic.ShouldBe(new Dictionary<string, double> { ["a"] = 20, ["b"] = 2 });
        (estate.Workloads[1].AddressSensitive, estate.Workloads[1].Ip, estate.Workloads[1].Traffic.Count).ShouldBe((false, (string?)null, 0));
        estate.Traffic.ShouldBe([new ServiceTraffic("web", "a", 60), new ServiceTraffic("web", "b", 10)]);
        estate.Dependencies.ShouldBe([new Dependency("mail", "DNS"), new Dependency("web1", "dns1")]);
        estate.Equipment.ShouldBe([
            new Equipment { Id = "a-slb", Site = "a", Kind = EquipmentKind.LoadBalancer, Name = "BIG-IP", Count = 2, PowerW = 150, RackUnits = 1, Price = 3000000, MaintenancePerYear = 300000, Redundant = true },
            new Equipment { Id = "dc-rack", Site = "dc", Kind = EquipmentKind.Rack, Name = "dc-rack" },
        ]);
        estate.Costs.ShouldBe(new CostSettings
        {
            Currency = "JPY",
            EnergyPricePerKwh = 20,
            Pue = 1.8,
            LicenceUnit = LicenceUnit.Core,
            LicencePrice = 500000,
            LicencePerYear = 100000,
            MinCoresPerCpu = 8,
            AdminHoursPerMachine = 40,
            AdminHoursPerVm = 4,
            AdminHourPrice = 5000,
            HorizonYears = 4,
            ServerPowerW = 200,
            ServerPrice = 300000,
            ServerMaintenancePerYear = 30000,
            ServerRackUnits = 3,
        });
        estate.Migration.ShouldBe(new MigrationSettings { MaxServersPerWave = 4, MaxMibPerWave = 500 * 1024, WindowHours = 8, BandwidthShare = 0.4, SwitchoverHours = 0.25 });
        estate.Catalog[0].MaintenancePerYear.ShouldBe(100);
    }

    [Fact]
    public void The_places_of_entries_are_mapped_for_checks_made_after_reading()
    {
        var sources = TestEstates.Read(Complete).Sources;

        sources.Place("link:a-dc").ShouldBe(new SourcePosition(7, 5));
        sources.Place("link:b-dc").ShouldBe(new SourcePosition(16, 5));
        sources.Place("subnet:10.1.1.0/24").ShouldBe(new SourcePosition(18, 5));
        sources.Place("subnet:10.2.1.0/24").ShouldBe(new SourcePosition(22, 47), "a subnet only servers give is placed at the first server's subnet");
        sources.Place("server:s2").ShouldBe(new SourcePosition(22, 5));
        sources.Place("equipment:dc-rack").ShouldBe(new SourcePosition(35, 5));
        sources.Place("costs").ShouldBe(new SourcePosition(37, 3));
        sources.Place("costs.horizon").ShouldBe(new SourcePosition(41, 12));
        sources.Place("migration").ShouldBe(new SourcePosition(44, 3));
        sources.Place("migration.maxServers").ShouldBe(new SourcePosition(44, 15));
        sources.Place("migration.maxData").ShouldBe(new SourcePosition(45, 12));
        sources.Place("migration.window").ShouldBe(new SourcePosition(46, 11));
        sources.Place("migration.bandwidthShare").ShouldBe(new SourcePosition(47, 19));
        sources.Place("migration.switchover").ShouldBe(new SourcePosition(48, 15));
        sources.Place("link:nowhere").ShouldBe(default);
    }

    [Fact]
    public void An_estate_without_the_move_sections_gets_the_defaults()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        estate.Links.ShouldBeEmpty();
        estate.Subnets.ShouldBeEmpty();
        estate.Traffic.ShouldBeEmpty();
        estate.Dependencies.ShouldBeEmpty();
        estate.Equipment.ShouldBeEmpty();
        estate.Costs.ShouldBe(new CostSettings());
        estate.Migration.ShouldBe(new MigrationSettings { MaxServersPerWave = 10, MaxMibPerWave = null, WindowHours = 8, BandwidthShare = 0.5, SwitchoverHours = 0.25 });
        estate.Workloads.ShouldAllBe(w => !w.AddressSensitive && w.Ip == null && w.Traffic.Count == 0);
        estate.Sources.Place("migration").ShouldBe(default);
    }

    [Fact]
    public void Bad_links_are_reported_where_they_are_written()
    {
        var errors = Errors("""
            sites:
              - { id: a, router: 10.1 }
              - { id: dc, role: datacenter }
            links:
              - { id: l1, from: a, to: nowhere, bandwidth: 100Mbps }
              - { id: l2, from: a, to: a, bandwidth: 100Mbps }
              - { id: l3, from: a, to: dc, bandwidth: 0Mbps, latency: 2, target: 0% }
              - { id: l4, from: a, to: dc, bandwidth: -5Mbps, latency: 1e3ms, target: 120% }
              - { id: l1, from: dc, to: a, bandwidth: 100mbps, latency: 2 ms }
              - id: l5
                from: a
                to: dc
                bandwidth: 100Mbps
                history: [ { year: 2004, bandwidth: 100Mbps }, { year: 2001, technology: ATM, bandwidth: 0Mbps } ]
              - { id: l6, from: a, to: dc }
            workloads:
              - { id: w, demand: { cpu: 1GHz, memory: 1GiB } }

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:2:22: site 'a''s router '10.1' is not an IPv4 address such as 10.10.1.11",
            "estate.yaml:5:28: link 'l1' names site 'nowhere', which is not among the sites: add it under 'sites' or fix the name",
            "estate.yaml:6:28: link 'l2' runs from site 'a' to itself: a link joins two different sites",
            "estate.yaml:7:43: link 'l3''s bandwidth must be more than zero",
            "estate.yaml:7:59: link 'l3''s latency: '2' has no unit: write a duration with one of h, min, s, ms, for example '8h' or '15min'",
            "estate.yaml:7:70: link 'l3''s target must be more than 0% and at most 100%",
            "estate.yaml:8:43: link 'l4''s bandwidth: '-5Mbps' is negative: a bandwidth must be zero or more",
            "estate.yaml:8:60: link 'l4''s latency: '1e3ms' is written with an exponent: write the number in plain digits before the unit, for example '8h' or '15min'",
            "estate.yaml:8:75: link 'l4''s target must be more than 0% and at most 100%",
            "estate.yaml:9:5: link id 'l1' is used twice: ids must be unique",
            "estate.yaml:9:43: link 'l1''s bandwidth: '100mbps' has an unknown unit 'mbps': units are case-sensitive, did you mean '100Mbps'?",
            "estate.yaml:14:60: link 'l5''s history has 2001 after 2004: list the eras oldest first, each in a later year",
            "estate.yaml:14:94: the bandwidth of an era of link 'l5' must be more than zero",
            "estate.yaml:15:5: a link has no 'bandwidth': add it",
        ]);
    }

    [Fact]
    public void Bad_subnets_are_reported_where_they_are_written()
    {
        var errors = Errors("""
            sites:
              - { id: a }
              - { id: b }
            subnets:
              - { prefix: 10.1.0.0/16, site: a, gateway: 10.2.0.1, vlan: 0 }
              - { prefix: 10.1.5.0/24, site: a, vlan: 4095 }
              - { prefix: 10.1.0.0/16, site: a }
              - { prefix: 10.2.0.5/24, site: b, gateway: 10.2.0.256 }
              - { prefix: 10.3.0.0/33, site: nowhere, ipv6: "2001:db8::/64x" }
              - { prefix: "2001:db8::/64", site: b, ipv6: "2001:db8:1::1/64" }
              - { prefix: 10.4.0.0, site: b }
            workloads:
              - { id: w, demand: { cpu: 1GHz, memory: 1GiB } }

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:5:46: subnet 10.1.0.0/16's gateway 10.2.0.1 is outside the subnet: a gateway is an address of its own subnet",
            "estate.yaml:5:62: subnet 10.1.0.0/16's vlan is 0 but must be at least 1",
            "estate.yaml:6:15: subnet 10.1.5.0/24 overlaps subnet 10.1.0.0/16 (line 5): subnets must not contain one another; fix one of the prefixes",
            "estate.yaml:6:43: subnet 10.1.5.0/24's vlan is 4095 but must be at most 4094",
            "estate.yaml:7:15: subnet 10.1.0.0/16 is declared twice: the first is at line 5; keep one",
            "estate.yaml:8:15: a subnet's prefix '10.2.0.5/24' has bits set after its first 24: write the network's own address, 10.2.0.0/24",
            "estate.yaml:8:46: a subnet's gateway '10.2.0.256' is not an IPv4 address such as 10.10.1.11",
            "estate.yaml:9:15: a subnet's prefix '10.3.0.0/33' is not an IPv4 prefix in CIDR form such as 10.10.1.0/24",
            "estate.yaml:9:34: a subnet names site 'nowhere', which is not among the sites: add it under 'sites' or fix the name",
            "estate.yaml:9:49: a subnet's ipv6 prefix '2001:db8::/64x' is not an IPv6 prefix in CIDR form such as 2001:db8:10::/64",
            "estate.yaml:10:15: a subnet's prefix '2001:db8::/64' is not an IPv4 prefix in CIDR form such as 10.10.1.0/24",
            "estate.yaml:10:47: a subnet's ipv6 prefix '2001:db8:1::1/64' has bits set after its first 64: write the network's own address, 2001:db8:1::/64",
            "estate.yaml:11:15: a subnet's prefix '10.4.0.0' is not an IPv4 prefix in CIDR form such as 10.10.1.0/24",
        ]);
    }

    [Fact]
    public void Server_and_workload_addresses_must_agree_with_the_subnets()
    {
        var errors = Errors("""
            sites:
              - { id: a }
              - { id: b }
            subnets:
              - { prefix: 10.1.0.0/16, site: a }
            servers:
              - { id: s1, site: b, ip: 10.1.1.11, subnet: 10.1.1.0/24, hardware: &hw { sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB } }
              - { id: s2, site: b, ip: 10.1.0.11, subnet: 10.1.0.0/16, hardware: *hw }
              - { id: s3, site: a, ip: 10.2.1.11, subnet: 10.2.1.0/24, ipv6: "10.2.1.11", hardware: *hw }
              - { id: s4, site: b, ip: 10.2.1.12, subnet: 10.2.1.0/24, hardware: *hw }
              - { id: s5, site: b, ip: 10.2.9.12, subnet: 10.2.0.0/16, hardware: *hw }
              - { id: s6, site: a, ip: 10.3.1.1, subnet: 10.3.1.0/24, ipv6: "2001:db8::zz", hardware: *hw }
              - { id: s7, site: a, hardware: *hw }
            workloads:
              - { id: w1, server: s3, ip: 10.3.1.53, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w2, server: s3, ip: 10.2.1.12, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w3, server: s3, ip: 10.2.1.11, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w4, server: s3, ip: 10.2.1.11, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w5, server: s7, ip: 10.9.0.1, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w6, server: s7, ip: 10.1.200.1, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w7, server: s7, ip: 10.1.200, traffic: { a: 1Mbps, nowhere: 2Mbps, b: 1Gbit }, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: w8, ip: "2001:db8::53", addressSensitive: yes, traffic: 5Mbps, demand: { cpu: 1GHz, memory: 1GiB } }

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:7:47: server 's1' at site 'b' is in subnet 10.1.1.0/24, which subnet 10.1.0.0/16 declared at site 'a' (line 5) holds: a subnet is routed to one site; fix the server's site or subnet",
            "estate.yaml:8:47: server 's2' at site 'b' is in subnet 10.1.0.0/16, which 'subnets' declares at site 'a' (line 5): a subnet is routed to one site; fix the server's site or the subnet's",
            "estate.yaml:9:66: server 's3''s ipv6 '10.2.1.11' is not an IPv6 address such as 2001:db8:10::11",
            "estate.yaml:10:47: server 's4' at site 'b' is in subnet 10.2.1.0/24, which server subnets already place at site 'a' (line 9): a subnet is routed to one site; declare it under 'subnets' at one site or fix the prefix",
            "estate.yaml:11:47: server 's5''s subnet 10.2.0.0/16 (site 'b') overlaps the server subnet 10.2.1.0/24 (line 9) of site 'a': subnets must not contain one another; fix one of the prefixes",
            "estate.yaml:12:65: server 's6''s ipv6 '2001:db8::zz' is not an IPv6 address such as 2001:db8:10::11",
            "estate.yaml:15:31: workload 'w1''s ip 10.3.1.53 is outside its server 's3''s subnet 10.2.1.0/24: an alias lives in its server's subnet",
            "estate.yaml:16:31: workload 'w2''s ip 10.2.1.12 is already server 's4''s: every address belongs to one server or workload",
            "estate.yaml:18:31: workload 'w4''s ip 10.2.1.11 is already workload 'w3''s: every address belongs to one server or workload",
            "estate.yaml:19:31: workload 'w5''s ip 10.9.0.1 is in no known subnet: declare its subnet under 'subnets' or give its server a subnet",
            "estate.yaml:21:31: workload 'w7''s ip '10.1.200' is not an IP address such as 10.10.1.53 or 2001:db8:10::53",
            "estate.yaml:21:62: workload 'w7''s traffic names site 'nowhere', which is not among the sites: add it under 'sites' or fix the name",
            "estate.yaml:21:81: workload 'w7''s traffic from site 'b': '1Gbit' has an unknown unit 'Gbit': a bandwidth takes one of Kbps, Mbps, Gbps",
            "estate.yaml:22:19: workload 'w8''s ip 2001:db8::53 is in no known subnet: declare its subnet under 'subnets' or give its server a subnet",
            "estate.yaml:22:53: workload 'w8''s addressSensitive flag is 'yes', which YAML 1.2 reads as text: write true or false",
            "estate.yaml:22:67: workload 'w8''s traffic must be a mapping such as { kanda: 20Mbps, chiba: 5Mbps } (site ids and peaks)",
        ]);
    }

    [Fact]
    public void Bad_traffic_and_dependencies_are_reported_where_they_are_written()
    {
        var errors = Errors("""
            sites:
              - { id: a }
            workloads:
              - { id: dns1, service: DNS, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: mail1, service: mail, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: web1, service: web, demand: { cpu: 1GHz, memory: 1GiB } }
            traffic:
              - { service: web, site: a, peak: 60Mbps }
              - { service: ftp, site: a, peak: 1Mbps }
              - { service: web, site: nowhere, peak: 1Mbps }
              - { service: web, site: a, peak: 2Mbps }
              - { service: mail, site: a }
            dependencies:
              - { from: mail, to: DNS }
              - { from: web1, to: ghost }
              - { from: DNS, to: web1 }
              - { from: web, to: mail1 }
              - { from: mail, to: DNS }
              - { from: dns1, to: dns1 }
              - { from: dns1, to: mail }

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:9:16: the traffic of service 'ftp' names a service no workload has: give a workload that service or fix the name (services: DNS, mail, web)",
            "estate.yaml:10:27: the traffic of service 'web' names site 'nowhere', which is not among the sites: add it under 'sites' or fix the name",
            "estate.yaml:11:5: the traffic of service 'web' from site 'a' is given twice (first at line 8): keep one entry per service and site",
            "estate.yaml:12:5: a traffic entry has no 'peak': add it",
            "estate.yaml:15:23: the dependency's 'to' names 'ghost', which is neither a workload id nor a service: fix the name",
            "estate.yaml:18:5: the dependency of 'mail' on 'DNS' is given twice: keep one",
            "estate.yaml:19:5: dependencies form a cycle: dns1 → dns1: nothing in it could move first; remove one of them",
            "estate.yaml:20:5: dependencies form a cycle: dns1 → mail → DNS → dns1: nothing in it could move first; remove one of them",
        ]);
    }

    [Fact]
    public void Bad_equipment_costs_and_migration_limits_are_reported_where_they_are_written()
    {
        var errors = Errors("""
            sites:
              - { id: a }
            workloads:
              - { id: w, demand: { cpu: 1GHz, memory: 1GiB } }
            equipment:
              - { id: e1, site: nowhere, kind: loadBalancer }
              - { id: e2, site: a, kind: router, count: 0 }
              - { id: e3, site: a, kind: switch, power: 150, rackUnits: -1, price: -3, redundant: yes }
              - { id: e4, site: a }
            costs:
              energy: { price: 20, pue: 0.9 }
              licence: { per: cpu, minCoresPerCpu: 0 }
              admin: { hoursPerMachine: -1, hourPrice: 5000 }
              horizon: 0
              servers: { power: 250, rackUnits: 0 }
            migration:
              maxServers: 0
              maxData: 0GiB
              window: 8
              bandwidthShare: 150%
              switchover: 15m

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:6:21: equipment 'e1' names site 'nowhere', which is not among the sites: add it under 'sites' or fix the name",
            "estate.yaml:7:30: equipment 'e2''s kind 'router' is unknown: write loadBalancer, storage, backup, switch, rack or other",
            "estate.yaml:7:45: equipment 'e2''s count is 0 but must be at least 1",
            "estate.yaml:8:45: equipment 'e3''s power: '150' has no unit: write a power with one of W, kW, for example '180W'",
            "estate.yaml:8:61: equipment 'e3''s rack units is -1 but must be at least 0",
            "estate.yaml:8:72: equipment 'e3''s price is -3 but must be at least 0",
            "estate.yaml:8:87: equipment 'e3''s redundant flag is 'yes', which YAML 1.2 reads as text: write true or false",
            "estate.yaml:9:5: an equipment entry has no 'kind': add it",
            "estate.yaml:11:29: the PUE is 0.9 but must be at least 1",
            "estate.yaml:12:19: the licence is counted per 'cpu', which is unknown: write socket or core",
            "estate.yaml:12:40: the licence's minimum cores per CPU is 0 but must be at least 1",
            "estate.yaml:13:29: the admin hours per machine is -1 but must be at least 0",
            "estate.yaml:14:12: the costs' horizon in years is 0 but must be at least 1",
            "estate.yaml:15:21: the servers' default power: '250' has no unit: write a power with one of W, kW, for example '180W'",
            "estate.yaml:15:37: the servers' default rack units is 0 but must be at least 1",
            "estate.yaml:17:15: the migration's maxServers is 0 but must be at least 1",
            "estate.yaml:18:12: the migration's maxData must be more than zero",
            "estate.yaml:19:11: the migration's window: '8' has no unit: write a duration with one of h, min, s, ms, for example '8h' or '15min'",
            "estate.yaml:20:19: the migration's bandwidthShare must be more than 0% and at most 100%",
            "estate.yaml:21:15: the migration's switchover: '15m' has an unknown unit 'm': a duration takes one of h, min, s, ms",
        ]);
    }

    [Fact]
    public void A_dependency_cycle_is_named_at_the_entry_that_closes_it()
    {
        var errors = Errors("""
            workloads:
              - { id: mta, service: mail (SMTP), demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: scan, service: virus scanning, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: ns1, service: DNS, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: ns2, service: DNS, demand: { cpu: 1GHz, memory: 1GiB } }
            dependencies:
              - { from: mail (SMTP), to: DNS }
              - { from: DNS, to: scan }
              - { from: scan, to: mail (SMTP) }
              - { from: ns1, to: mta }

            """ + Catalog);

        errors.ShouldBe([
            "estate.yaml:9:5: dependencies form a cycle: scan → mail (SMTP) → DNS → scan: nothing in it could move first; remove one of them",
        ], "ns1 needing mta is no cycle: mta needs the first DNS workload to move, and ns2 can move first");
    }

    [Fact]
    public void The_case_study_example_describes_its_network_equipment_and_costs()
    {
        var result = EstateReader.ReadFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        result.Errors.ShouldBeEmpty();
        var estate = result.Value!;

        estate.Links.Select(l => (l.From, l.To, l.BandwidthMbps)).ShouldBe([("kanda", "dc", 300.0), ("hatoyama", "dc", 100.0), ("chiba", "dc", 100.0)]);
        estate.Links.ShouldAllBe(l => l.History.Count == 2 && l.History[0].Technology == "ATM" && l.History[1].BandwidthMbps == 100);
        estate.Subnets.Count.ShouldBe(5);
        estate.Subnets.Where(s => s.Site == "dc").Select(s => s.Prefix).ShouldBe(["10.0.0.0/24", "10.0.1.0/24"]);
        estate.Sites.ShouldAllBe(s => s.Router != null);
        estate.Workloads.Where(w => w.AddressSensitive).Select(w => w.Software).Distinct().ShouldBe(["bind", "ntp", "radius"], ignoreOrder: true);
        estate.Workloads.Count(w => w.AddressSensitive).ShouldBe(26);
        estate.Dependencies.Count.ShouldBe(5);
        var units = estate.Equipment.GroupBy(e => e.Site == "dc").ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
        (units[false], units[true]).ShouldBe((29, 10), "the data center's equipment is about a third of the campuses'");
        estate.Equipment.Where(e => e.Site == "dc" && e.Kind != EquipmentKind.Rack).ShouldAllBe(e => e.Redundant == (e.Kind != EquipmentKind.Backup));
        (estate.Costs.Currency, estate.Costs.EnergyPricePerKwh, estate.Costs.HorizonYears).ShouldBe(("JPY", (double?)20, (int?)5));
        (estate.Migration.MaxServersPerWave, estate.Migration.WindowHours, estate.Migration.BandwidthShare).ShouldBe((4, 8.0, 0.5));

        // Users at each campus reach every service at the data center after the move: their peaks stay within 70% of the link.
        foreach (var link in estate.Links)
        {
            var own = estate.Workloads.Sum(w => w.Traffic.GetValueOrDefault(link.From));
            var shared = estate.Traffic.Where(t => t.Site == link.From).Sum(t => t.PeakMbps);
            (own + shared).ShouldBeLessThan(link.BandwidthMbps * link.TargetUtilisation, link.Id);
        }
    }
}
