using Shuyaku.Core.Localization;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Core.Placement;

/// <summary>
/// The problem's items merged along gather rules into units that always share a host, with demands and rules per unit:
/// what an exact solver models instead of single items. A read-only view; lonely units have a zone of their own.
/// </summary>
public sealed class GatheredUnits
{
    private readonly Units _units;

    internal GatheredUnits(Units units) => _units = units;

    /// <summary>How many units there are.</summary>
    public int Count => _units.Count;

    /// <summary>Resource dimensions, those of the problem.</summary>
    public int Dimensions => _units.Dimensions;

    /// <summary>Why the problem has no placement at all (a unit that fits no empty host), or null.</summary>
    public Phrase? Impossible => _units.Impossible;

    /// <summary>Zones the units use, counting one per lonely unit; hosts never mix zones.</summary>
    public int ZoneCount => _units.ZoneCount;

    /// <summary>Spread sets as units: the units of each set must be on pairwise distinct hosts.</summary>
    public IReadOnlyList<IReadOnlyList<int>> SpreadSets => _units.SpreadUnits;

    /// <summary>How many max-per-host rules there are.</summary>
    public int MaxPerHostRules => _units.RuleLimit.Length;

    /// <summary>The problem's items in a unit, in item order.</summary>
    public IReadOnlyList<int> MembersOf(int unit) => _units.Members[unit];

    /// <summary>A unit's demand in one dimension: the sum over its items.</summary>
    public double DemandOf(int unit, int dimension) => _units.DemandOf(unit, dimension);

    /// <summary>A unit's size: its demand over the capacity, summed over the dimensions.</summary>
    public double SizeOf(int unit) => _units.Size[unit];

    /// <summary>A unit's zone (a lonely unit's zone is its own).</summary>
    public int ZoneOf(int unit) => _units.Zone[unit];

    /// <summary>Whether a unit must be alone on its host.</summary>
    public bool IsLonely(int unit) => _units.Lonely[unit];

    /// <summary>The host group a unit is fenced to, or -1.</summary>
    public int FenceOf(int unit) => _units.Fence[unit];

    /// <summary>The host groups a unit must never run on.</summary>
    public IReadOnlyList<int> BansOf(int unit) => _units.Ban[unit];

    /// <summary>How many items of max-per-host rule <paramref name="rule"/> one host may hold at most.</summary>
    public int MaxPerHostLimit(int rule) => _units.RuleLimit[rule];

    /// <summary>How many items of max-per-host rule <paramref name="rule"/> a unit holds.</summary>
    public int MaxPerHostCount(int rule, int unit) => _units.RuleCount[rule][unit];
}
