using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>The exact step: a larger set of hosts re-packed onto one host fewer by column generation and its dives.</summary>
internal sealed partial class HostRepack
{
    /// <summary>Hosts an exact step takes at least (more when their items need them all by volume).</summary>
    private const int ExactHosts = 10;

    /// <summary>Items an exact step takes at most.</summary>
    private const int ExactItems = 80;

    /// <summary>LP solves of one exact step's column generation, root and dives.</summary>
    private const long ExactLpSolves = 300;

    /// <summary>CP-SAT work of one exact step's integer programme.</summary>
    private const double ExactWork = 0.1;

    /// <summary>Branch-and-bound nodes of one exact step's pricing.</summary>
    private const int ExactPricingNodes = 20_000;

    /// <summary>
    /// Re-packs the host to empty and other hosts (drawn as in <see cref="Choose"/>) onto one host fewer by column
    /// generation over their items alone: the sub-problem's own LP bound and dives. True when the packing lost a host.
    /// </summary>
    private bool ExactStep(List<List<int>> bins, int empty, TimeSpan cap, TimeProvider clock)
    {
        var d = _items.Dimensions;
        var order = _pool.Count > 0 && _random.Next(2) == 0 ? Linked(bins, empty) : Choose(bins, empty, bins.Count);
        var chosen = new List<int>();
        var volume = new double[d];
        var units = 0;
        foreach (var b in order)
        {
            if (chosen.Count >= ExactHosts && volume.All(v => v <= chosen.Count - 1 + 1e-9))
            {
                break;
            }

            if (units + bins[b].Count > ExactItems)
            {
                continue;
            }

            chosen.Add(b);
            units += bins[b].Count;
            foreach (var j in bins[b])
            {
                for (var k = 0; k < d; k++)
                {
                    volume[k] += _items.Demand[(j * d) + k];
                }
            }
        }

        if (chosen.Count < 2 || volume.Any(v => v > chosen.Count - 1 + 1e-9))
        {
            if (Environment.GetEnvironmentVariable("REPACK_DEBUG") is "2")
            {
                Console.Error.WriteLine($"exact: no room, hosts {chosen.Count} items {units}");
            }

            return false;
        }

        var global = chosen.SelectMany(b => bins[b]).ToArray();
        var sub = Sub(global);
        var hostOf = new int[global.Length];
        var at = 0;
        for (var c = 0; c < chosen.Count; c++)
        {
            foreach (var _ in bins[chosen[c]])
            {
                hostOf[at++] = c;
            }
        }

        var hint = new PlacementSolution(chosen.Count, Enumerable.Repeat(-1, chosen.Count).ToArray(), hostOf, "repack");
        var budget = new ExactBudget { CpSatWork = ExactWork, LpSolves = ExactLpSolves, Cap = cap, Clock = clock };
        var search = new VectorSearch(sub, ExactPricingNodes, budget, new Random(_random.Next()), chosen.Count, null);
        var result = search.Solve(hint, chosen.Count - 1);
        if (Environment.GetEnvironmentVariable("REPACK_DEBUG") is "2")
        {
            Console.Error.WriteLine($"exact: hosts {chosen.Count} items {global.Length} bound {result.LowerBound} found {result.Solution?.HostCount} {result.Status}");
        }
        if (result.Solution is not { } solution || solution.HostCount >= chosen.Count)
        {
            return false;
        }

        var patterns = sub.PatternsOf(solution).ToList();
        if (patterns.Sum(p => p.Length) != global.Length)
        {
            return false;
        }

        foreach (var b in chosen.OrderDescending())
        {
            bins.RemoveAt(b);
        }

        bins.AddRange(patterns.Select(p => p.Select(j => global[j]).ToList()));
        return true;
    }

    /// <summary>
    /// The host to empty first, then the hosts of the items of pool patterns (column generation's, drawn at random among
    /// those holding an item of a host taken) that share an item with the hosts taken so far, then the rest at random:
    /// hosts the LP's patterns would join.
    /// </summary>
    private int[] Linked(List<List<int>> bins, int empty)
    {
        var hostOf = new int[_items.Count];
        for (var b = 0; b < bins.Count; b++)
        {
            foreach (var j in bins[b])
            {
                hostOf[j] = b;
            }
        }

        var taken = new List<int> { empty };
        var seen = new HashSet<int> { empty };
        var items = new List<int>(bins[empty]);
        for (var tries = 0; tries < 4 * ExactHosts && seen.Count < ExactHosts && items.Count > 0; tries++)
        {
            var j = items[_random.Next(items.Count)];
            var holding = _byItem[j];
            if (holding.Count == 0)
            {
                continue;
            }

            foreach (var i in _pool[holding[_random.Next(holding.Count)]])
            {
                if (seen.Add(hostOf[i]))
                {
                    taken.Add(hostOf[i]);
                    items.AddRange(bins[hostOf[i]]);
                }
            }
        }

        var rest = Enumerable.Range(0, bins.Count).Where(b => !seen.Contains(b)).OrderBy(_ => _random.Next());
        return [.. taken, .. rest];
    }

    /// <summary>The items <paramref name="global"/> of this search as a problem of their own, indexed as listed.</summary>
    private VectorItems Sub(int[] global)
    {
        var d = _items.Dimensions;
        var demand = new double[global.Length * d];
        var whole = new long[global.Length * d];
        for (var j = 0; j < global.Length; j++)
        {
            Array.Copy(_items.Demand, global[j] * d, demand, j * d, d);
            Array.Copy(_items.WholeDemand, global[j] * d, whole, j * d, d);
        }

        return new VectorItems
        {
            Count = global.Length,
            Dimensions = d,
            Demand = demand,
            Size = global.Select(j => _items.Size[j]).ToArray(),
            Original = Enumerable.Range(0, global.Length).ToArray(),
            ProblemItems = global.Length,
            WholeDemand = whole,
            WholeCapacity = _items.WholeCapacity,
            WholeNumbers = _items.WholeNumbers,
        };
    }
}
