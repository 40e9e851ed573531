using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Placement;

namespace Shuyaku.Core.Benchmarks.Packing;

/// <summary>One instance's outcome: the baseline's and our bin count, the bound we proved, and what the literature knows.</summary>
public sealed record BenchRow(
    string Instance,
    string Class,
    int Items,
    int Dimensions,
    int? Optimum,
    int? KnownLowerBound,
    int? KnownUpperBound,
    int? BestHeuristic,
    int Ffd,
    int Ours,
    int LowerBound,
    bool Proven,
    double Seconds,
    string Method,
    IReadOnlyList<string> Problems)
{
    /// <summary>The optimum if known, else the best known lower bound, else ours.</summary>
    public int Reference => Optimum ?? Math.Max(KnownLowerBound ?? 0, LowerBound);

    /// <summary>Whether the independent checker found nothing wrong with either packing.</summary>
    public bool Valid => Problems.Count == 0;
}

/// <summary>Runs first-fit decreasing and our solver on one instance and checks both packings independently.</summary>
public static class PackingBenchmark
{
    /// <summary>Packs <paramref name="instance"/> with first-fit decreasing and with our solver, checks both and compares them with <paramref name="known"/>.</summary>
    public static BenchRow Run(BinPackingInstance instance, KnownBound? known, SolveOptions options)
    {
        var problem = instance.ToProblem();
        var ffd = PlacementSolver.FirstFitDecreasing(problem);
        var problems = new List<string>();
        problems.AddRange(PackingChecker.Check(instance, PackingChecker.BinsOf(ffd.HostOfItem, ffd.HostCount)).Select(m => $"first-fit decreasing: {m}"));

        var watch = Stopwatch.StartNew();
        var result = PlacementSolver.Solve(problem, options);
        watch.Stop();
        var ours = result.Solution;
        if (ours is null)
        {
            problems.Add($"our solver found no packing: {result.Infeasible}");
        }
        else
        {
            problems.AddRange(PackingChecker.Check(instance, PackingChecker.BinsOf(ours.HostOfItem, ours.HostCount)));
        }

        var hosts = ours?.HostCount ?? 0;
        var bound = result.Bound.Value;
        if (known?.Optimum is { } opt && bound > opt)
        {
            problems.Add($"our lower bound {bound} exceeds the known optimum {opt}");
        }

        return new BenchRow(
            instance.Name,
            known?.Class ?? instance.Class,
            instance.Items,
            instance.Dimensions,
            known?.Optimum,
            known?.LowerBound,
            known?.UpperBound,
            known?.BestHeuristic,
            ffd.HostCount,
            hosts,
            bound,
            ours is not null && hosts <= bound,
            watch.Elapsed.TotalSeconds,
            ours?.Method ?? "",
            problems);
    }

    /// <summary>
    /// Up to <paramref name="perStratum"/> instances of each (class, dimensions) stratum, drawn with a seeded shuffle;
    /// only instances with a known optimum are drawn from a stratum that has any.
    /// </summary>
    public static IReadOnlyList<BinPackingInstance> Sample(
        IReadOnlyList<BinPackingInstance> instances, BoundsTable bounds, int perStratum, int seed)
    {
        var rng = new Random(seed);
        var chosen = new List<BinPackingInstance>();
        string ClassOf(BinPackingInstance i) => bounds.Find(i)?.Class ?? i.Class;
        foreach (var stratum in instances.GroupBy(i => (ClassOf(i), i.Dimensions)).OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Dimensions))
        {
            var known = stratum.Where(i => bounds.Find(i)?.Optimum is not null).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            var pool = known.Count > 0 ? known : stratum.OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            var shuffled = pool.ToArray();
            rng.Shuffle(shuffled);
            chosen.AddRange(shuffled.Take(perStratum).OrderBy(i => i.Name, StringComparer.Ordinal));
        }

        return chosen;
    }

    /// <summary>The header of the per-instance CSV.</summary>
    public const string CsvHeader = "instance,class,n,d,optimum,known_lb,known_ub,best_known_ub,ffd,ours,lower_bound,proven,seconds,method";

    /// <summary>One row of the per-instance CSV, in the columns of <see cref="CsvHeader"/>.</summary>
    public static string CsvRow(BenchRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        static string N(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        return string.Join(
            ',',
            r.Instance,
            r.Class,
            N(r.Items),
            N(r.Dimensions),
            N(r.Optimum),
            N(r.KnownLowerBound),
            N(r.KnownUpperBound),
            N(r.BestHeuristic),
            N(r.Ffd),
            N(r.Ours),
            N(r.LowerBound),
            r.Proven ? "1" : "0",
            r.Seconds.ToString("0.###", CultureInfo.InvariantCulture),
            '"' + r.Method.Replace("\"", "'", StringComparison.Ordinal) + '"');
    }
}
