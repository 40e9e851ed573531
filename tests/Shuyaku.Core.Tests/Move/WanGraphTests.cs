using Shuyaku.Core.Model;
using Shuyaku.Core.Move;

namespace Shuyaku.Core.Tests.Move;

public sealed class WanGraphTests
{
    private static Link L(string id, string from, string to, double mbps) => new() { Id = id, From = from, To = to, BandwidthMbps = mbps };

    private static string Sites(IReadOnlyList<WanHop>? path) => path is null ? "none" : string.Join(" ", path.Select(h => h.From).Append(path.Count == 0 ? "" : path[^1].To));

    [Fact]
    public void The_path_with_fewest_hops_wins_over_a_wider_longer_one()
    {
        var g = WanGraph.Build(["a", "b", "c"], [L("ac", "a", "c", 10), L("ab", "a", "b", 1000), L("bc", "b", "c", 1000)]);
        Sites(g.Path("a", "c")).ShouldBe("a c");
    }

    [Fact]
    public void Among_paths_of_as_many_hops_the_widest_bottleneck_wins()
    {
        var g = WanGraph.Build(["a", "b", "c", "d"], [L("1", "a", "b", 100), L("2", "b", "d", 10), L("3", "a", "c", 50), L("4", "c", "d", 50)]);
        Sites(g.Path("a", "d")).ShouldBe("a c d");
        g.BottleneckMbps("a", "d").ShouldBe(50);
    }

    [Fact]
    public void Equal_paths_are_broken_by_the_smaller_site_ids()
    {
        var g = WanGraph.Build(["a", "c", "b", "d"], [L("1", "a", "c", 100), L("2", "c", "d", 100), L("3", "a", "b", 100), L("4", "b", "d", 100)]);
        Sites(g.Path("a", "d")).ShouldBe("a b d");
        Sites(g.Path("d", "a")).ShouldBe("d b a");
    }

    [Fact]
    public void Parallel_links_form_one_hop_whose_bandwidth_is_their_sum()
    {
        var g = WanGraph.Build(["a", "dc"], [L("y", "a", "dc", 100), L("x", "dc", "a", 300)]);
        var path = g.Path("a", "dc")!;
        path.Count.ShouldBe(1);
        path[0].Links.Select(l => l.Id).ShouldBe(["x", "y"]);
        path[0].BandwidthMbps.ShouldBe(400);
    }

    [Fact]
    public void Sites_no_link_joins_have_no_path_and_a_site_reaches_itself_without_hops()
    {
        var g = WanGraph.Build(["a", "b", "c"], [L("ab", "a", "b", 10)]);
        g.Path("a", "c").ShouldBeNull();
        g.BottleneckMbps("a", "c").ShouldBeNull();
        g.Path("a", "a").ShouldBeEmpty();
        g.BottleneckMbps("a", "a").ShouldBe(double.PositiveInfinity);
        g.Path("a", "nowhere").ShouldBeNull();
    }
}
