using System.Globalization;

namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>
/// Fresh perfect vector packings: every bin is cut into items that fill it exactly in every dimension, so the optimum
/// is the number of bins (the volume bound meets it in every dimension). Unlike the published Triplet classes, bins may
/// hold any number of items.
/// </summary>
public static class PerfectPackings
{
    /// <summary>
    /// One instance of <paramref name="bins"/> bins of capacity <paramref name="capacity"/> in each of
    /// <paramref name="dimensions"/> dimensions. Each bin draws its item count uniformly from
    /// <paramref name="minPerBin"/>..<paramref name="maxPerBin"/>; in each dimension independently it draws count − 1
    /// distinct cut points uniformly from 1..capacity − 1, and its items are the pieces between consecutive cuts (every
    /// piece at least 1, the pieces summing to the capacity). All items are then shuffled (seeded), so their order tells
    /// nothing of their bins. The same arguments give the same instance.
    /// </summary>
    public static BinPackingInstance Generate(int bins, int dimensions, int minPerBin, int maxPerBin, int seed, long capacity = 1000)
    {
        if (bins < 1 || dimensions < 1 || minPerBin < 1 || maxPerBin < minPerBin || capacity < maxPerBin)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), "bins, dimensions and items per bin must be at least 1, and the capacity at least the most items per bin");
        }

        // One stream per seed and dimension count, so adding a dimension count to a run does not change the other instances.
        // (HashCode is seeded per process, hence the plain arithmetic.)
        var rng = new Random(unchecked((seed * 1_000_003) + (dimensions * 7_919)) & int.MaxValue);
        var items = new List<long[]>();
        for (var b = 0; b < bins; b++)
        {
            var count = minPerBin + rng.Next(maxPerBin - minPerBin + 1);
            var parts = new long[count][];
            for (var i = 0; i < count; i++)
            {
                parts[i] = new long[dimensions];
            }

            for (var k = 0; k < dimensions; k++)
            {
                var cuts = new SortedSet<long> { 0, capacity };
                while (cuts.Count < count + 1)
                {
                    cuts.Add(1 + rng.NextInt64(capacity - 1));
                }

                var at = cuts.ToArray();
                for (var i = 0; i < count; i++)
                {
                    parts[i][k] = at[i + 1] - at[i];
                }
            }

            items.AddRange(parts);
        }

        var shuffled = items.ToArray();
        rng.Shuffle(shuffled);
        var name = string.Create(CultureInfo.InvariantCulture, $"perfect_d{dimensions}_b{bins}_k{minPerBin}-{maxPerBin}_s{seed}");
        return new BinPackingInstance
        {
            Name = name,
            Class = string.Create(CultureInfo.InvariantCulture, $"perfect/d{dimensions}"),
            Path = name,
            Capacity = Enumerable.Repeat(capacity, dimensions).ToArray(),
            Sizes = shuffled.SelectMany(s => s).ToArray(),
        };
    }

    /// <summary>What is known of a generated instance: its optimum is its number of bins.</summary>
    public static KnownBound Known(BinPackingInstance instance, int bins)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new KnownBound(instance.Name, instance.Class, null, bins, bins, bins, null);
    }
}
