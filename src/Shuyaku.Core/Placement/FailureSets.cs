namespace Shuyaku.Core.Placement;

/// <summary>The failure scenarios of N+k: every set of k hosts out of n, and how many there are.</summary>
public static class FailureSets
{
    /// <summary>Every set of <paramref name="k"/> hosts out of <paramref name="n"/> (numbered 0 to n − 1), in lexicographic order.</summary>
    public static IEnumerable<int[]> All(int n, int k)
    {
        if (k > n)
        {
            yield break;
        }

        var c = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])c.Clone();
            var i = k - 1;
            while (i >= 0 && c[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            c[i]++;
            for (var j = i + 1; j < k; j++)
            {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    /// <summary>n choose k: how many sets <see cref="All"/> gives; 0 when k is negative or above n, <see cref="long.MaxValue"/> when it overflows.</summary>
    public static long Count(int n, int k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        var c = 1L;
        for (var i = 1; i <= k; i++)
        {
            c = c > long.MaxValue / (n - k + i) ? long.MaxValue : c * (n - k + i) / i;
        }

        return c;
    }
}
