using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Tests.Placement;

public sealed class FailureSetsTests
{
    [Theory]
    [InlineData(5, 0)]
    [InlineData(5, 1)]
    [InlineData(5, 2)]
    [InlineData(7, 3)]
    [InlineData(4, 4)]
    public void Every_set_of_k_hosts_comes_once_in_lexicographic_order_and_the_count_says_how_many(int n, int k)
    {
        // When every set of k of n hosts is listed
        var sets = FailureSets.All(n, k).ToList();

        // Then each is k distinct ascending hosts below n, none twice, in lexicographic order, as many as n choose k
        sets.ShouldAllBe(s => s.Length == k && s.All(h => h >= 0 && h < n) && s.Zip(s.Skip(1)).All(p => p.First < p.Second));
        sets.Select(s => string.Join(',', s)).Distinct().Count().ShouldBe(sets.Count);
        sets.Zip(sets.Skip(1)).ShouldAllBe(p => Precedes(p.First, p.Second));
        FailureSets.Count(n, k).ShouldBe(sets.Count);
    }

    [Fact]
    public void More_failures_than_hosts_give_no_set_and_a_count_too_large_for_a_long_saturates()
    {
        FailureSets.All(3, 4).ShouldBeEmpty();
        FailureSets.Count(3, 4).ShouldBe(0);
        FailureSets.Count(3, -1).ShouldBe(0);
        FailureSets.Count(10, 2).ShouldBe(45);

        // C(100, 50) is about 1.0e29, above long.MaxValue (9.2e18): the count stops there rather than wrapping
        FailureSets.Count(100, 50).ShouldBe(long.MaxValue);
    }

    private static bool Precedes(int[] a, int[] b)
    {
        var i = 0;
        while (i < a.Length && a[i] == b[i])
        {
            i++;
        }

        return i < a.Length && a[i] < b[i];
    }
}
