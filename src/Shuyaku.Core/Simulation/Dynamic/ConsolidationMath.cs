namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>
/// The statistics CloudSim 3.0.3's overload detectors use (its <c>MathUtil</c> over commons-math3), written so that
/// they give the same bits: IQR by rounded quartile indices, median by the "legacy" percentile estimate, and
/// ordinary least squares by <c>SimpleRegression</c>'s running updates.
/// </summary>
internal static class ConsolidationMath
{
    /// <summary>
    /// Length of a newest-first history once its trailing (oldest) zeros are cut: CloudSim's
    /// <c>countNonZeroBeginning</c>, which answers 1, not 0, for an all-zero history.
    /// </summary>
    public static int TrimmedLength(ReadOnlySpan<double> history)
    {
        var i = history.Length - 1;
        while (i >= 0)
        {
            if (history[i--] != 0)
            {
                break;
            }
        }

        return i + 2;
    }

    /// <summary>Q3 − Q1 with quartile indices round(0.25(n+1))−1 and round(0.75(n+1))−1. Sorts <paramref name="data"/>.</summary>
    public static double InterQuartileRange(Span<double> data)
    {
        SortShort(data);
        var q1 = (int)JavaRound(0.25 * (data.Length + 1)) - 1;
        var q3 = (int)JavaRound(0.75 * (data.Length + 1)) - 1;
        return data[q3] - data[q1];
    }

    /// <summary>Median of absolute deviations from the median. Overwrites <paramref name="data"/>.</summary>
    public static double MedianAbsoluteDeviation(Span<double> data)
    {
        if (data.Length == 0)
        {
            return 0;
        }

        var median = Median(data);

        // data is sorted now, so the deviations fall to the median and rise after it: two sorted runs that merge in
        // one pass instead of a second sort (same values, so the same median).
        Span<double> deviations = data.Length <= 64 ? stackalloc double[data.Length] : new double[data.Length];
        var split = 0;
        while (split < data.Length && data[split] <= median)
        {
            split++;
        }

        int left = split - 1, right = split, k = 0;
        while (left >= 0 || right < data.Length)
        {
            var fromLeft = left >= 0 ? Math.Abs(median - data[left]) : double.PositiveInfinity;
            var fromRight = right < data.Length ? Math.Abs(median - data[right]) : double.PositiveInfinity;
            if (fromLeft <= fromRight)
            {
                deviations[k++] = fromLeft;
                left--;
            }
            else
            {
                deviations[k++] = fromRight;
                right++;
            }
        }

        deviations.CopyTo(data);
        return MedianOfSorted(data);
    }

    /// <summary>commons-math3's 50th percentile, legacy estimation: position p(n+1), linear between neighbours. Sorts <paramref name="data"/>.</summary>
    public static double Median(Span<double> data)
    {
        if (data.Length == 1)
        {
            return data[0];
        }

        SortShort(data);
        return MedianOfSorted(data);
    }

    private static double MedianOfSorted(ReadOnlySpan<double> data)
    {
        if (data.Length == 1)
        {
            return data[0];
        }

        var position = 0.5 * (data.Length + 1);
        var floor = Math.Floor(position);
        var index = (int)floor;
        var fraction = position - floor;
        if (position < 1)
        {
            return data[0];
        }

        if (position >= data.Length)
        {
            return data[^1];
        }

        var lower = data[index - 1];
        var upper = data[index];
        return lower + (fraction * (upper - lower));
    }

    /// <summary>Intercept and slope of the least-squares line through (1, y0), (2, y1), …, updated point by point as commons-math3's SimpleRegression does.</summary>
    public static (double Intercept, double Slope) LinearRegression(ReadOnlySpan<double> y)
    {
        double sumX = 0, sumY = 0, sumXx = 0, sumXy = 0, xBar = 0, yBar = 0;
        for (var i = 0; i < y.Length; i++)
        {
            double x = i + 1;
            if (i == 0)
            {
                xBar = x;
                yBar = y[i];
            }
            else
            {
                var fact1 = 1.0 + i;
                var fact2 = i / (1.0 + i);
                var dx = x - xBar;
                var dy = y[i] - yBar;
                sumXx += dx * dx * fact2;
                sumXy += dx * dy * fact2;
                xBar += dx / fact1;
                yBar += dy / fact1;
            }

            sumX += x;
            sumY += y[i];
        }

        var slope = sumXy / sumXx;
        return ((sumY - (slope * sumX)) / y.Length, slope);
    }

    /// <summary>Ascending insertion sort: the histories are at most 30 values long, where it beats a general sort.</summary>
    private static void SortShort(Span<double> data)
    {
        if (data.Length > 64)
        {
            data.Sort();
            return;
        }

        for (var i = 1; i < data.Length; i++)
        {
            var value = data[i];
            var j = i - 1;
            while (j >= 0 && data[j] > value)
            {
                data[j + 1] = data[j];
                j--;
            }

            data[j + 1] = value;
        }
    }

    /// <summary>Java's Math.round: half up, not half to even.</summary>
    private static double JavaRound(double value) => Math.Floor(value + 0.5);
}
