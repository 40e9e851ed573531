using System.Globalization;
using Google.OrTools.Sat;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The restricted master problem as an integer programme over every pattern column generation has priced so far (price
/// and branch): a whole number of copies of each pattern, every row's demand covered, as few hosts as possible. CP-SAT
/// solves it within a deterministic budget, warm-started from the best packing so far; the rounded LP bound is given as
/// a floor on the host count, so the search stops as soon as it meets it. Where the LP's columns hold a packing at the
/// bound that a dive misses (the dive fixes one pattern at a time and cannot go back far), this finds it.
/// </summary>
internal static class RestrictedMaster
{
    /// <summary>Workers of the interleaved search: fixed, so the result does not depend on the machine's cores.</summary>
    private const int Workers = 2;

    /// <summary>Columns beyond this many are left out (the most recent are kept): the model grows with them.</summary>
    public const int ColumnLimit = 60_000;

    /// <summary>
    /// Patterns (with repeats) that cover every row of <paramref name="rows"/> on fewer than <paramref name="best"/>
    /// hosts, fewest first found within <paramref name="work"/>, or null when there are none within the budget.
    /// <paramref name="entries"/> gives a pattern's count in each row it covers; <paramref name="hint"/> is the best
    /// packing so far as patterns (those of the pool are hinted).
    /// </summary>
    public static List<int[]>? Solve(
        IReadOnlyList<int[]> pool,
        IReadOnlyList<(int Index, double Demand)> rows,
        int dualCount,
        Func<int[], IEnumerable<(int Row, int Count)>> entries,
        IReadOnlyList<int[]>? hint,
        int target,
        int best,
        double work,
        TimeSpan cap,
        int seed)
    {
        var demand = new long[dualCount];
        foreach (var (i, d) in rows)
        {
            demand[i] = (long)Math.Round(d);
        }

        var model = new CpModel();
        var columns = pool.Count > ColumnLimit ? pool.Skip(pool.Count - ColumnLimit).ToList() : pool.ToList();
        var x = new IntVar[columns.Count];
        var terms = new List<(IntVar Var, long Count)>[dualCount];
        for (var c = 0; c < columns.Count; c++)
        {
            long most = 0;
            var useful = new List<(int Row, int Count)>();
            foreach (var (row, count) in entries(columns[c]))
            {
                if (count > 0 && demand[row] > 0)
                {
                    useful.Add((row, count));
                    // More copies than the row needs cover nothing more.
                    most = Math.Max(most, (demand[row] + count - 1) / count);
                }
            }

            x[c] = model.NewIntVar(0, Math.Min(most, best), "");
            foreach (var (row, count) in useful)
            {
                (terms[row] ??= []).Add((x[c], count));
            }
        }

        foreach (var (i, _) in rows)
        {
            if (demand[i] <= 0)
            {
                continue;
            }

            if (terms[i] is not { } t)
            {
                return null;
            }

            model.Add(LinearExpr.WeightedSum(t.Select(e => e.Var), t.Select(e => e.Count)) >= demand[i]);
        }

        var hosts = LinearExpr.Sum(x);
        model.Add(hosts >= target);
        model.Minimize(hosts);
        Hint(model, columns, x, hint);
        var solver = new CpSolver
        {
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"max_deterministic_time:{work:0.###} max_time_in_seconds:{Math.Max(0.05, cap.TotalSeconds):0.###} " +
                $"num_workers:{Workers} interleave_search:true random_seed:{seed} log_search_progress:false"),
        };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible) || solver.ObjectiveValue >= best - 0.5)
        {
            return null;
        }

        var chosen = new List<int[]>();
        for (var c = 0; c < columns.Count; c++)
        {
            for (var k = solver.Value(x[c]); k > 0; k--)
            {
                chosen.Add(columns[c]);
            }
        }

        return chosen;
    }

    private static void Hint(CpModel model, List<int[]> columns, IntVar[] x, IReadOnlyList<int[]>? hint)
    {
        if (hint is null)
        {
            return;
        }

        var copies = new Dictionary<int[], int>(PatternComparer.Instance);
        foreach (var p in hint)
        {
            copies[p] = copies.GetValueOrDefault(p) + 1;
        }

        for (var c = 0; c < columns.Count; c++)
        {
            model.AddHint(x[c], copies.GetValueOrDefault(columns[c]));
        }
    }
}
