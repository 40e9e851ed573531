namespace Shuyaku.Solver.CpSat.Tests;

/// <summary>The pricing knapsack against enumeration of every subset on small seeded random units.</summary>
public sealed class KnapsackPricerTests
{
    /// <summary>
    /// Complete searches (no early stop) find the maximum over every subset that fits, with or without pairs kept apart;
    /// many units share a demand vector, so taking a class by count is checked too.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_complete_search_finds_the_maximum_over_every_subset(int seed)
    {
        var rng = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var (m, d, demand, value, apart) = Generate(rng);
            var pricer = new KnapsackPricer(d, demand, value, Enumerable.Range(0, m), apart, nodeLimit: 1_000_000, enough: int.MaxValue);

            pricer.Run();

            var best = BruteForce(m, d, demand, value, apart, out var fitting);
            pricer.Proven.ShouldBeTrue();
            if (best > 1 + 1e-9)
            {
                pricer.BestValue.ShouldBe(best, 1e-9);
                pricer.UpperBound.ShouldBe(best, 1e-9);
                pricer.Found.ShouldContain(f => Math.Abs(f.Value - best) < 1e-9);
            }
            else
            {
                pricer.Found.ShouldBeEmpty();
                pricer.UpperBound.ShouldBeLessThanOrEqualTo(1 + 1e-9);
            }

            CheckFound(pricer, value, fitting);
        }
    }

    /// <summary>
    /// A search stopped after a few nodes with a pattern found still proves an upper bound: no subset that fits is worth
    /// more than it reports.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_search_stopped_early_reports_a_valid_upper_bound(int seed)
    {
        var rng = new Random(seed);
        var stopped = 0;
        for (var round = 0; round < 40; round++)
        {
            var (m, d, demand, value, apart) = Generate(rng);
            var pricer = new KnapsackPricer(d, demand, value, Enumerable.Range(0, m), apart, nodeLimit: 1_000_000, enough: 3);

            pricer.Run();

            var best = BruteForce(m, d, demand, value, apart, out var fitting);
            pricer.Proven.ShouldBeTrue();
            if (best > 1 + 1e-9)
            {
                pricer.UpperBound.ShouldBeGreaterThanOrEqualTo(best - 1e-9);
                pricer.Found.ShouldNotBeEmpty();
            }

            if (pricer.UpperBound > pricer.BestValue + 1e-9)
            {
                stopped++;
            }

            CheckFound(pricer, value, fitting);
        }

        // Some searches must really have stopped with parts unexplored, or the test checks nothing new.
        stopped.ShouldBeGreaterThan(0);
    }

    /// <summary>
    /// A settled search told which bound is useful proves it whenever the maximum is below it (its upper bound is then at
    /// most that), and never reports less than the maximum.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void A_settled_search_proves_the_useful_bound_when_the_maximum_is_below_it(int seed)
    {
        var rng = new Random(seed);
        var below = 0;
        for (var round = 0; round < 60; round++)
        {
            var (m, d, demand, value, apart) = Generate(rng);
            var best = BruteForce(m, d, demand, value, apart, out var fitting);
            var useful = best + ((rng.NextDouble() - 0.5) * 0.2);
            var pricer = new KnapsackPricer(d, demand, value, Enumerable.Range(0, m), apart, nodeLimit: 1_000_000, enough: 20, useful: useful);

            pricer.Run();

            pricer.Proven.ShouldBeTrue();
            if (best > 1 + 1e-9)
            {
                pricer.UpperBound.ShouldBeGreaterThanOrEqualTo(best - 1e-9);
                if (best <= useful)
                {
                    pricer.UpperBound.ShouldBeLessThanOrEqualTo(useful + 1e-9);
                    below++;
                }
            }

            CheckFound(pricer, value, fitting);
        }

        below.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_search_out_of_nodes_proves_nothing()
    {
        double[] demand = [0.3, 0.3, 0.3, 0.3, 0.4, 0.2];
        var pricer = new KnapsackPricer(1, demand, [0.5, 0.5, 0.5, 0.5, 0.9, 0.2], Enumerable.Range(0, 6), [], nodeLimit: 2, enough: int.MaxValue);

        pricer.Run();

        pricer.Proven.ShouldBeFalse();
    }

    [Fact]
    public void Units_kept_apart_never_share_a_pattern()
    {
        // Alone, units 0 and 1 together are the best pattern (1.8); kept apart, the best is 0 with 2 (1.3).
        double[] demand = [0.5, 0.5, 0.5];
        var pricer = new KnapsackPricer(1, demand, [0.9, 0.9, 0.4], Enumerable.Range(0, 3), [(0, 1)], nodeLimit: 1000, enough: int.MaxValue);

        pricer.Run();

        pricer.BestValue.ShouldBe(1.3, 1e-9);
        pricer.Found.ShouldAllBe(f => !(f.Units.Contains(0) && f.Units.Contains(1)));
    }

    private static void CheckFound(KnapsackPricer pricer, double[] value, List<int[]> fitting)
    {
        foreach (var (units, v) in pricer.Found)
        {
            v.ShouldBeGreaterThan(1);
            fitting.ShouldContain(p => p.SequenceEqual(units));
            v.ShouldBe(units.Sum(u => value[u]), 1e-9);
        }
    }

    /// <summary>
    /// Units of one to four dimensions, demands in tenths (a host holds 1), drawn from a few vectors so classes of identical
    /// demand vectors occur; values around what duals of column generation look like; sometimes pairs kept apart.
    /// </summary>
    private static (int M, int D, double[] Demand, double[] Value, (int, int)[] Apart) Generate(Random rng)
    {
        var m = 4 + rng.Next(11);
        var d = 1 + rng.Next(4);
        var kinds = Enumerable.Range(0, 2 + rng.Next(m)).Select(_ => Enumerable.Range(0, d).Select(_ => rng.Next(0, 7) / 10.0).ToArray()).ToArray();
        var demand = new double[m * d];
        for (var u = 0; u < m; u++)
        {
            var kind = kinds[rng.Next(kinds.Length)];
            Array.Copy(kind, 0, demand, u * d, d);
        }

        // Some worth nothing (they take no part), the rest up to 0.7: patterns of two to four units pass one host.
        double[] value = [.. Enumerable.Range(0, m).Select(_ => rng.Next(6) == 0 ? 0 : Math.Round(rng.NextDouble() * 0.7, 3))];
        (int, int)[] apart = rng.Next(2) == 0 ? [(0, 1), (2, 3), (1, 4)] : [];
        return (m, d, demand, value, apart);
    }

    /// <summary>The best value over every subset of units worth more than zero that fits and keeps no pair together.</summary>
    private static double BruteForce(int m, int d, double[] demand, double[] value, (int, int)[] apart, out List<int[]> fitting)
    {
        fitting = [];
        var best = 0.0;
        for (var mask = 1; mask < 1 << m; mask++)
        {
            var units = Enumerable.Range(0, m).Where(u => (mask & (1 << u)) != 0).ToArray();
            if (units.Any(u => value[u] <= 0) || apart.Any(p => units.Contains(p.Item1) && units.Contains(p.Item2)))
            {
                continue;
            }

            var fits = Enumerable.Range(0, d).All(k => units.Sum(u => demand[(u * d) + k]) <= 1 + 1e-9);
            if (fits)
            {
                fitting.Add(units);
                best = Math.Max(best, units.Sum(u => value[u]));
            }
        }

        return best;
    }
}
