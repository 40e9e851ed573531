using Shuyaku.Core.Move;
using static Shuyaku.Core.Tests.Move.MoveEstates;

namespace Shuyaku.Core.Tests.Move;

public sealed class WanLoadTests
{
    private static (List<LinkLoad> Loads, List<MoveViolation> Violations) Loads(Shuyaku.Core.Model.Estate estate) =>
        WanLoad.Compute(estate, new MoveScope(estate, "dc"), WanGraph.Build(estate));

    [Fact]
    public void Users_reach_workloads_at_their_site_before_and_at_the_data_centre_after()
    {
        var estate = Read(
            Server("sa", "a", null) + Server("sb", "b", null),
            Workload("w1", "sa", ", traffic: { a: 30Mbps, b: 10Mbps }") + Workload("d1", "sa", ", service: dns") + Workload("d2", "sb", ", service: dns"),
            extra: "traffic:\n  - { service: dns, site: a, peak: 8Mbps }\n");
        var (loads, violations) = Loads(estate);
        violations.ShouldBeEmpty();
        loads.Select(l => (l.Link, l.BeforeMbps, l.AfterMbps)).ShouldBe([("a-dc", 14.0, 38.0), ("b-dc", 14.0, 10.0)]);
    }

    [Fact]
    public void A_hop_of_parallel_links_shares_the_flow_in_proportion_to_bandwidth()
    {
        var estate = Read(Server("sa", "a", null), Workload("w1", "sa", ", traffic: { a: 40Mbps }"),
            links: "  - { id: a-dc-1, from: a, to: dc, bandwidth: 100Mbps }\n  - { id: a-dc-2, from: dc, to: a, bandwidth: 300Mbps }\n  - { id: b-dc, from: b, to: dc, bandwidth: 10Mbps }\n");
        Loads(estate).Loads.Select(l => (l.Link, l.AfterMbps)).ShouldBe([("a-dc-1", 10.0), ("a-dc-2", 30.0), ("b-dc", 0.0)]);
    }

    [Fact]
    public void A_workload_without_traffic_counts_its_network_peak_from_users_at_its_own_site()
    {
        var estate = Read(Server("sa", "a", null), "  - { id: w1, server: sa, demand: { cpu: 10%, memory: 512MiB, network: { avg: 2Mbps, peak: 7Mbps } } }\n");
        Loads(estate).Loads.Single(l => l.Link == "a-dc").AfterMbps.ShouldBe(7);
    }

    [Fact]
    public void A_link_over_its_limit_after_the_move_is_a_violation_with_the_figures()
    {
        var estate = Read(Server("sa", "a", null), Workload("w1", "sa", ", traffic: { a: 60Mbps }"),
            links: "  - { id: a-dc, from: a, to: dc, bandwidth: 100Mbps, target: 50% }\n  - { id: b-dc, from: b, to: dc, bandwidth: 100Mbps }\n");
        var (loads, violations) = Loads(estate);
        loads.Single(l => l.Link == "a-dc").Overloaded.ShouldBeTrue();
        violations.ShouldBe([new MoveViolation("link-overload",
            "link 'a-dc' (a–dc) would carry 60 Mbps at peak after the move, over its limit of 50 Mbps (100 Mbps × 50%): 10 Mbps too much; widen the link or move less traffic over it")]);
    }

    [Fact]
    public void A_link_exactly_at_its_limit_is_not_overloaded()
    {
        var estate = Read(Server("sa", "a", null), Workload("w1", "sa", ", traffic: { a: 50Mbps }"),
            links: "  - { id: a-dc, from: a, to: dc, bandwidth: 100Mbps, target: 50% }\n  - { id: b-dc, from: b, to: dc, bandwidth: 100Mbps }\n");
        Loads(estate).Violations.ShouldBeEmpty();
    }

    [Fact]
    public void Users_at_a_site_no_link_joins_to_the_data_centre_are_a_route_violation()
    {
        var estate = Read(Server("sb", "b", null), Workload("w1", "sb", ", traffic: { b: 5Mbps }"), links: "  - { id: a-dc, from: a, to: dc, bandwidth: 100Mbps }\n");
        Loads(estate).Violations.ShouldBe([new MoveViolation("route", "users at site 'b' cannot reach site 'dc' after the move: no link joins them; add a link")]);
    }
}
