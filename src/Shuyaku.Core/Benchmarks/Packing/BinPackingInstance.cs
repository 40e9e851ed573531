using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>
/// A published bin packing instance: identical bins of one capacity vector and items with integer sizes.
/// <see cref="Sizes"/> holds item i's size in dimension k at [i * Dimensions + k].
/// </summary>
public sealed class BinPackingInstance
{
    /// <summary>The instance's name: its file name without extension.</summary>
    public required string Name { get; init; }

    /// <summary>The instance's family, e.g. <c>Panigrahy/class1</c> or <c>Scholl_1</c>, from the folders it sits in.</summary>
    public required string Class { get; init; }

    /// <summary>The file it was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The bins' capacity, one value per dimension.</summary>
    public required long[] Capacity { get; init; }

    /// <summary>Item sizes, item-major: item i's size in dimension k at [i * Dimensions + k].</summary>
    public required long[] Sizes { get; init; }

    /// <summary>Number of dimensions (1 for BPPLIB instances).</summary>
    public int Dimensions => Capacity.Length;

    /// <summary>Number of items.</summary>
    public int Items => Sizes.Length / Capacity.Length;

    /// <summary>Size of <paramref name="item"/> in dimension <paramref name="k"/>.</summary>
    public long SizeOf(int item, int k) => Sizes[(item * Dimensions) + k];

    /// <summary>The instance as a placement problem with no rules and no failures: one item per workload, one bin per host.</summary>
    public PlacementProblem ToProblem()
    {
        var d = Dimensions;
        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, Items).Select(i => $"item{i + 1}").ToArray(),
            DimensionNames = Enumerable.Range(0, d).Select(k => d == 1 ? "size" : $"dim{k + 1}").ToArray(),
            Demand = Sizes.Select(s => (double)s).ToArray(),
            Capacity = Capacity.Select(c => (double)c).ToArray(),
            FailoverCapacity = Capacity.Select(c => (double)c).ToArray(),
            Failures = 0,
        };
    }
}
