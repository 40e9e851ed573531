using Shuyaku.Core.Move;
using static Shuyaku.Core.Tests.Move.MoveEstates;

namespace Shuyaku.Core.Tests.Move;

public sealed class NetworkPlannerTests
{
    private static NetworkPlan Network(Shuyaku.Core.Model.Estate estate) => NetworkPlanner.Plan(estate, new MoveScope(estate, "dc")).Plan;

    [Fact]
    public void A_subnet_whose_servers_all_move_is_routed_whole_to_the_data_centre_with_its_ipv6_prefix()
    {
        var estate = Read(
            Server("s1", "a", Ip(10), "10.1.0.0/24") + Server("s2", "a", Ip(11), "10.1.0.0/24"),
            Workload("w1", "s1") + Workload("w2", "s2"),
            subnets: "  - { prefix: 10.1.0.0/24, site: a, ipv6: \"2001:db8:1::/64\" }\n");
        var n = Network(estate);
        var s = n.Subnets.ShouldHaveSingleItem();
        s.Fate.ShouldBe(SubnetFate.Moved);
        s.MovingServers.ShouldBe(["s1", "s2"]);
        s.Options.ShouldBeEmpty();
        n.Routes.ShouldBe([new RouteChange("10.1.0.0/24", "a", "dc", "10.255.0.1", 0), new RouteChange("2001:db8:1::/64", "a", "dc", "10.255.0.1", 0)]);
        n.AddressChanges.ShouldBe(0);
    }

    [Fact]
    public void A_subnet_whose_servers_host_no_workload_stays_and_gets_no_route()
    {
        var estate = Read(Server("s1", "b", "10.2.0.5", "10.2.0.0/24") + Server("s2", "a", Ip(10), "10.1.0.0/24"), Workload("w1", "s2"));
        var n = Network(estate);
        n.Subnets.Single(s => s.Prefix == "10.2.0.0/24").Fate.ShouldBe(SubnetFate.Stays);
        n.Routes.Select(r => r.Prefix).ShouldBe(["10.1.0.0/24"]);
        n.Routes[0].NextHop.ShouldBe("10.255.0.1");
    }

    [Fact]
    public void A_split_subnet_offers_three_options_counted_and_takes_moving_the_rest()
    {
        var estate = Read(
            Server("m1", "a", Ip(10), "10.1.0.0/24") + Server("m2", "a", Ip(11), "10.1.0.0/24") + Server("st", "a", Ip(200), "10.1.0.0/24"),
            Workload("w1", "m1") + Workload("w2", "m2"));
        var s = Network(estate).Subnets.ShouldHaveSingleItem();
        s.Fate.ShouldBe(SubnetFate.Split);
        s.StayingServers.ShouldBe(["st"]);
        s.Options.Select(o => (o.Kind, o.AddressChanges)).ShouldBe([("move-rest", 0), ("split-prefix", 0), ("renumber", 2)]);
        s.Options[0].Note.ShouldBe("The staying server 'st' moves to the data centre too, as it is; the whole prefix is routed there and no address changes.");
        s.Options[1].Prefixes.ShouldBe(["10.1.0.8/30"]);
        s.Options[2].ChangedServers.ShouldBe(["m1", "m2"]);
        s.Chosen.ShouldBe("move-rest");
    }

    [Fact]
    public void Split_prefix_counts_a_staying_server_inside_the_block_routed_away()
    {
        var estate = Read(
            Server("m1", "a", Ip(1), "10.1.0.0/24") + Server("st", "a", Ip(2), "10.1.0.0/24") + Server("m2", "a", Ip(3), "10.1.0.0/24"),
            Workload("w1", "m1") + Workload("w2", "m2"));
        var split = Network(estate).Subnets.Single().Options.Single(o => o.Kind == "split-prefix");
        split.AddressChanges.ShouldBe(1);
        split.ChangedServers.ShouldBe(["st"]);
        split.Prefixes.ShouldBe(["10.1.0.0/30"]);
    }

    [Fact]
    public void Split_prefix_routes_the_rest_of_the_subnet_when_the_block_that_stays_is_the_better_cut()
    {
        var moving = new uint[] { 10, 20, 30, 40 }.Select(a => (10u << 24) | (1u << 16) | a).ToList();
        var staying = new List<uint> { (10u << 24) | (1u << 16) | 100 };
        var subnet = V4Prefix.Parse("10.1.0.0/24")!.Value;
        var cut = PrefixCover.Best(subnet, moving, staying)!;
        cut.Misplaced.ShouldBe(0);
        cut.Block.ToString().ShouldBe("10.1.0.100/30");
        cut.BlockMoves.ShouldBeFalse();
        cut.ToDataCenter(subnet).Select(p => p.ToString()).ShouldBe(["10.1.0.128/25", "10.1.0.0/26", "10.1.0.64/27", "10.1.0.112/28", "10.1.0.104/29", "10.1.0.96/30"]);
    }

    [Fact]
    public void A_slash_30_subnet_has_no_split_prefix_option()
    {
        PrefixCover.Best(V4Prefix.Parse("10.1.0.0/30")!.Value, [0x0A010001], [0x0A010002]).ShouldBeNull();
    }

    [Fact]
    public void A_moving_server_whose_address_is_in_no_subnet_changes_address_and_its_address_sensitive_workload_says_why()
    {
        var estate = Read(
            Server("s1", "a", Ip(10), "10.1.0.0/24") + Server("lone", "a", "192.168.7.7"),
            Workload("w1", "s1", ", addressSensitive: true, ip: 10.1.0.53") + Workload("ntp", "lone", ", addressSensitive: true"));
        var n = Network(estate);
        n.AddressChanges.ShouldBe(1);
        n.AddressSensitive.ShouldBe([
            new AddressKeep("w1", "10.1.0.53", true, "subnet 10.1.0.0/24 moves whole to the data centre"),
            new AddressKeep("ntp", "192.168.7.7", false, "its address is in no known subnet, so no route can follow it: it changes"),
        ]);
    }

    [Fact]
    public void Servers_at_the_data_centre_and_its_subnets_are_left_alone()
    {
        var estate = Read(Server("d1", "dc", "10.0.0.5", "10.0.0.0/24") + Server("s1", "a", Ip(10), "10.1.0.0/24"),
            Workload("w0", "d1", ", addressSensitive: true") + Workload("w1", "s1"));
        var n = Network(estate);
        n.Subnets.Select(s => s.Prefix).ShouldBe(["10.1.0.0/24"]);
        n.AddressSensitive.Single().Reason.ShouldBe("it is at the data centre already");
    }

    [Fact]
    public void A_server_is_in_the_longest_declared_prefix_holding_its_address()
    {
        var estate = Read(Server("s1", "a", "10.1.0.77") + Server("s2", "b", "10.2.0.9"),
            Workload("w1", "s1") + Workload("w2", "s2"),
            subnets: "  - { prefix: 10.1.0.64/26, site: a }\n  - { prefix: 10.2.0.0/24, site: b }\n");
        var n = Network(estate);
        n.Subnets.Single(s => s.Prefix == "10.1.0.64/26").MovingServers.ShouldBe(["s1"]);
        n.Subnets.Single(s => s.Prefix == "10.2.0.0/24").MovingServers.ShouldBe(["s2"]);
        n.AddressChanges.ShouldBe(0);
    }
}
