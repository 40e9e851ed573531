using Shuyaku.Core.Benchmarks.Packing;

namespace Shuyaku.Core.Tests.Benchmarks.Packing;

public sealed class PerfectPackingsTests
{
    [Fact]
    public void Every_dimension_sums_to_the_bins_times_the_capacity_with_every_item_at_least_one()
    {
        var instance = PerfectPackings.Generate(bins: 12, dimensions: 3, minPerBin: 2, maxPerBin: 8, seed: 5, capacity: 100);

        instance.Dimensions.ShouldBe(3);
        instance.Items.ShouldBeInRange(12 * 2, 12 * 8);
        instance.Sizes.ShouldAllBe(s => s >= 1 && s <= 100);
        for (var k = 0; k < 3; k++)
        {
            Enumerable.Range(0, instance.Items).Sum(i => instance.SizeOf(i, k)).ShouldBe(12 * 100);
        }

        instance.Class.ShouldBe("perfect/d3");
        PerfectPackings.Known(instance, 12).Optimum.ShouldBe(12);
    }

    [Fact]
    public void The_same_arguments_give_the_same_instance_and_another_seed_another()
    {
        var a = PerfectPackings.Generate(10, 2, 2, 5, seed: 1);
        var b = PerfectPackings.Generate(10, 2, 2, 5, seed: 1);
        var c = PerfectPackings.Generate(10, 2, 2, 5, seed: 2);

        b.Sizes.ShouldBe(a.Sizes);
        b.Name.ShouldBe("perfect_d2_b10_k2-5_s1");
        c.Sizes.ShouldNotBe(a.Sizes);
    }

    [Fact]
    public void With_one_item_count_every_bin_holds_exactly_that_many()
    {
        var instance = PerfectPackings.Generate(bins: 7, dimensions: 2, minPerBin: 4, maxPerBin: 4, seed: 3, capacity: 50);

        instance.Items.ShouldBe(28);
    }
}
