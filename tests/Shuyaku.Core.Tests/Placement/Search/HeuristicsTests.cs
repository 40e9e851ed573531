using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Tests.Placement.Search;

public sealed class HeuristicsTests
{
    [Fact]
    public void Fillable_first_fit_does_not_strand_cores_beside_memory_heavy_workloads()
    {
        // Given cores-bound hosts and VMs from 2 to 16 GiB per core (memory-heavy ones among them)
        var problem = SyntheticEstate.Create(workloads: 1_000, failures: 0, spreadShare: 0.3, seed: 1);
        var units = Units.Build(problem);

        // When both first fits pack it
        var plain = Heuristics.FirstFitDecreasing(units);
        var fillable = Heuristics.FillableFirstFit(units)!;

        // Then the one that keeps hosts fillable needs fewer hosts and breaks no rule
        SolutionChecker.Check(problem, fillable.ToSolution("fillable")).ShouldBeEmpty();
        fillable.Hosts.ShouldBeLessThan(plain.Hosts);

        // and no host pairs two VMs whose memory leaves too little for the cores it has left (≥ 2 GiB a core).
        for (var h = 0; h < fillable.Hosts; h++)
        {
            var cores = problem.Capacity[0] - fillable.LoadOf(h, 0);
            var gib = problem.Capacity[1] - fillable.LoadOf(h, 1);
            (gib + 1e-9 >= 2 * Math.Floor(cores + 1e-9) || fillable.CountOf(h) == 1 || cores < 1).ShouldBeTrue($"host {h} strands cores: {cores} left with {gib} GiB");
        }
    }

    [Fact]
    public void Fillable_first_fit_is_offered_only_where_it_can_judge_the_room_left()
    {
        var twoDimensions = Units.Build(SyntheticEstate.Create(workloads: 50, failures: 0, spreadShare: 0.3, seed: 2));
        var oneDimension = Units.Build(new PlacementProblem
        {
            ItemNames = ["a", "b"],
            DimensionNames = ["cores"],
            Demand = [3, 4],
            Capacity = [8],
            FailoverCapacity = [8],
        });

        Heuristics.All(twoDimensions).Select(h => h.Name).ShouldContain("first-fit decreasing (keeping hosts fillable)");
        Heuristics.All(oneDimension).Select(h => h.Name).ShouldNotContain("first-fit decreasing (keeping hosts fillable)");
    }
}
