using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Checking;

public sealed class SolutionCheckerTests
{
    public static TheoryData<string, string> BrokenRules => new()
    {
        { "spread", "spread set w0, w1, w2 has two items on one host" },
        { "gather", "gather set w1, w2 is split over hosts" },
        { "zones", "host 0 mixes 2 zones: w0, w1" },
        { "lonely", "host 0 runs a lonely item with others: w0, w1" },
        { "fence", "item 0 ('w0') is fenced to group 1 but on host 0 of group 0" },
        { "ban", "item 1 ('w1') is on host 0 of group 0, which it is banned from" },
        { "max per host", "host 0 runs 2 items of rule 'one', which allows 1" },
    };

    [Fact]
    public void A_solution_that_keeps_every_rule_and_capacity_has_no_violation()
    {
        var problem = ProblemFactory.WithRules(ProblemFactory.Small(4, size: 3), spread: [[0, 1]], gather: [[2, 3]], zone: [1, 0, 0, 0]);

        SolutionChecker.Check(problem, Solution([0, 1, 1, 1])).ShouldBeEmpty();
    }

    [Fact]
    public void Items_on_no_host_or_on_a_host_beyond_the_count_are_reported()
    {
        var problem = ProblemFactory.Small(3);

        var violations = SolutionChecker.Check(problem, new PlacementSolution(2, [-1, -1], [0, -1, 2], "test"));

        violations.ShouldBe(["item 1 ('w1') is on host -1, not one of the 2 hosts", "item 2 ('w2') is on host 2, not one of the 2 hosts"]);
    }

    [Fact]
    public void A_host_over_capacity_is_reported_with_its_load_in_that_dimension()
    {
        var problem = ProblemFactory.Small(3, size: 4);

        SolutionChecker.Check(problem, Solution([0, 0, 0])).ShouldBe(["host 0 carries 12 of cpu, above its capacity 10"]);
        SolutionChecker.Check(problem, Solution([0, 0, 1])).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Each_broken_rule_is_reported_in_a_sentence(string rule, string message)
    {
        // Three items of size 1 on one host of group 0: only the rule can be broken.
        var p = ProblemFactory.Small(3);
        var problem = rule switch
        {
            "spread" => ProblemFactory.WithRules(p, spread: [[0, 1, 2]]),
            "gather" => ProblemFactory.WithRules(p, gather: [[1, 2]]),
            "zones" => ProblemFactory.WithRules(p, zone: [1, 2, 0]),
            "lonely" => ProblemFactory.WithRules(p, lonely: [true, false, false]),
            "fence" => ProblemFactory.WithRules(p, fence: [1, -1, -1]),
            "ban" => ProblemFactory.WithRules(p, ban: [[], [0], []]),
            _ => ProblemFactory.WithRules(p, maxPerHost: [new MaxPerHostRule("one", 1, [0, 2])]),
        };
        var solution = rule switch
        {
            "gather" or "zones" or "lonely" => new PlacementSolution(2, [0, 0], [0, 0, 1], "test"),
            _ => new PlacementSolution(1, [0], [0, 0, 0], "test"),
        };

        SolutionChecker.Check(problem, solution).ShouldBe([message]);
    }

    [Fact]
    public void Time_aligned_series_are_checked_step_by_step_within_the_share_of_steps_allowed_to_exceed()
    {
        // Peaks of 9 and 9 would not share a host of 10; the series coincide at one step of four.
        PlacementProblem Problem(double share) => new()
        {
            ItemNames = ["a", "b"],
            DimensionNames = ["cpu"],
            Demand = [9, 9],
            Capacity = [10],
            FailoverCapacity = [10],
            Series = [[9, 1, 9, 1], [1, 9, 9, 1]],
            StepShare = share,
        };

        SolutionChecker.Check(Problem(1), Solution([0, 0])).ShouldBe(["host 0 is above its cpu capacity at 1 of 4 steps (0 allowed)"]);
        SolutionChecker.Check(Problem(0.75), Solution([0, 0])).ShouldBeEmpty();
    }

    private static PlacementSolution Solution(int[] hostOfItem)
    {
        var hosts = hostOfItem.Max() + 1;
        return new PlacementSolution(hosts, Enumerable.Repeat(-1, hosts).ToArray(), hostOfItem, "test");
    }
}
