using Google.OrTools.LinearSolver;
using Lp = Google.OrTools.LinearSolver.Solver;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// A master LP of column generation solved to (near) optimality: its columns (packing patterns) with their values, the
/// bound it proves for what it covers, and whether pricing proved that bound (else the bound only guides a dive).
/// </summary>
internal sealed record LpResult(List<(int[] Pattern, double X)> Columns, int Bound, bool Exact);

/// <summary>Packing patterns (counts per item type, or sorted item indices) compared by content.</summary>
internal sealed class PatternComparer : IEqualityComparer<int[]>
{
    public static PatternComparer Instance { get; } = new();

    public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj)
    {
        var h = default(HashCode);
        foreach (var a in obj)
        {
            h.Add(a);
        }

        return h.ToHashCode();
    }
}

/// <summary>What one pricing round hands the master LP.</summary>
internal static class Pricing
{
    /// <summary>
    /// The last index in [<paramref name="from"/>, <paramref name="to"/>] whose prefix sum is within
    /// <paramref name="limit"/> (prefix sums non-decreasing, <c>prefix[from]</c> within it): the whole items a room takes
    /// in the pricing order, for the Dantzig bound of a knapsack.
    /// </summary>
    public static int LastPrefixWithin(double[] prefix, int from, int to, double limit)
    {
        var lo = from;
        var hi = to;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (prefix[mid] <= limit)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>New patterns one pricing round adds to the master LP at most.</summary>
    public const int MaxNew = 10;

    /// <summary>The most valuable patterns found, best first, at most <see cref="MaxNew"/>.</summary>
    public static List<int[]> Best(IEnumerable<(int[] Pattern, double Value)> found) =>
        found.OrderByDescending(f => f.Value).Take(MaxNew).Select(f => f.Pattern).ToList();
}

/// <summary>What exact pricing found: the best pattern value (the maximum when proven), and patterns worth more than one host, best first.</summary>
/// <param name="Value">The best pattern value found; when proven, at least the maximum.</param>
/// <param name="Proven">Whether the pricing completed, so no pattern is worth more than <paramref name="Value"/>.</param>
/// <param name="Patterns">Up to <see cref="Pricing.MaxNew"/> patterns worth more than one host, best first.</param>
internal readonly record struct Priced(double Value, bool Proven, List<int[]> Patterns);

/// <summary>
/// The rounded lower bound column generation proves along the way (Farley: the duals' value over the best pattern value),
/// and the duals that gave the best one: the centre Wentges smoothing prices towards.
/// </summary>
internal sealed class FarleyBound(int start)
{
    private double _centerBound = double.NegativeInfinity;

    /// <summary>The bound so far.</summary>
    public int Bound { get; private set; } = start;

    /// <summary>The duals with the best Lagrangian bound so far, or null before any.</summary>
    public double[]? Center { get; private set; }

    /// <summary>Raises the bound to a value rounded up.</summary>
    public void Raise(double value) => Bound = Math.Max(Bound, (int)Math.Ceiling(value - 1e-6));

    /// <summary>
    /// Takes the bound from duals worth <paramref name="dualsValue"/> whose best pattern is worth <paramref name="best"/>
    /// (proven), and whether the bound now meets the LP value <paramref name="lpValue"/> rounded up: no column can lower it.
    /// </summary>
    public bool Meets(double[] duals, double dualsValue, double best, double lpValue)
    {
        var lagrangian = dualsValue / Math.Max(1, best);
        Raise(lagrangian);
        if (lagrangian > _centerBound)
        {
            (Center, _centerBound) = (duals, lagrangian);
        }

        return Bound >= (int)Math.Ceiling(lpValue - 1e-6);
    }
}

/// <summary>
/// The master LP of column generation: a covering row per dual index with demand, a column of cost one per distinct
/// non-empty pattern, minimised. The pattern kind puts a pattern's coefficients into the rows.
/// </summary>
internal sealed class MasterLp
{
    private readonly Lp _lp;
    private readonly Objective _objective;
    private readonly Constraint?[] _rows;
    private readonly Action<Constraint?[], Variable, int[]> _setCoefficients;
    private readonly HashSet<int[]> _seen = new(PatternComparer.Instance);

    /// <summary>The rows over <paramref name="lp"/>, in the order given; <paramref name="dualCount"/> is the length of the dual vector.</summary>
    public MasterLp(Lp lp, IReadOnlyList<(int Index, double Demand)> rows, int dualCount, Action<Constraint?[], Variable, int[]> setCoefficients)
    {
        _lp = lp;
        _setCoefficients = setCoefficients;
        Rows = rows;
        _rows = new Constraint?[dualCount];
        foreach (var (i, demand) in rows)
        {
            _rows[i] = lp.MakeConstraint(demand, double.PositiveInfinity, "");
        }

        _objective = lp.Objective();
        _objective.SetMinimization();
    }

    /// <summary>The rows: dual index and demand to cover.</summary>
    public IReadOnlyList<(int Index, double Demand)> Rows { get; }

    /// <summary>The columns in the order they were added.</summary>
    public List<(int[] Pattern, Variable Var)> Columns { get; } = [];

    /// <summary>Adds a pattern as a column unless it is empty or already there.</summary>
    public void Add(int[] pattern)
    {
        if (pattern.Length == 0 || !_seen.Add(pattern))
        {
            return;
        }

        var v = _lp.MakeNumVar(0, double.PositiveInfinity, "");
        _objective.SetCoefficient(v, 1);
        _setCoefficients(_rows, v, pattern);
        Columns.Add((pattern, v));
    }

    /// <summary>The columns' values in the last solution.</summary>
    public double[] Values() => Columns.Select(c => c.Var.SolutionValue()).ToArray();

    /// <summary>Writes the rows' duals (at least zero) into <paramref name="pi"/> and returns their value over the demands.</summary>
    public double Duals(double[] pi)
    {
        double value = 0;
        foreach (var (i, demand) in Rows)
        {
            pi[i] = Math.Max(0, _rows[i]!.DualValue());
            value += pi[i] * demand;
        }

        return value;
    }
}
