using Shuyaku.Core.Simulation.Dynamic;

namespace Shuyaku.Core.Tests.Simulation.Dynamic;

public sealed class ConsolidationMathTests
{
    [Fact]
    public void Iqr_uses_rounded_quartile_positions_of_the_sorted_data()
    {
        // n = 12: Q1 at round(3.25) − 1 = 2, Q3 at round(9.75) − 1 = 9 (0-based) of 1..12 shuffled.
        double[] data = [12, 3, 7, 1, 9, 5, 11, 2, 10, 4, 8, 6];
        ConsolidationMath.InterQuartileRange(data).ShouldBe(10 - 3);
    }

    [Fact]
    public void Iqr_rounds_half_up_as_java_does()
    {
        // n = 13: 0.25 × 14 = 3.5 rounds to 4 (not to even 4 either way), 0.75 × 14 = 10.5 rounds to 11 (banker's would give 10).
        var data = Enumerable.Range(1, 13).Select(i => (double)i).ToArray();
        ConsolidationMath.InterQuartileRange(data).ShouldBe(11 - 4);
    }

    [Fact]
    public void Mad_is_the_median_of_absolute_deviations_from_the_median()
    {
        double[] data = [1, 2, 3, 4, 100];
        ConsolidationMath.MedianAbsoluteDeviation(data).ShouldBe(1);
    }

    [Fact]
    public void Median_of_an_even_count_is_half_way_between_the_middle_values()
    {
        double[] data = [4, 1, 3, 2];
        ConsolidationMath.Median(data).ShouldBe(2.5);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0, 0 }, 1)]
    [InlineData(new[] { 0.5, 0, 0.2, 0 }, 3)]
    [InlineData(new[] { 0.1, 0.2, 0.3 }, 3)]
    [InlineData(new[] { 0.0, 0, 0 }, 1)]
    public void Trailing_zeros_are_trimmed_but_never_below_one_value(double[] history, int length) =>
        ConsolidationMath.TrimmedLength(history).ShouldBe(length);

    [Fact]
    public void Regression_recovers_a_straight_line()
    {
        var y = Enumerable.Range(1, 10).Select(x => 0.05 + (0.03 * x)).ToArray();
        var (intercept, slope) = ConsolidationMath.LinearRegression(y);
        intercept.ShouldBe(0.05, 1e-12);
        slope.ShouldBe(0.03, 1e-12);
    }

    [Theory]
    [InlineData(0.37, 0.04, 0.81, false)] // 0.41 → 0.77: 1.2 × 0.81 = 0.972 < 1
    [InlineData(0.35, 0.05, 0.90, true)]  // 0.40 → 0.85: 1.2 × 0.90 = 1.08 ≥ 1
    public void Local_regression_flags_a_host_whose_trend_times_the_safety_parameter_reaches_full(
        double intercept0, double slope0, double predictedNext, bool overloaded)
    {
        var y = Enumerable.Range(1, 10).Select(x => intercept0 + (slope0 * x)).ToArray();
        var (intercept, slope) = ConsolidationMath.LinearRegression(y);
        var predicted = intercept + (slope * 11);
        predicted.ShouldBe(predictedNext, 1e-12);
        (1.2 * predicted >= 1).ShouldBe(overloaded);
    }
    [Fact]
    public void Iqr_and_mad_thresholds_of_a_known_host_history()
    {
        // Twelve history values 0.30, 0.32, …, 0.52 (newest first does not matter): IQR = 0.48 − 0.34 = 0.14, so IQR 1.5
        // flags the host above 1 − 1.5 × 0.14 = 0.79; the median is 0.41, the deviations' median 0.06, so MAD 2.5 flags
        // it above 1 − 2.5 × 0.06 = 0.85.
        double[] History() => [.. Enumerable.Range(0, 12).Select(i => 0.52 - (0.02 * i))];
        (1 - (1.5 * ConsolidationMath.InterQuartileRange(History()))).ShouldBe(0.79, 1e-12);
        (1 - (2.5 * ConsolidationMath.MedianAbsoluteDeviation(History()))).ShouldBe(0.85, 1e-12);
    }

    [Fact]
    public void Mad_and_iqr_equal_the_textbook_computation_on_random_histories()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 2000; trial++)
        {
            // Histories of host utilisation: up to 30 values, often with repeats (PlanetLab samples are whole percents).
            var data = Enumerable.Range(0, random.Next(1, 31)).Select(_ => random.Next(0, 40) / 37.0).ToArray();

            var sorted = data.Order().ToArray();
            var median = TextbookMedian(sorted);
            var mad = TextbookMedian([.. sorted.Select(x => Math.Abs(median - x)).Order()]);
            ConsolidationMath.MedianAbsoluteDeviation(data.ToArray()).ShouldBe(mad);

            var q1 = (int)Math.Floor((0.25 * (sorted.Length + 1)) + 0.5) - 1;
            var q3 = (int)Math.Floor((0.75 * (sorted.Length + 1)) + 0.5) - 1;
            if (q3 < sorted.Length && q1 >= 0)
            {
                ConsolidationMath.InterQuartileRange(data.ToArray()).ShouldBe(sorted[q3] - sorted[q1]);
            }
        }
    }

    private static double TextbookMedian(double[] sorted)
    {
        if (sorted.Length == 1)
        {
            return sorted[0];
        }

        var position = 0.5 * (sorted.Length + 1);
        var index = (int)Math.Floor(position);
        return sorted[index - 1] + ((position - Math.Floor(position)) * (sorted[index] - sorted[index - 1]));
    }
}
