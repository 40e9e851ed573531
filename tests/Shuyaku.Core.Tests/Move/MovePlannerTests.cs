using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;
using static Shuyaku.Core.Tests.Move.MoveEstates;

namespace Shuyaku.Core.Tests.Move;

public sealed class MovePlannerTests
{
    private static (Shuyaku.Core.Model.Estate Estate, Shuyaku.Core.Plans.Plan Plan) TwoSubnets()
    {
        var estate = Read(
            Server("a1", "a", Ip(10), "10.1.0.0/24") + Server("a2", "a", Ip(11), "10.1.0.0/24") + Server("b1", "b", "10.2.0.10", "10.2.0.0/24"),
            Workload("w1", "a1", ", traffic: { a: 5Mbps }") + Workload("w2", "a2") + Workload("w3", "b1", ", traffic: { b: 5Mbps }"));
        return (estate, TestEstates.PlanChecked(estate));
    }

    [Fact]
    public void Each_route_is_cut_over_at_the_end_of_the_wave_moving_its_last_server_and_listed_by_that_wave()
    {
        var (estate, plan) = TwoSubnets();
        var move = MovePlanner.Plan(estate, plan).Plan!;
        var waveOf = move.Waves.SelectMany(w => w.Servers.Select(s => (s, w.Number))).ToDictionary(p => p.s, p => p.Number);
        var a = move.Network.Routes.Single(r => r.Prefix == "10.1.0.0/24");
        a.Wave.ShouldBe(Math.Max(waveOf["a1"], waveOf["a2"]));
        move.Network.Routes.Single(r => r.Prefix == "10.2.0.0/24").Wave.ShouldBe(waveOf["b1"]);
        foreach (var r in move.Network.Routes)
        {
            move.Waves.Single(w => w.Number == r.Wave).Routes.ShouldContain(r.Prefix);
        }

        move.Network.Routes.Select(r => r.Wave).ShouldBeInOrder();
        move.Violations.ShouldBeEmpty();
        move.PlanDigest.ShouldBe(MovePlanner.PlanDigest(plan));
        MovePlanner.Verify(estate, plan, move).ShouldBeEmpty();
    }

    [Fact]
    public void The_data_centre_is_the_one_site_with_that_role_or_the_one_named()
    {
        var (estate, plan) = TwoSubnets();
        MovePlanner.Plan(estate, plan).Plan!.DataCenter.ShouldBe("dc");
        MovePlanner.Plan(estate, plan, "b").Plan!.DataCenter.ShouldBe("b");
        MovePlanner.Plan(estate, plan, "mars").Error.ShouldBe("--dc 'mars' is not a site of the estate; the sites are a, b, dc");
        var none = estate with { Sites = [.. estate.Sites.Select(s => s with { Role = Shuyaku.Core.Model.SiteRole.Campus })] };
        MovePlanner.Plan(none, plan).Error.ShouldBe("no site has role datacenter, so there is nowhere to move to: give one site 'role: datacenter' or name it with --dc (sites: a, b, dc)");
        var two = estate with { Sites = [.. estate.Sites.Select(s => s.Id == "b" ? s with { Role = Shuyaku.Core.Model.SiteRole.DataCenter } : s)] };
        MovePlanner.Plan(two, plan).Error.ShouldBe("several sites have role datacenter (b, dc): name the one to move to with --dc");
    }

    [Fact]
    public void Verification_finds_a_route_cut_over_before_its_last_server_moves()
    {
        var (estate, plan) = TwoSubnets();
        var move = MovePlanner.Plan(estate, plan).Plan!;
        var last = move.Network.Routes.Single(r => r.Prefix == "10.1.0.0/24");
        var early = move with { Network = move.Network with { Routes = [.. move.Network.Routes.Select(r => r == last ? r with { Wave = 0 } : r)] } };
        var v = MovePlanner.Verify(estate, plan, early);
        v.ShouldContain(x => x.Kind == "route" && x.Message.StartsWith("prefix 10.1.0.0/24 is cut over to 'dc' after wave 0, but its server 'a", StringComparison.Ordinal));
    }

    [Fact]
    public void Verification_recounts_address_changes_and_link_loads()
    {
        var (estate, plan) = TwoSubnets();
        var move = MovePlanner.Plan(estate, plan).Plan!;
        var noRoute = move with { Network = move.Network with { Routes = [.. move.Network.Routes.Where(r => r.Prefix != "10.2.0.0/24")] } };
        MovePlanner.Verify(estate, plan, noRoute).ShouldContain(new MoveViolation("address-changes", "the move says 0 addresses change, but its routes change 1"));
        var lighter = move with { Wan = [.. move.Wan.Select(l => l with { AfterMbps = 0 })] };
        MovePlanner.Verify(estate, plan, lighter).ShouldContain(new MoveViolation("wan", "link 'a-dc' is recorded at 0 Mbps before and 0 after, but the estate gives 0 and 5"));
    }

    [Fact]
    public void An_overloaded_link_is_a_violation_of_the_move()
    {
        var estate = Read(Server("a1", "a", Ip(10), "10.1.0.0/24"), Workload("w1", "a1", ", traffic: { a: 95Mbps }"));
        var move = MovePlanner.Plan(estate, TestEstates.PlanChecked(estate)).Plan!;
        move.Violations.ShouldContain(v => v.Kind == "link-overload" && v.Message.StartsWith("link 'a-dc' (a–dc) would carry 95 Mbps", StringComparison.Ordinal));
    }

    [Fact]
    public void A_moving_server_outside_every_subnet_is_an_address_change_that_the_verification_agrees_with()
    {
        var estate = Read(Server("a1", "a", Ip(10), "10.1.0.0/24") + Server("odd", "a", "172.16.0.5"), Workload("w1", "a1") + Workload("w2", "odd"));
        var plan = TestEstates.PlanChecked(estate);
        var move = MovePlanner.Plan(estate, plan).Plan!;
        move.AddressChanges.ShouldBe(1);
        MovePlanner.Verify(estate, plan, move).ShouldBeEmpty();
        MovePlanner.Verify(estate, plan, move with { Network = move.Network with { AddressChanges = 0 } })
            .ShouldBe([new MoveViolation("address-changes", "the move says 0 addresses change, but its routes change 1")]);
    }
}
