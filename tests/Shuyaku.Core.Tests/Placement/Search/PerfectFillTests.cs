using System.Runtime.InteropServices;
using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement.Search;

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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Triplets_with_negative_sizes_are_found_as_an_exact_cover(int seed)
    {
        // 40 hosts of (100, 100, 100), each the sum of three items, one with a negative size in a random dimension (as in
        // the published Caprara triplets): the first and second items of a host overflow it together, and only the whole
        // triplet fits, which is what the exact cover checks.
        var rng = new Random(seed);
        var items = new List<double[]>();
        for (var b = 0; b < 40; b++)
        {
            var negative = rng.Next(3);
            var first = new double[3];
            var second = new double[3];
            for (var k = 0; k < 3; k++)
            {
                first[k] = k == negative ? rng.Next(70, 90) : rng.Next(20, 50);
                second[k] = k == negative ? rng.Next(30, 50) : rng.Next(20, 100 - (int)first[k] - 5);
            }

            items.AddRange([first, second, [.. Enumerable.Range(0, 3).Select(k => 100 - first[k] - second[k])]]);
        }

        rng.Shuffle(CollectionsMarshal.AsSpan(items));
        items.ShouldContain(item => item.Any(v => v < 0));
        var problem = new PlacementProblem
        {
            ItemNames = [.. items.Select((_, i) => $"vm{i}")],
            DimensionNames = ["cpu", "memory", "disk"],
            Demand = [.. items.SelectMany(item => item)],
            Capacity = [100, 100, 100],
            FailoverCapacity = [100, 100, 100],
        };

        var packing = PerfectFill.FindByExactCover(Units.Build(problem), 40, label: -1, Budget(seed));

        packing.ShouldNotBeNull();
        packing.Hosts.ShouldBe(40);
        SolutionChecker.Check(problem, packing.ToSolution("test")).ShouldBeEmpty();
    }

    [Fact]
    public void The_exact_cover_declines_hosts_that_need_four_items()
    {
        // Bins of 2-6 items: more items than three per host, so some host needs four or more.
        var instance = ProblemFactory.Perfect(bins: 10, dimensions: 2, maxPerBin: 6, seed: 1);
        var units = Units.Build(instance.ToProblem());
        units.Count.ShouldBeGreaterThan(3 * 10);

        PerfectFill.FindByExactCover(units, 10, label: -1, Budget()).ShouldBeNull();
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
