namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>Exact-fill pricing against enumeration of every subset on small generated groups.</summary>
public sealed class ExactFillPricerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_best_exact_fill_pattern_is_the_maximum_over_every_subset(int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var m = 4 + rng.Next(9);
            var d = 1 + rng.Next(3);
            long[] capacity = [.. Enumerable.Range(0, d).Select(_ => (long)(8 + rng.Next(10)))];
            var demand = new long[m * d];
            for (var i = 0; i < demand.Length; i++)
            {
                demand[i] = rng.Next(0, 7);
            }

            // Values of either sign: a group worth nothing may still be needed to close a host.
            double[] value = [.. Enumerable.Range(0, m).Select(_ => Math.Round((rng.NextDouble() * 1.2) - 0.2, 3))];
            bool[] skip = [.. Enumerable.Range(0, m).Select(_ => rng.Next(8) == 0)];
            int[] exact = [.. Enumerable.Range(0, d).Where(k => k == 0 || rng.Next(2) == 0)];
            (int, int)[] apart = rng.Next(2) == 0 ? [(0, 1), (2, 3)] : [];
            var pricer = new ExactFillPricer(demand, capacity, value, skip, exact, apart, 1_000_000);

            pricer.Run();

            var best = BruteForce(m, d, demand, capacity, value, skip, exact, apart, out var patterns);
            pricer.Proven.ShouldBeTrue();
            if (best > 1 + 1e-9)
            {
                pricer.BestValue.ShouldBe(best, 1e-9);
                pricer.Found.ShouldNotBeEmpty();
            }
            else
            {
                pricer.Found.ShouldBeEmpty();
                pricer.BestValue.ShouldBeLessThanOrEqualTo(1 + 1e-9);
            }

            foreach (var (groups, v) in pricer.Found)
            {
                patterns.ShouldContain(p => p.SequenceEqual(groups));
                v.ShouldBe(groups.Sum(g => value[g]), 1e-9);
            }
        }
    }

    [Fact]
    public void A_pricer_out_of_nodes_proves_nothing()
    {
        long[] demand = [3, 3, 3, 3, 4, 2];
        var pricer = new ExactFillPricer(demand, [6], [0.5, 0.5, 0.5, 0.5, 0.9, 0.9], new bool[6], [0], [], nodeLimit: 2);

        pricer.Run();

        pricer.Proven.ShouldBeFalse();
    }

    private static double BruteForce(
        int m, int d, long[] demand, long[] capacity, double[] value, bool[] skip, int[] exact, (int, int)[] apart, out List<int[]> patterns)
    {
        var best = 0.0;
        patterns = [];
        for (var mask = 1; mask < 1 << m; mask++)
        {
            int[] chosen = [.. Enumerable.Range(0, m).Where(g => (mask & (1 << g)) != 0)];
            if (chosen.Any(g => skip[g]) || apart.Any(p => chosen.Contains(p.Item1) && chosen.Contains(p.Item2)))
            {
                continue;
            }

            var fits = Enumerable.Range(0, d).All(k =>
            {
                var sum = chosen.Sum(g => demand[(g * d) + k]);
                return exact.Contains(k) ? sum == capacity[k] : sum <= capacity[k];
            });
            if (fits)
            {
                patterns.Add(chosen);
                best = Math.Max(best, chosen.Sum(g => value[g]));
            }
        }

        return best;
    }
}
