using Shuyaku.Core.Benchmarks.Rules;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Tests.Benchmarks.Rules;

public sealed class RuleEstateTests
{
    [Theory]
    [InlineData(10, 1)]
    [InlineData(10, 7)]
    [InlineData(25, 3)]
    [InlineData(60, 2)]
    [InlineData(200, 5)]
    public void A_generated_estate_is_valid_and_carries_every_rule_kind_zones_dedicated_and_n_plus_k(int workloads, int seed)
    {
        var read = EstateFit.ReadAndCheck(RuleEstate.Create(workloads, seed), "rules.yaml");

        read.Errors.ShouldBeEmpty(string.Join("\n", read.Errors));
        var estate = read.Value!;
        estate.Workloads.Count.ShouldBe(workloads);
        foreach (var kind in new[] { RuleKind.Spread, RuleKind.Gather, RuleKind.Fence, RuleKind.Ban, RuleKind.Lonely, RuleKind.MaxPerHost })
        {
            estate.Rules.ShouldContain(r => r.Kind == kind, $"no {kind} rule");
        }

        estate.Workloads.ShouldContain(w => w.Dedicated);
        estate.Policy.Failures.ShouldBeInRange(1, 2);
        estate.Catalog.Count.ShouldBeInRange(1, 3);
    }

    [Fact]
    public void The_same_size_and_seed_give_the_same_text_and_another_seed_another()
    {
        RuleEstate.Create(50, 4).ShouldBe(RuleEstate.Create(50, 4));
        RuleEstate.Create(50, 5).ShouldNotBe(RuleEstate.Create(50, 4));
    }

    [Fact]
    public void A_run_plans_checks_and_compares_with_the_baseline()
    {
        var run = RulesBenchmark.Run(25, 2, SolveOptions.Default);

        run.Error.ShouldBeNull();
        run.Valid.ShouldBeTrue();
        run.Hosts.ShouldBeGreaterThanOrEqualTo(run.Bound);
        run.Bound.ShouldBeGreaterThan(0);
        run.Baseline.ShouldBeGreaterThan(0);
    }
}
