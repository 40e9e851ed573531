using Shuyaku.Core.Benchmarks.Packing;

namespace Shuyaku.Core.Tests.Benchmarks.Packing;

public sealed class PackingCheckerTests
{
    private static readonly BinPackingInstance Instance = new()
    {
        Name = "t",
        Class = "t",
        Path = "t.vbp",
        Capacity = [10, 10],
        Sizes = [6, 2, 4, 8, 5, 5],
    };

    [Fact]
    public void A_packing_within_capacity_with_every_item_once_is_valid()
    {
        PackingChecker.Check(Instance, [[0, 1], [2]]).ShouldBeEmpty();
    }

    [Fact]
    public void A_bin_over_capacity_in_one_dimension_is_caught()
    {
        PackingChecker.Check(Instance, [[1, 2], [0]]).ShouldBe(["bin 1 carries 13 in dimension 2, over the capacity 10"]);
    }

    [Fact]
    public void Missing_and_repeated_items_are_caught()
    {
        PackingChecker.Check(Instance, [[0], [0]]).ShouldBe(["item 1 is in 2 bins", "item 2 is in no bin", "item 3 is in no bin"]);
    }

    [Fact]
    public void Unplaced_items_from_a_bin_of_each_item_array_are_reported_missing()
    {
        PackingChecker.Check(Instance, PackingChecker.BinsOf([0, -1, 1], 2)).ShouldBe(["item 2 is in no bin"]);
    }
}
