namespace Shuyaku.Core.Placement;

/// <summary>
/// The placement problem as flat arrays: items (VMs) with demand vectors, one host model's capacity,
/// and the rules as index sets. Built once from the estate; solvers never look at the estate.
/// </summary>
public sealed class PlacementProblem
{
    /// <summary>The items' names (workload ids), in index order.</summary>
    public required string[] ItemNames { get; init; }
    /// <summary>The dimensions' names (cpu, memory, ...), in index order.</summary>
    public required string[] DimensionNames { get; init; }

    /// <summary>Demand of item i in dimension d at [i * Dimensions + d].</summary>
    public required double[] Demand { get; init; }

    /// <summary>What one host offers in normal operation (with headroom).</summary>
    public required double[] Capacity { get; init; }

    /// <summary>What a surviving host may carry after failures.</summary>
    public required double[] FailoverCapacity { get; init; }

    /// <summary>Hosts that may fail at once while every item must stay placeable (N+k).</summary>
    public int Failures { get => failures; init => failures = value; }

    private int failures;

    /// <summary>Sets of items that must be on pairwise distinct hosts.</summary>
    public int[][] Spread { get; init; } = [];

    /// <summary>Sets of items that must share one host.</summary>
    public int[][] Gather { get; init; } = [];

    /// <summary>Zone of each item (0 = the default zone); hosts never mix zones.</summary>
    public int[]? Zone { get; init; }

    /// <summary>Zone names by zone index (0 is the default zone).</summary>
    public string[] ZoneNames { get; init; } = [""];

    /// <summary>Items that must be alone on their host.</summary>
    public bool[]? Lonely { get; init; }

    /// <summary>Host group each item is fenced to, or -1.</summary>
    public int[]? Fence { get; init; }

    /// <summary>Host groups each item must never run on.</summary>
    public int[][]? Ban { get; init; }

    /// <summary>Host group names by group index.</summary>
    public string[] GroupNames { get; init; } = [];

    /// <summary>Rules that limit how many of a set of items one host may run.</summary>
    public MaxPerHostRule[] MaxPerHost { get; init; } = [];

    /// <summary>
    /// Time-aligned sizing: demand of each item in dimension 0 per step (all rows of one length). A host fits when the
    /// summed series stays within capacity at <see cref="StepShare"/> of the steps; dimension 0 of
    /// <see cref="Demand"/> then holds each series' peak, for ordering only.
    /// </summary>
    public float[][]? Series { get; init; }

    /// <summary>
    /// Time-aligned sizing with memory series: demand of each item in dimension 1 (memory) per step, rows as long as
    /// <see cref="Series"/>'. A host fits when the summed rows stay within capacity at every step (<see cref="StepShare"/>
    /// does not apply: memory does not stretch); dimension 1 of <see cref="Demand"/> then holds each row's peak, for
    /// ordering only. Null when memory is one number per item.
    /// </summary>
    public float[][]? MemorySeries { get; init; }

    /// <summary>Share of steps at which a host's summed series must fit (1 = every step).</summary>
    public double StepShare { get; init; } = 1.0;

    /// <summary>How many items.</summary>
    public int Items => ItemNames.Length;

    /// <summary>
    /// Whether this is plain bin packing: no rule, zone, host group, lonely item, time series or N+k; only capacity binds.
    /// </summary>
    public bool PlainPacking =>
        Failures == 0 && Series is null && MemorySeries is null && Spread.Length == 0 && Gather.Length == 0 && MaxPerHost.Length == 0
        && !(Zone?.Any(z => z != 0) ?? false) && !(Lonely?.Any(l => l) ?? false) && !(Fence?.Any(f => f >= 0) ?? false)
        && !(Ban?.Any(b => b.Length > 0) ?? false);

    /// <summary>How many dimensions.</summary>
    public int Dimensions => DimensionNames.Length;

    /// <summary>The same problem for normal operation alone: no failures, every array shared, the capacity unchanged.</summary>
    internal PlacementProblem WithoutFailures()
    {
        var copy = (PlacementProblem)MemberwiseClone();
        copy.failures = 0;
        return copy;
    }

    /// <summary>Demand of item <paramref name="item"/> in dimension <paramref name="d"/>.</summary>
    public double DemandOf(int item, int d) => Demand[(item * Dimensions) + d];

    /// <summary>The item's zone (0 when the problem has none).</summary>
    public int ZoneOf(int item) => Zone?[item] ?? 0;

    /// <summary>Whether the item must be alone on its host.</summary>
    public bool IsLonely(int item) => Lonely?[item] ?? false;

    /// <summary>The host group the item is fenced to, or -1.</summary>
    public int FenceOf(int item) => Fence?[item] ?? -1;

    /// <summary>Whether the item must never run on a host of group <paramref name="group"/>.</summary>
    public bool IsBanned(int item, int group) => group >= 0 && Ban is not null && Array.IndexOf(Ban[item], group) >= 0;

    /// <summary>The items merged along the gather rules into units, with demands and rules per unit (built on each call).</summary>
    public GatheredUnits GatherUnits() => new(Search.Units.Build(this));
}

/// <summary>At most <see cref="Limit"/> of <see cref="Items"/> (every item when null) on one host.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Limit">How many of the items one host may run.</param>
/// <param name="Items">The items it counts, or null for every item.</param>
public sealed record MaxPerHostRule(string Name, int Limit, int[]? Items);

/// <summary>A placement: how many hosts, the group of each host (-1 for none) and the host of each item.</summary>
/// <param name="HostCount">Hosts used.</param>
/// <param name="HostGroup">Host group of each host, or -1.</param>
/// <param name="HostOfItem">Host index of each item.</param>
/// <param name="Method">The search that found it.</param>
public sealed record PlacementSolution(int HostCount, int[] HostGroup, int[] HostOfItem, string Method);
