namespace Shuyaku.Placement;

/// <summary>The obvious approach benchmarks compare against: first-fit decreasing by summed normalised size, no local search.</summary>
public static class Baseline
{
    public static PlacementSolution FirstFitDecreasing(PlacementProblem problem)
    {
        var units = Units.Build(problem);
        var order = Enumerable.Range(0, units.Count).OrderByDescending(x => units.Size[x]).ThenBy(x => x).ToArray();
        return Heuristics.ItemCentric(units, order, bestFit: false).ToSolution("first-fit decreasing");
    }
}
