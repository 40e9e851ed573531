using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Bounds;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement.Bounds;

public sealed class BinPackingBoundsTests
{
    [Fact]
    public void Martello_Toth_L2_counts_large_items_and_the_medium_ones_that_cannot_join_them()
    {
        // Capacity 10: three 6s need a bin each; the two 5s fit beside none of them and need a fourth. Volume says 3.
        BinPackingBounds.MartelloTothL2([0.6, 0.6, 0.6, 0.5, 0.5]).ShouldBe(4);
    }

    [Fact]
    public void Martello_Toth_L2_is_the_volume_bound_when_items_are_small()
    {
        BinPackingBounds.MartelloTothL2([0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]).ShouldBe(3);
        BinPackingBounds.MartelloTothL2([]).ShouldBe(0);
    }

    [Fact]
    public void Martello_Toth_L2_uses_the_room_beside_large_items()
    {
        // 0.7 + 0.3 fit together: 0.7, 0.7 and four 0.3s need 3 bins (two of the 0.3s beside the 0.7s, two more in one).
        BinPackingBounds.MartelloTothL2([0.7, 0.7, 0.3, 0.3, 0.3, 0.3]).ShouldBe(3);
    }

    [Fact]
    public void The_planner_bound_includes_large_items_that_pairwise_cannot_share_a_host()
    {
        // Two dimensions; each pair of the three big items overflows one of them, so three hosts though volume says two.
        var p = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d"],
            DimensionNames = ["cpu", "mem"],
            Demand = [6, 1, 1, 6, 5, 5, 1, 1],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
        };

        // a+b = (7,7) fits; a+c = (11,6) no; b+c = (6,11) no: a and c, b and c conflict, a and b do not, so L2 per
        // dimension (one item above half each) and the incompatible set {a, c} give 2; the plan needs 2 as well.
        var result = PlacementSolver.Solve(p);
        result.Bound.Value.ShouldBe(2);
        result.Solution!.HostCount.ShouldBe(2);

        var q = new PlacementProblem
        {
            ItemNames = ["a", "b", "c"],
            DimensionNames = ["cpu", "mem"],
            Demand = [6, 4, 4, 6, 6, 6],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
        };

        // a+b = (10,10) fits, a+c and b+c overflow: the bound is 2 and so is the optimum.
        PlacementSolver.Solve(q).Bound.Value.ShouldBe(2);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Bounds_on_perfect_packings_equal_the_number_of_full_bins(int seed)
    {
        var instance = ProblemFactory.Perfect(bins: 12, dimensions: 1 + (seed % 3), maxPerBin: 4, seed);

        PlacementSolver.Solve(instance.ToProblem(), new SolveOptions { TimeLimit = TimeSpan.Zero }).Bound.Value.ShouldBe(12);
    }

    [Fact]
    public void Per_zone_bounds_add_up_across_zones()
    {
        // Zone 1: three 0.6 items need three hosts; zone 2: one item. Zones never share hosts: 4.
        var p = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d"],
            DimensionNames = ["cpu"],
            Demand = [6, 6, 6, 1],
            Capacity = [10],
            FailoverCapacity = [10],
            Zone = [1, 1, 1, 2],
            ZoneNames = ["", "one", "two"],
        };

        PlacementSolver.Solve(p).Bound.Value.ShouldBe(4);
    }
}
