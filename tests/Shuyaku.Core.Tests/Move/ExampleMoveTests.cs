using System.Globalization;
using Shuyaku.Core.Move;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Move;

/// <summary>The move figures in examples/tdu-2006/README.md are what the move planner computes, cell by cell.</summary>
public sealed class ExampleMoveTests
{
    private static readonly Lazy<Shuyaku.Core.Model.Estate> Estate = new(() =>
        EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")).Value!);

    private static readonly Lazy<MovePlan> Move = new(() =>
    {
        var estate = Estate.Value;
        var plan = TestEstates.PlanChecked(estate);
        return MovePlanner.Plan(estate, plan).Plan!;
    });

    private static string[] Row(string figure)
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "README.md"));
        return readme.Single(l => l.StartsWith($"| {figure} |", StringComparison.Ordinal)).Split('|', StringSplitOptions.TrimEntries)[2..4];
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    [Fact]
    public void The_network_figures_are_what_move_computes()
    {
        var move = Move.Value;
        Row("addresses that change").ShouldBe(["–", F(move.AddressChanges, "0")]);
        Row("subnets moved whole").ShouldBe(["–", F(move.Network.Subnets.Count(s => s.Fate == SubnetFate.Moved), "0")]);
        move.AddressChanges.ShouldBe(0);
        var bound = WavePlanner.Plan(Estate.Value, move.DataCenter, WanGraph.Build(Estate.Value)).LowerBound;
        Row("migration waves (lower bound), hours in all").ShouldBe(["–", $"{move.Waves.Count} ({bound}), {F(move.Waves.Sum(w => w.Hours), "0.0")}"]);
        move.Violations.ShouldBeEmpty();
        move.Network.AddressSensitive.ShouldAllBe(a => a.Kept);
        move.Violations.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("kanda-dc")]
    [InlineData("hatoyama-dc")]
    [InlineData("chiba-dc")]
    public void Each_links_load_before_and_after_is_what_move_computes(string link)
    {
        var l = Move.Value.Wan.Single(x => x.Link == link);
        Row($"link {link} ({F(l.BandwidthMbps, "0")} Mbps), peak Mbps (share of the link)").ShouldBe([
            $"{F(l.BeforeMbps, "0.#")} ({F(l.BeforeMbps / l.BandwidthMbps * 100, "0")}%)",
            $"{F(l.AfterMbps, "0.#")} ({F(l.AfterMbps / l.BandwidthMbps * 100, "0")}%)",
        ]);
        l.Overloaded.ShouldBeFalse();
    }

    [Fact]
    public void The_equipment_power_and_cost_figures_are_what_move_computes()
    {
        var c = Move.Value.Cost;
        int Units(CostSide side) => side.Equipment.Where(e => e.Kind is not ("server" or "host")).Sum(e => e.Count);
        int Count(CostSide side, string kind) => side.Equipment.Where(e => e.Kind == kind).Sum(e => e.Count);
        Row("machines").ShouldBe([$"{Count(c.Before, "server")} servers", $"{Count(c.After, "host")} hosts"]);
        Row("equipment units (load balancers, storage, backup, switches, racks)").ShouldBe([F(Units(c.Before), "0"), F(Units(c.After), "0")]);
        Row("power, kW (IT load)").ShouldBe([F(c.Before.PowerKw, "0.00"), F(c.After.PowerKw, "0.00")]);
        Row("energy, MWh a year (PUE 1.8)").ShouldBe([F(c.Before.EnergyKwhPerYear / 1000, "0.0"), F(c.After.EnergyKwhPerYear / 1000, "0.0")]);
        Row("rack units").ShouldBe([F(c.Before.RackUnits, "0"), F(c.After.RackUnits, "0")]);
        c.Years.ShouldBe(5);
        Row("5-year cost, yen").ShouldBe([F(c.Before.Cost.Total, "N0"), F(c.After.Cost.Total, "N0")]);
        var (best, other) = (c.Models[0], c.Models[1]);
        Row("cheapest host model over 5 years")[1].ShouldBe(
            $"{best.Model}: {best.Hosts} hosts, {F(best.Cost.Total, "N0")} yen ({other.Model}: {other.Hosts} hosts, {F(other.Cost.Total, "N0")} yen)");
        best.InPlan.ShouldBeTrue();
    }
}
