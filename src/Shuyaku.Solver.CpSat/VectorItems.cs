using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The items that need room, as demand vectors over the dimensions any item uses, scaled so a host holds 1 in each.
/// A pattern is the sorted array of its items' indices.
/// </summary>
internal sealed class VectorItems
{
    private const double Eps = 1e-9;

    public required int Count { get; init; }

    public required int Dimensions { get; init; }

    /// <summary>Scaled demand of item j in dimension k at [j * Dimensions + k].</summary>
    public required double[] Demand { get; init; }

    /// <summary>Sum of an item's scaled demands: its size for ordering and the surrogate bound.</summary>
    public required double[] Size { get; init; }

    /// <summary>The problem's item of each index here; items with no demand are left out and ride on the first host.</summary>
    public required int[] Original { get; init; }

    public required int ProblemItems { get; init; }

    /// <summary>
    /// Demand of item j in dimension k at [j * Dimensions + k] in whole units for CP-SAT: the problem's own numbers when
    /// they are whole, else thousandths rounded up (capacity down), so every pattern CP-SAT accepts fits.
    /// </summary>
    public required long[] WholeDemand { get; init; }

    public required long[] WholeCapacity { get; init; }

    /// <summary>Whether <see cref="WholeDemand"/> and <see cref="WholeCapacity"/> are the problem's own numbers, unrounded.</summary>
    public required bool WholeNumbers { get; init; }

    /// <summary>
    /// The problem's items, or null when it is not a packing without rules within the item limit that uses at least
    /// <paramref name="minDimensions"/> dimensions (two for column generation over vectors; branch and price takes one too).
    /// </summary>
    public static VectorItems? From(PlacementProblem p, int minDimensions = 2)
    {
        if (!p.PlainPacking || p.Items == 0 || p.Items > VectorColumnSolver.ItemLimit)
        {
            return null;
        }

        var used = Enumerable.Range(0, p.Dimensions).Where(k => Enumerable.Range(0, p.Items).Any(i => Math.Abs(p.DemandOf(i, k)) >= Eps)).ToArray();
        if (used.Length < minDimensions || used.Any(k => p.Capacity[k] <= Eps))
        {
            return null;
        }

        var original = Enumerable.Range(0, p.Items).Where(i => used.Any(k => p.DemandOf(i, k) >= Eps)).ToArray();
        var d = used.Length;
        var demand = new double[original.Length * d];
        var size = new double[original.Length];
        static bool Whole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9 && Math.Abs(v) < 1e12;
        var scale = used.Select(k => Whole(p.Capacity[k]) && original.All(i => Whole(p.DemandOf(i, k))) ? 1.0 : 1000.0).ToArray();
        var wholeCapacity = used.Select((k, at) => (long)Math.Floor((p.Capacity[k] * scale[at]) + 1e-6)).ToArray();
        var wholeDemand = new long[original.Length * d];
        for (var j = 0; j < original.Length; j++)
        {
            for (var k = 0; k < d; k++)
            {
                var w = p.DemandOf(original[j], used[k]) / p.Capacity[used[k]];
                if (w < -Eps || w > 1 + Eps)
                {
                    return null;
                }

                demand[(j * d) + k] = Math.Max(0, w);
                size[j] += demand[(j * d) + k];
                wholeDemand[(j * d) + k] = Math.Max(0, (long)Math.Ceiling((p.DemandOf(original[j], used[k]) * scale[k]) - 1e-6));
            }
        }

        return new VectorItems
        {
            Count = original.Length,
            Dimensions = d,
            Demand = demand,
            Size = size,
            Original = original,
            ProblemItems = p.Items,
            WholeDemand = wholeDemand,
            WholeCapacity = wholeCapacity,
            WholeNumbers = scale.All(f => f == 1),
        };
    }

    public int VolumeBound(IReadOnlyList<int> items)
    {
        var worst = 0.0;
        for (var k = 0; k < Dimensions; k++)
        {
            var sum = 0.0;
            foreach (var j in items)
            {
                sum += Demand[(j * Dimensions) + k];
            }

            worst = Math.Max(worst, sum);
        }

        return (int)Math.Ceiling(worst - 1e-7);
    }

    /// <summary>Whether item j fits into the free room (per dimension) left in a host.</summary>
    public bool Fits(int j, double[] free)
    {
        var at = j * Dimensions;
        for (var k = 0; k < Dimensions; k++)
        {
            if (Demand[at + k] > free[k] + Eps)
            {
                return false;
            }
        }

        return true;
    }

    public void Take(int j, double[] free)
    {
        var at = j * Dimensions;
        for (var k = 0; k < Dimensions; k++)
        {
            free[k] -= Demand[at + k];
        }
    }

    /// <summary>Item j's demand in its largest dimension.</summary>
    public double Largest(int j)
    {
        var largest = 0.0;
        for (var k = 0; k < Dimensions; k++)
        {
            largest = Math.Max(largest, Demand[(j * Dimensions) + k]);
        }

        return largest;
    }

    public double[] Room() => Enumerable.Repeat(1.0, Dimensions).ToArray();

    public IEnumerable<int[]> PatternsOf(PlacementSolution s)
    {
        var local = new int[ProblemItems];
        Array.Fill(local, -1);
        for (var j = 0; j < Count; j++)
        {
            local[Original[j]] = j;
        }

        var bins = new List<int>[s.HostCount];
        for (var h = 0; h < s.HostCount; h++)
        {
            bins[h] = [];
        }

        for (var i = 0; i < ProblemItems; i++)
        {
            if (local[i] >= 0 && s.HostOfItem[i] >= 0 && s.HostOfItem[i] < s.HostCount)
            {
                bins[s.HostOfItem[i]].Add(local[i]);
            }
        }

        foreach (var bin in bins.Where(b => b.Count > 0))
        {
            var free = Room();
            if (bin.All(j =>
                {
                    var fits = Fits(j, free);
                    Take(j, free);
                    return fits;
                }))
            {
                yield return [.. bin.Order()];
            }
        }
    }

    /// <summary>First fit over the items by decreasing size, as sorted patterns.</summary>
    public List<int[]> FirstFitDecreasing(IEnumerable<int> items)
    {
        var bins = new List<List<int>>();
        var free = new List<double[]>();
        foreach (var j in items.OrderByDescending(j => Size[j]).ThenBy(j => j))
        {
            var b = free.FindIndex(f => Fits(j, f));
            if (b < 0)
            {
                b = bins.Count;
                bins.Add([]);
                free.Add(Room());
            }

            bins[b].Add(j);
            Take(j, free[b]);
        }

        return bins.Select(b => b.Order().ToArray()).ToList();
    }

    /// <summary>Host of each problem item for bins that cover every item once; items with no demand go to the first host.</summary>
    public int[] Assign(List<int[]> bins)
    {
        var host = new int[ProblemItems];
        for (var b = 0; b < bins.Count; b++)
        {
            foreach (var j in bins[b])
            {
                host[Original[j]] = b;
            }
        }

        return host;
    }
}
