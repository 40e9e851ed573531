using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;

namespace Shuyaku.Core.Tests.Placement.Bounds;

public sealed class LowerBoundTests
{
    private static PlacementProblem Problem(double[][] demand, int failures = 0, int[][]? spread = null, int[]? zone = null, bool[]? lonely = null) => new()
    {
        ItemNames = demand.Select((_, i) => $"i{i}").ToArray(),
        DimensionNames = ["a", "b"],
        Demand = demand.SelectMany(d => d).ToArray(),
        Capacity = [10, 10],
        FailoverCapacity = [12, 12],
        Failures = failures,
        Spread = spread ?? [],
        Zone = zone,
        ZoneNames = zone is null ? [""] : ["", "z"],
        Lonely = lonely,
    };

    private static LowerBound Bound(PlacementProblem p) => PlacementSolver.Solve(p).Bound;

    [Fact]
    public void Volume_bound_is_the_largest_over_dimensions()
    {
        // a: 3 + 4 + 3 + 4 + 3 = 17 → 2 hosts; b: 5 × 1 = 5 → 1.
        Bound(Problem([[3, 1], [4, 1], [3, 1], [4, 1], [3, 1]])).Value.ShouldBe(2);
    }

    [Fact]
    public void Items_larger_than_half_a_host_each_need_a_host_of_their_own()
    {
        // The volume says 3 (24 / 10), but no two of these fit together: Martello–Toth L2 says 4.
        Bound(Problem([[6, 1], [6, 1], [6, 1], [6, 1]])).Value.ShouldBe(4);
    }

    [Fact]
    public void Zones_add_up_because_they_never_share_a_host()
    {
        // Three small items in the default zone and two in zone z: one host each, though all fit on one.
        Bound(Problem([[1, 1], [1, 1], [1, 1], [1, 1], [1, 1]], zone: [0, 0, 0, 1, 1])).Value.ShouldBe(2);
    }

    [Fact]
    public void Each_lonely_item_needs_a_host_of_its_own()
    {
        Bound(Problem([[1, 1], [1, 1], [1, 1]], lonely: [true, true, false])).Value.ShouldBe(3);
    }

    [Fact]
    public void N_plus_k_adds_k_to_what_the_survivors_must_hold()
    {
        // 30 units of a: 3 hosts normally; survivors at 12 each need 3 → 3 + 2 = 5 with k = 2.
        var p = Problem([[10, 0], [10, 0], [10, 0]], failures: 2);
        var bound = Bound(p);
        bound.Value.ShouldBe(5);
        bound.Deciding.Reason.ShouldBe("N+2: the survivors of any 2 failures must hold everything");
    }

    [Fact]
    public void A_spread_group_needs_as_many_survivors_as_members()
    {
        Bound(Problem([[1, 1], [1, 1], [1, 1]], failures: 1, spread: [[0, 1, 2]])).Value.ShouldBe(4);
    }

    [Fact]
    public void The_solver_never_goes_below_the_bound_and_meets_it_on_a_perfect_packing()
    {
        // Pairs (7,3) and (3,7) fill hosts exactly: 4 pairs → 4 hosts, equal to the volume bound.
        var p = Problem([[7, 3], [3, 7], [7, 3], [3, 7], [7, 3], [3, 7], [7, 3], [3, 7]]);
        var result = PlacementSolver.Solve(p);
        result.Solution!.HostCount.ShouldBe(4);
        result.Bound.Value.ShouldBe(4);
    }
}
