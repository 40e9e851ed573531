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
    /// <summary>New patterns one pricing round adds to the master LP at most.</summary>
    public const int MaxNew = 10;

    /// <summary>The most valuable patterns found, best first, at most <see cref="MaxNew"/>.</summary>
    public static List<int[]> Best(IEnumerable<(int[] Pattern, double Value)> found) =>
        found.OrderByDescending(f => f.Value).Take(MaxNew).Select(f => f.Pattern).ToList();
}
