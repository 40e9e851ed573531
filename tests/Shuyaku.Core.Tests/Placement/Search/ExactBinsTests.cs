using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class ExactBinsTests
{
    private static SearchBudget Budget(int seed) => new(TimeSpan.FromMinutes(10), long.MaxValue, seed, TimeProvider.System);

    [Theory]
    [InlineData(2, 2, 8, 3)]
    [InlineData(3, 2, 8, 1)]
    [InlineData(3, 2, 5, 3)]
    [InlineData(1, 2, 8, 4)]
    [InlineData(5, 2, 8, 1)]
    public void Perfect_packings_of_any_number_of_items_per_bin_are_found_within_a_node_budget(int dimensions, int minPerBin, int maxPerBin, int seed)
    {
        var instance = PerfectPackings.Generate(bins: 30, dimensions, minPerBin, maxPerBin, seed, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        var tight = PerfectFill.TightDimensions(units, 30);
        tight.ShouldAllBe(t => t);

        var hostOf = ExactBins.Find(units, 30, tight, Budget(seed), nodeLimit: 5_000_000, out var spent);

        hostOf.ShouldNotBeNull($"no packing after {spent} nodes");
        spent.ShouldBeLessThanOrEqualTo(5_000_000);
        hostOf.Max().ShouldBe(29);
        PackingChecker.Check(instance, PackingChecker.BinsOf(hostOf, 30)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(5, 2)]
    public void Forty_hosts_of_up_to_eight_items_in_five_dimensions_are_found_within_a_node_budget(int dimensions, int seed)
    {
        // 40 hosts of 2-8 items: completions that run out of steps pass the host to the next largest units, and the
        // hosts closed over the passes are covered exactly at a dead end.
        var instance = PerfectPackings.Generate(bins: 40, dimensions, 2, 8, seed, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        var tight = PerfectFill.TightDimensions(units, 40);

        var hostOf = ExactBins.Find(units, 40, tight, Budget(seed), nodeLimit: 4_000_000, out var spent);

        hostOf.ShouldNotBeNull($"no packing after {spent} nodes");
        hostOf.Max().ShouldBe(39);
        PackingChecker.Check(instance, PackingChecker.BinsOf(hostOf, 40)).ShouldBeEmpty();
    }

    [Fact]
    public void A_completion_that_strands_a_unit_is_rejected_so_a_two_dimensional_packing_of_up_to_eight_items_per_host_is_found()
    {
        // Given 40 hosts of 2-8 items in two dimensions, where closing a host with some completions leaves a unit that no
        // subset of the units left can complete; without the forward check the search reaches no packing in 4,000,000 nodes.
        var instance = PerfectPackings.Generate(bins: 40, dimensions: 2, 2, 8, seed: 1, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        var tight = PerfectFill.TightDimensions(units, 40);

        // When the exact fill's hosts of any size search it within a node budget
        var hostOf = ExactBins.Find(units, 40, tight, Budget(1), nodeLimit: 4_000_000, out var spent);

        // Then it packs every unit on the 40 hosts, each filled exactly
        hostOf.ShouldNotBeNull($"no packing after {spent} nodes");
        hostOf.Max().ShouldBe(39);
        PackingChecker.Check(instance, PackingChecker.BinsOf(hostOf, 40)).ShouldBeEmpty();
    }

    [Fact]
    public void The_tail_search_finds_a_three_dimensional_packing_of_up_to_eight_items_per_host_that_the_hosts_of_any_size_miss()
    {
        // Given 30 hosts of 2-8 items in three dimensions, where the largest unit's first completions are mostly sets of
        // 7-8 units that close a host by coincidence and break the hosts of the packing
        var instance = PerfectPackings.Generate(bins: 30, dimensions: 3, 2, 8, seed: 7, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        var tight = PerfectFill.TightDimensions(units, 30);

        // When the hosts of any size and the tail search (completions of the fewest units first) each search it within the same node budget
        var byHosts = ExactBins.Find(units, 30, tight, Budget(7), nodeLimit: 5_000_000, out var hostsSpent);
        var byTail = ExactBins.Find(units, 30, tight, Budget(7), nodeLimit: 5_000_000, out var spent, byTail: true);

        // Then only the tail search packs every unit on the 30 hosts, each filled exactly
        byHosts.ShouldBeNull($"the hosts of any size found a packing in {hostsSpent} nodes");
        byTail.ShouldNotBeNull($"no packing after {spent} nodes");
        spent.ShouldBeLessThanOrEqualTo(5_000_000);
        byTail.Max().ShouldBe(29);
        PackingChecker.Check(instance, PackingChecker.BinsOf(byTail, 30)).ShouldBeEmpty();
    }

    [Fact]
    public void The_tail_search_passes_a_host_to_the_next_units_when_the_largest_units_listing_runs_out_of_steps()
    {
        // Given 35 hosts of 2-8 items in three dimensions, where the listing of the largest unit's completions runs out of
        // steps before it finds one; a tail search that took that for a dead end packed nothing in 20,000,000 nodes
        var instance = PerfectPackings.Generate(bins: 35, dimensions: 3, 2, 8, seed: 4, capacity: 1000);
        var units = Units.Build(instance.ToProblem());
        var tight = PerfectFill.TightDimensions(units, 35);

        // When the tail search looks for it within a node budget
        var hostOf = ExactBins.Find(units, 35, tight, Budget(4), nodeLimit: 6_000_000, out var spent, byTail: true);

        // Then it packs every unit on the 35 hosts, each filled exactly
        hostOf.ShouldNotBeNull($"no packing after {spent} nodes");
        spent.ShouldBeLessThanOrEqualTo(6_000_000);
        hostOf.Max().ShouldBe(34);
        PackingChecker.Check(instance, PackingChecker.BinsOf(hostOf, 35)).ShouldBeEmpty();
    }
}
