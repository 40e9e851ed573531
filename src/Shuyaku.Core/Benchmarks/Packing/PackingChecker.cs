namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>
/// Verifies a bin packing of a published instance from scratch, in integers, sharing no code with the solvers: every
/// item is in exactly one bin, and no bin exceeds the capacity in any dimension.
/// </summary>
internal static class PackingChecker
{
    /// <summary>Every problem of the packing (bins as lists of item indices), or none when it is valid.</summary>
    public static IReadOnlyList<string> Check(BinPackingInstance instance, IReadOnlyList<IReadOnlyList<int>> bins)
    {
        var problems = new List<string>();
        var seen = new int[instance.Items];
        for (var b = 0; b < bins.Count; b++)
        {
            var load = new long[instance.Dimensions];
            foreach (var i in bins[b])
            {
                if (i < 0 || i >= instance.Items)
                {
                    problems.Add($"bin {b + 1} holds item {i + 1}, which the instance does not have");
                    continue;
                }

                seen[i]++;
                for (var k = 0; k < instance.Dimensions; k++)
                {
                    load[k] += instance.SizeOf(i, k);
                }
            }

            for (var k = 0; k < instance.Dimensions; k++)
            {
                if (load[k] > instance.Capacity[k])
                {
                    problems.Add($"bin {b + 1} carries {load[k]} in dimension {k + 1}, over the capacity {instance.Capacity[k]}");
                }
            }
        }

        for (var i = 0; i < instance.Items; i++)
        {
            if (seen[i] == 0)
            {
                problems.Add($"item {i + 1} is in no bin");
            }
            else if (seen[i] > 1)
            {
                problems.Add($"item {i + 1} is in {seen[i]} bins");
            }
        }

        return problems;
    }

    /// <summary>Bins as item lists from the bin of each item (bins numbered 0..count-1; -1 = not placed).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> BinsOf(int[] binOfItem, int binCount)
    {
        var bins = Enumerable.Range(0, binCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < binOfItem.Length; i++)
        {
            if (binOfItem[i] >= 0 && binOfItem[i] < binCount)
            {
                bins[binOfItem[i]].Add(i);
            }
        }

        return bins;
    }
}
