using Shuyaku.Checking;
using Shuyaku.Placement;

namespace Shuyaku.Tests.Placement;

public sealed class PerfectFillTests
{
    private static SearchBudget Budget(int seed = 1) => new(TimeSpan.FromMinutes(1), long.MaxValue, seed, TimeProvider.System);

    [Theory]
    [InlineData(3, 2, 3)]
    [InlineData(4, 3, 3)]
    [InlineData(5, 10, 3)]
    [InlineData(6, 5, 4)]
    public void Packings_that_must_fill_every_host_exactly_are_found(int seed, int dimensions, int maxPerBin)
    {
        var instance = ProblemFactory.Perfect(bins: 60, dimensions, maxPerBin, seed, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        PerfectFill.TightDimensions(units, 60).ShouldAllBe(t => t);

        var packing = PerfectFill.Find(units, 60, label: -1, Budget(seed));

        packing.ShouldNotBeNull();
        packing.Hosts.ShouldBe(60);
        var solution = packing.ToSolution("test");
        PackingChecker.Check(instance, PackingChecker.BinsOf(solution.HostOfItem, solution.HostCount)).ShouldBeEmpty();
    }

    [Fact]
    public void Only_dimensions_whose_total_is_exactly_the_hosts_capacity_are_tight()
    {
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c"],
            DimensionNames = ["cpu", "memory"],
            Demand = [5, 1, 5, 2, 10, 3],
            Capacity = [10, 10],
            FailoverCapacity = [10, 10],
        };

        PerfectFill.TightDimensions(Units.Build(problem), 2).ShouldBe([true, false]);
        PerfectFill.TightDimensions(Units.Build(problem), 3).ShouldBe([false, false]);
    }

    [Fact]
    public void No_packing_is_claimed_when_the_items_cannot_fill_the_hosts_exactly()
    {
        // 6 + 6 + 6 + 1 + 1 = 20 = two hosts of 10, yet no two 6s share a host: three hosts are needed.
        var problem = new PlacementProblem
        {
            ItemNames = ["a", "b", "c", "d", "e"],
            DimensionNames = ["cpu"],
            Demand = [6, 6, 6, 1, 1],
            Capacity = [10],
            FailoverCapacity = [10],
        };
        var units = Units.Build(problem);
        PerfectFill.TightDimensions(units, 2).ShouldBe([true]);

        PerfectFill.Find(units, 2, label: -1, Budget()).ShouldBeNull();
    }
}
