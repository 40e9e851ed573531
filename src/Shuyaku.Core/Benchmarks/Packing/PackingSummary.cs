namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>
/// The rows of one instance class (or of all): how often each packer reached a known optimum, how often our packing met
/// our own bound, and mean gaps to the reference (<see cref="BenchRow.Reference"/>), all in percent; null where no row
/// has what the figure needs.
/// </summary>
/// <param name="Class">The class, or <c>all</c>.</param>
/// <param name="Instances">Rows in it.</param>
/// <param name="FfdOptimal">Share of rows with a known optimum that first-fit decreasing reached.</param>
/// <param name="OursOptimal">Share of rows with a known optimum that our solver reached.</param>
/// <param name="Proven">Share of rows whose packing meets our lower bound.</param>
/// <param name="FfdGap">Mean gap of first-fit decreasing.</param>
/// <param name="HeuristicGap">Mean gap of the best heuristic the literature reports.</param>
/// <param name="OurGap">Mean gap of our solver.</param>
/// <param name="MeanSeconds">Mean time of our solver.</param>
/// <param name="MaxSeconds">Longest time of our solver.</param>
public sealed record PackingSummary(
    string Class,
    int Instances,
    double? FfdOptimal,
    double? OursOptimal,
    double Proven,
    double? FfdGap,
    double? HeuristicGap,
    double? OurGap,
    double? MeanSeconds,
    double? MaxSeconds)
{
    /// <summary>One summary per class in ordinal order of the class names, then one for all rows.</summary>
    public static IReadOnlyList<PackingSummary> Of(IReadOnlyList<BenchRow> rows)
    {
        var groups = rows.GroupBy(r => r.Class).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.ToList())).ToList();
        groups.Add(("all", rows.ToList()));
        return [.. groups.Select(g => Summarize(g.Item1, g.Item2))];
    }

    private static PackingSummary Summarize(string name, List<BenchRow> list)
    {
        var withOpt = list.Where(r => r.Optimum is not null).ToList();
        double? Share(Func<BenchRow, bool> f) => withOpt.Count == 0 ? null : 100.0 * withOpt.Count(f) / withOpt.Count;
        static double? Gap(IEnumerable<(int Value, int Reference)> pairs)
        {
            var l = pairs.Where(p => p.Reference > 0).ToList();
            return l.Count == 0 ? null : l.Average(p => 100.0 * (p.Value - p.Reference) / p.Reference);
        }

        return new PackingSummary(
            name,
            list.Count,
            Share(r => r.Ffd <= r.Optimum),
            Share(r => r.Ours <= r.Optimum),
            100.0 * list.Count(r => r.Proven) / Math.Max(1, list.Count),
            Gap(list.Select(r => (r.Ffd, r.Reference))),
            Gap(list.Where(r => r.BestHeuristic is not null).Select(r => (r.BestHeuristic!.Value, r.Reference))),
            Gap(list.Select(r => (r.Ours, r.Reference))),
            list.Count == 0 ? null : list.Average(r => r.Seconds),
            list.Count == 0 ? null : list.Max(r => r.Seconds));
    }
}
