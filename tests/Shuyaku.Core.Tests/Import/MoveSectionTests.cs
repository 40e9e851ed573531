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

    private const string Complete = """
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
}
