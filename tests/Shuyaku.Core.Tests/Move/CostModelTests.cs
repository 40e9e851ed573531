using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;
using static Shuyaku.Core.Tests.Move.MoveEstates;

namespace Shuyaku.Core.Tests.Move;

/// <summary>The cost formulas on an estate small enough to work out by hand (the sums are in the comments).</summary>
public sealed class CostModelTests
{
    private const string Sections = """
        equipment:
          - { id: a-sw, site: a, kind: switch, count: 2, power: 50W, rackUnits: 1, price: 300, maintenance: 30 }
          - { id: dc-sw, site: dc, kind: switch, count: 1, power: 80W, rackUnits: 1, price: 400, maintenance: 40 }
        costs:
          currency: EUR
          energy: { price: 0.5, pue: 2 }
          licence: { per: socket, price: 100, perYear: 10 }
          admin: { hoursPerMachine: 2, hoursPerVm: 1, hourPrice: 10 }
          horizon: 3
          servers: { power: 100W, price: 500, maintenance: 50, rackUnits: 1 }

        """;

    private static Shuyaku.Core.Model.Estate Tiny(string sections = Sections) => Read(
        Server("s1", "a", null, extra: ", power: 200W, price: 1000, maintenance: 100, rackUnits: 2") + Server("s2", "a", null),
        Workload("w1", "s1"),
        extra: sections);

    private static CostComparison Compare(Shuyaku.Core.Model.Estate estate)
    {
        var plan = TestEstates.PlanChecked(estate);
        return new CostModel(estate, new MoveScope(estate, "dc")).Compare(plan, ModelComparison.HostCounts(estate, plan));
    }

    [Fact]
    public void Before_renews_every_server_and_the_campus_equipment_as_they_are()
    {
        var before = Compare(Tiny()).Before;
        before.Equipment.ShouldBe([new EquipmentCount("server", 2), new EquipmentCount("switch", 2)]);
        before.PowerKw.ShouldBe(0.4, 1e-9);                 // 200 + 100 + 2 × 50 W
        before.EnergyKwhPerYear.ShouldBe(7008, 1e-6);       // 0.4 kW × 8760 h × PUE 2
        before.RackUnits.ShouldBe(5);                       // 2 + 1 + 2 × 1
        before.Cost.ShouldBe(new CostBreakdown(
            Purchase: 2100,                                 // 1000 + 500 + 2 × 300
            Maintenance: 630,                               // (100 + 50 + 2 × 30) × 3 years
            Energy: 10512,                                  // 7008 kWh × 0.5 × 3
            Licences: 0,
            Admin: 240));                                   // 4 machines × 2 h × 10 × 3
    }

    [Fact]
    public void After_counts_the_hosts_at_their_average_load_the_data_centre_equipment_and_the_staying_server()
    {
        var c = Compare(Tiny());
        c.Years.ShouldBe(3);
        c.Currency.ShouldBe("EUR");
        var after = c.After;
        after.Equipment.ShouldBe([new EquipmentCount("host", 1), new EquipmentCount("server", 1), new EquipmentCount("switch", 1)]);
        // The host: 100 W idle + 200 W × (0.4 GHz of 32 GHz) = 102.5 W; with the switch (80 W) and the staying server (100 W).
        after.PowerKw.ShouldBe(0.2825, 1e-9);
        after.RackUnits.ShouldBe(3);
        after.Cost.Purchase.ShouldBe(1900);                 // host 1000 + switch 400 + server 500
        after.Cost.Maintenance.ShouldBe(570);               // (100 + 40 + 50) × 3
        after.Cost.Energy.ShouldBe(0.2825 * 8760 * 2 * 0.5 * 3, 1e-6);
        after.Cost.Licences.ShouldBe(260);                  // 2 sockets × (100 + 10 × 3)
        after.Cost.Admin.ShouldBe(210);                     // (3 machines × 2 h + 1 VM × 1 h) × 10 × 3
        c.Models.ShouldHaveSingleItem().ShouldBe(new ModelCost("big", 1, after.Cost, true));
        c.NotGiven.ShouldBeEmpty();
    }

    [Fact]
    public void Licences_per_core_count_at_least_the_minimum_per_cpu()
    {
        var c = Compare(Tiny(Sections.Replace("licence: { per: socket, price: 100, perYear: 10 }", "licence: { per: core, price: 100, perYear: 10, minCoresPerCpu: 16 }", StringComparison.Ordinal)));
        c.After.Cost.Licences.ShouldBe(2 * 16 * 130);       // 2 CPUs × max(8, 16) cores × (100 + 10 × 3)
    }

    [Fact]
    public void Prices_not_given_count_zero_and_are_named()
    {
        var c = Compare(Tiny("costs: { horizon: 2 }\n"));
        c.NotGiven.ShouldBe(["costs.admin.hourPrice", "costs.energy.price", "costs.licence.price", "costs.servers.power", "costs.servers.price"]);
        c.Before.Cost.Energy.ShouldBe(0);
        c.Before.Cost.Purchase.ShouldBe(1000);              // s1's own price; s2's is not given
        c.Years.ShouldBe(2);
    }

    [Fact]
    public void The_horizon_defaults_to_the_policys()
    {
        var c = Compare(Tiny(""));
        c.Years.ShouldBe(5);
    }
}
