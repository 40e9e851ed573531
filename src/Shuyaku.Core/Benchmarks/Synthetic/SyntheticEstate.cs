using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>
/// A seeded synthetic estate for scale benchmarks: VMs of typical shapes (cores, GiB) on 64-core / 512 GiB hosts with 80%
/// headroom in normal operation and the full host after a failure; a share of the VMs are replicas of services spread over
/// distinct hosts (groups of 2–4).
/// </summary>
public static class SyntheticEstate
{
    private static readonly double[] Cores = [1, 2, 2, 4, 4, 4, 8, 8, 16];
    private static readonly double[] GibPerCore = [2, 4, 4, 4, 8, 8, 16];

    public static PlacementProblem Create(int workloads, int failures, double spreadShare, int seed)
    {
        var rng = new Random(seed);
        var demand = new double[workloads * 2];
        for (var i = 0; i < workloads; i++)
        {
            var cores = Cores[rng.Next(Cores.Length)];
            demand[2 * i] = cores;
            demand[(2 * i) + 1] = cores * GibPerCore[rng.Next(GibPerCore.Length)];
        }

        var spread = new List<int[]>();
        var next = 0;
        var inSpread = (int)(workloads * spreadShare);
        while (next + 4 <= inSpread)
        {
            var size = 2 + rng.Next(3);
            var group = Enumerable.Range(next, size).ToArray();

            // Replicas of one service have one shape.
            foreach (var i in group.Skip(1))
            {
                demand[2 * i] = demand[2 * group[0]];
                demand[(2 * i) + 1] = demand[(2 * group[0]) + 1];
            }

            spread.Add(group);
            next += size;
        }

        return new PlacementProblem
        {
            ItemNames = Enumerable.Range(0, workloads).Select(i => $"vm{i + 1}").ToArray(),
            DimensionNames = ["cores", "GiB"],
            Demand = demand,
            Capacity = [64 * 0.8, 512 * 0.8],
            FailoverCapacity = [64, 512],
            Failures = failures,
            Spread = [.. spread],
        };
    }
}
