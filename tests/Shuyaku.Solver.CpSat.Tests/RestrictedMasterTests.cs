namespace Shuyaku.Solver.CpSat.Tests;

public sealed class RestrictedMasterTests
{
    private static IEnumerable<(int Row, int Count)> Items(int[] pattern) => pattern.Select(j => (j, 1));

    private static IEnumerable<(int Row, int Count)> Counts(int[] pattern) =>
        pattern.Select((count, type) => (type, count)).Where(e => e.count > 0);

    [Fact]
    public void The_integer_programme_over_the_pool_finds_the_packing_a_dive_from_the_hint_misses()
    {
        // Six items; the hint packs them in pairs on three hosts, but two patterns of three cover all six on two.
        int[][] pool = [[0, 3], [1, 4], [2, 5], [0, 1, 2], [3, 4, 5], [0, 1], [4, 5]];
        var rows = Enumerable.Range(0, 6).Select(j => (j, 1.0)).ToList();

        var chosen = RestrictedMaster.Solve(pool, rows, 6, Items, [[0, 3], [1, 4], [2, 5]], target: 2, best: 3, work: 2, TimeSpan.FromMinutes(1), seed: 1);

        chosen.ShouldNotBeNull();
        chosen.Count.ShouldBe(2);
        chosen.SelectMany(p => p).Order().ShouldBe([0, 1, 2, 3, 4, 5]);
    }

    [Fact]
    public void Patterns_of_item_types_may_be_taken_several_times_to_cover_each_demand()
    {
        // Three pieces of type 0 and two of type 1 from patterns (2, 0), (0, 2) and (1, 1): no two patterns cover them, three do.
        int[][] pool = [[2, 0], [0, 2], [1, 1]];

        var chosen = RestrictedMaster.Solve(pool, [(0, 3.0), (1, 2.0)], 2, Counts, null, target: 2, best: 5, work: 2, TimeSpan.FromMinutes(1), seed: 1);

        chosen.ShouldNotBeNull();
        chosen.Count.ShouldBe(3);
        chosen.Sum(p => p[0]).ShouldBeGreaterThanOrEqualTo(3);
        chosen.Sum(p => p[1]).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public void Nothing_is_returned_when_the_pool_holds_no_packing_on_fewer_hosts_than_the_best()
    {
        int[][] pool = [[0], [1], [2]];

        RestrictedMaster.Solve(pool, [(0, 1.0), (1, 1.0), (2, 1.0)], 3, Items, [[0], [1], [2]], target: 1, best: 3, work: 2, TimeSpan.FromMinutes(1), seed: 1)
            .ShouldBeNull();
    }
}
