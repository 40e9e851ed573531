using BenchmarkDotNet.Attributes;
using Shuyaku.Core.Benchmarks.Synthetic;
using Shuyaku.Core.Placement;

namespace Shuyaku.Bench;

/// <summary>Planning time of the full solver against plain first-fit decreasing, judged by their ratio.</summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private PlacementProblem _problem = null!;

    [Params(1000, 10000)]
    public int Workloads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var estate = SyntheticEstate.CreateEstate(Workloads, seed: 1);
        _problem = Planner.BuildProblem(estate, estate.Catalog[0], estate.Policy, headroom: true, growth: true, failures: 1);
    }

    [Benchmark(Baseline = true)]
    public int FirstFitDecreasing() => PlacementSolver.FirstFitDecreasing(_problem).HostCount;

    [Benchmark]
    public int SolverWithNPlusOne() => PlacementSolver.Solve(_problem).Solution!.HostCount;
}
