using Google.OrTools.Sat;
using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The CP-SAT model of a placement over units: unit-on-host booleans, a used flag per host, capacity per dimension,
/// spread, max per host, zones (lonely units are zones of one), host groups for fence and ban, and failure scenarios
/// when asked (<c>AssignmentModel.Scenarios.cs</c>). Symmetry is broken by numbering hosts in order of their largest
/// unit (unit of rank r only on hosts ≤ r, used hosts first, idle hosts last); the hint, renumbered the same way, seeds
/// the search. A model over a fixed placement (<see cref="BuildFixed"/>) has no symmetry breaking: it only searches the
/// restarts of one scenario.
/// </summary>
internal sealed partial class AssignmentModel
{
    private readonly PlacementProblem _problem;
    private readonly GatheredUnits _units;
    private readonly int[] _rankOf;

    /// <summary>Whether unit u is on host h, at [u, h]; null where the symmetry breaking rules it out.</summary>
    private readonly BoolVar?[,] _x;

    /// <summary>Whether host h is used.</summary>
    private readonly BoolVar[] _y;

    /// <summary>Integer scale of each dimension (see <see cref="ScaleOf"/>).</summary>
    private readonly double[] _scale;

    /// <summary>The host group variables of each host (group index to its boolean), empty without fenced units.</summary>
    private readonly Dictionary<int, BoolVar>[] _group;

    /// <summary>Over a fixed placement: the host of each unit, else null.</summary>
    private readonly int[]? _fixedHost;

    /// <summary>Over a fixed placement: the group of each host (-1 for none), else null.</summary>
    private readonly int[]? _fixedGroup;

    /// <summary>
    /// Whether demands are rounded down and capacities up when scaled to integers (a relaxation, so that infeasible proves
    /// that no plan exists), rather than the other way (a restriction, so that every plan found fits).
    /// </summary>
    private readonly bool _relaxed;

    private AssignmentModel(PlacementProblem problem, GatheredUnits units, int hosts, int[]? fixedHost = null, int[]? fixedGroup = null, bool relaxed = false)
    {
        _problem = problem;
        _relaxed = relaxed;
        _units = units;
        _fixedHost = fixedHost;
        _fixedGroup = fixedGroup;
        _rankOf = RankOf(units);
        _y = Enumerable.Range(0, hosts).Select(h => Model.NewBoolVar($"y{h}")).ToArray();
        _x = new BoolVar?[units.Count, hosts];
        _group = Enumerable.Range(0, hosts).Select(_ => new Dictionary<int, BoolVar>()).ToArray();
        AddAssignment();
        _scale = Enumerable.Range(0, units.Dimensions).Select(ScaleOf).ToArray();
    }

    /// <summary>The model, its objective the number of used hosts.</summary>
    public CpModel Model { get; } = new();

    /// <summary>
    /// Host <paramref name="h"/>'s rules in normal operation: capacity, spread, max-per-host, zones and host groups, the
    /// groups chosen among <paramref name="fences"/>, or (null) among those its possible units are fenced to.
    /// </summary>
    private void AddHostRules(int h, List<int>? fences)
    {
        var on = On(h).ToList();
        AddCapacity(h, on);
        AddSpread(h);
        AddMaxPerHost(on);
        AddZones(h, on);
        AddHostGroups(h, on, fences ?? FencesOn(on));
    }

    /// <summary>The model on as many hosts as the hint uses, with at least <paramref name="lowerBound"/> of them used.</summary>
    public static AssignmentModel Build(PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound)
    {
        var m = new AssignmentModel(problem, units, hint.HostCount);
        for (var h = 0; h < m._y.Length; h++)
        {
            m.AddHostRules(h, null);
        }

        m.Model.Add(LinearExpr.Sum(m._y) >= Math.Max(1, lowerBound));
        m.Model.Minimize(LinearExpr.Sum(m._y));
        m.AddHint(hint);
        return m;
    }

    /// <summary>The fence groups of the units that may be on a host, in order of first appearance.</summary>
    private List<int> FencesOn(List<(int Unit, BoolVar Var)> on) => on.Select(t => _units.FenceOf(t.Unit)).Where(g => g >= 0).Distinct().ToList();

    /// <summary>The plan a solver found on this model: the used hosts, numbered in order, and the host group each is fenced to.</summary>
    public PlacementSolution Read(CpSolver solver, string method)
    {
        var b = _y.Length;
        var used = Enumerable.Range(0, b).Where(h => solver.BooleanValue(_y[h])).ToList();
        var index = new int[b];
        for (var i = 0; i < used.Count; i++)
        {
            index[used[i]] = i;
        }

        var hostOfItem = new int[_problem.Items];
        var hostGroup = Enumerable.Repeat(-1, used.Count).ToArray();
        for (var unit = 0; unit < _units.Count; unit++)
        {
            for (var h = 0; h < b; h++)
            {
                if (_x[unit, h] is { } v && solver.BooleanValue(v))
                {
                    foreach (var item in _units.MembersOf(unit))
                    {
                        hostOfItem[item] = index[h];
                    }

                    if (_units.FenceOf(unit) >= 0)
                    {
                        hostGroup[index[h]] = _units.FenceOf(unit);
                    }
                }
            }
        }

        // With failures the group of a host is chosen with it: an idle spare may be kept for a group's restarts.
        for (var h = 0; h < b && _problem.Failures > 0; h++)
        {
            foreach (var (g, v) in _group[h])
            {
                if (solver.BooleanValue(_y[h]) && hostGroup[index[h]] < 0 && solver.BooleanValue(v))
                {
                    hostGroup[index[h]] = g;
                }
            }
        }

        return new PlacementSolution(used.Count, hostGroup, hostOfItem, method);
    }

    /// <summary>Rank of each unit, largest first: host b may only hold units of rank ≥ b.</summary>
    private static int[] RankOf(GatheredUnits u)
    {
        var rank = Enumerable.Range(0, u.Count).OrderByDescending(u.SizeOf).ThenBy(x => x).ToArray();
        var rankOf = new int[u.Count];
        for (var r = 0; r < u.Count; r++)
        {
            rankOf[rank[r]] = r;
        }

        return rankOf;
    }

    /// <summary>Each unit on exactly one host its rank allows, only on used hosts, and used hosts first.</summary>
    private void AddAssignment()
    {
        var b = _y.Length;
        if (_fixedHost is { } fixedHost)
        {
            for (var unit = 0; unit < _units.Count; unit++)
            {
                var v = Model.NewBoolVar($"x{unit}_{fixedHost[unit]}");
                _x[unit, fixedHost[unit]] = v;
                Model.Add(v == 1);
            }

            foreach (var y in _y)
            {
                Model.Add(y == 1);
            }

            return;
        }

        for (var unit = 0; unit < _units.Count; unit++)
        {
            var row = new List<ILiteral>();
            for (var h = 0; h <= Math.Min(_rankOf[unit], b - 1); h++)
            {
                var v = Model.NewBoolVar($"x{unit}_{h}");
                _x[unit, h] = v;
                row.Add(v);
                Model.AddImplication(v, _y[h]);
            }

            Model.AddExactlyOne(row);
        }

        for (var h = 0; h + 1 < b; h++)
        {
            Model.AddImplication(_y[h + 1], _y[h]);
        }
    }

    private IEnumerable<(int Unit, BoolVar Var)> On(int h)
    {
        for (var unit = 0; unit < _units.Count; unit++)
        {
            if (_x[unit, h] is { } v)
            {
                yield return (unit, v);
            }
        }
    }

    private void AddCapacity(int h, List<(int Unit, BoolVar Var)> on)
    {
        var d = _units.Dimensions;
        for (var k = 0; k < d; k++)
        {
            var cap = ScaledCapacity(_problem.Capacity[k], k);
            var weights = on.Select(t => ScaledDemand(t.Unit, k)).ToArray();
            // Capacity times the used flag: the same packings, a much stronger linear relaxation (better bounds).
            if (weights.Sum() > cap || d == 1)
            {
                Model.Add(LinearExpr.WeightedSum(on.Select(t => t.Var), weights) <= cap * _y[h]);
            }
        }
    }

    private void AddSpread(int h)
    {
        foreach (var set in _units.SpreadSets)
        {
            var lits = set.Where(s => _x[s, h] is not null).Select(s => (ILiteral)_x[s, h]!).ToList();
            if (lits.Count > 1)
            {
                Model.AddAtMostOne(lits);
            }
        }
    }

    private void AddMaxPerHost(List<(int Unit, BoolVar Var)> on)
    {
        for (var r = 0; r < _units.MaxPerHostRules; r++)
        {
            var counted = on.Where(t => _units.MaxPerHostCount(r, t.Unit) > 0).ToList();
            var limit = _units.MaxPerHostLimit(r);
            if (counted.Sum(t => _units.MaxPerHostCount(r, t.Unit)) > limit)
            {
                Model.Add(LinearExpr.WeightedSum(counted.Select(t => t.Var), counted.Select(t => (long)_units.MaxPerHostCount(r, t.Unit))) <= limit);
            }
        }
    }

    /// <summary>One zone per host: a boolean per zone its candidate units come from, at most one of them true.</summary>
    private void AddZones(int h, List<(int Unit, BoolVar Var)> on)
    {
        var zones = on.Select(t => _units.ZoneOf(t.Unit)).Distinct().ToList();
        if (zones.Count > 1)
        {
            var zoneVar = zones.ToDictionary(z => z, z => Model.NewBoolVar($"z{h}_{z}"));
            Model.AddAtMostOne(zoneVar.Values);
            foreach (var (unit, v) in on)
            {
                Model.AddImplication(v, zoneVar[_units.ZoneOf(unit)]);
            }
        }
    }

    /// <summary>One host group per host, among <paramref name="fences"/>: fenced units pick it, banned units stay off it.</summary>
    private void AddHostGroups(int h, List<(int Unit, BoolVar Var)> on, List<int> fences)
    {
        if (fences.Count == 0)
        {
            return;
        }

        var group = fences.ToDictionary(g => g, g => Model.NewBoolVar($"g{h}_{g}"));
        _group[h] = group;
        Model.AddAtMostOne(group.Values);
        foreach (var (unit, v) in on)
        {
            if (_units.FenceOf(unit) >= 0)
            {
                Model.AddImplication(v, group[_units.FenceOf(unit)]);
            }

            foreach (var banned in _units.BansOf(unit))
            {
                if (group.TryGetValue(banned, out var g))
                {
                    Model.AddImplication(v, g.Not());
                }
            }
        }
    }

    /// <summary>A capacity in dimension k scaled to an integer: rounded down, or up in a relaxed model.</summary>
    private long ScaledCapacity(double capacity, int k) =>
        _relaxed ? (long)Math.Ceiling(capacity * _scale[k]) : (long)Math.Floor((capacity * _scale[k]) + 1e-6);

    /// <summary>A unit's demand in dimension k scaled to an integer: rounded up, or down in a relaxed model.</summary>
    private long ScaledDemand(int unit, int k) =>
        _relaxed ? (long)Math.Floor(_units.DemandOf(unit, k) * _scale[k]) : (long)Math.Ceiling((_units.DemandOf(unit, k) * _scale[k]) - 1e-6);

    /// <summary>Integer scale for dimension k: 1 when every demand and both capacities are whole, else 1000.</summary>
    private double ScaleOf(int k)
    {
        static bool Whole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;
        var whole = Whole(_problem.Capacity[k]) && Whole(_problem.FailoverCapacity[k])
            && Enumerable.Range(0, _units.Count).All(x => Whole(_units.DemandOf(x, k)));
        return whole ? 1 : 1000;
    }

    /// <summary>
    /// The hint: its hosts renumbered by their largest unit's rank, which the symmetry breaking allows; with more hosts with
    /// units than the model has, the emptiest are left out and their units unhinted.
    /// </summary>
    private void AddHint(PlacementSolution hint)
    {
        var n = _units.Count;
        var hostOfUnit = Enumerable.Range(0, n).Select(unit => hint.HostOfItem[_units.MembersOf(unit)[0]]).ToArray();
        var first = new int[hint.HostCount];
        Array.Fill(first, int.MaxValue);
        for (var unit = 0; unit < n; unit++)
        {
            first[hostOfUnit[unit]] = Math.Min(first[hostOfUnit[unit]], _rankOf[unit]);
        }

        // Hosts with units by their largest unit's rank, then idle hosts (spares kept for failures) in their order. With
        // more hosts with units than the model has, the emptiest (least total unit size) go last, beyond the model: their
        // units are left unhinted, so the search starts from the rest of the plan and places them itself.
        var size = new double[hint.HostCount];
        for (var unit = 0; unit < n; unit++)
        {
            size[hostOfUnit[unit]] += _units.SizeOf(unit);
        }

        var loaded = Enumerable.Range(0, hint.HostCount).Where(h => first[h] < int.MaxValue).ToList();
        var dropped = loaded.OrderBy(h => size[h]).ThenByDescending(h => h).Take(Math.Max(0, loaded.Count - _y.Length)).ToHashSet();
        var order = loaded.Where(h => !dropped.Contains(h)).OrderBy(h => first[h])
            .Concat(Enumerable.Range(0, hint.HostCount).Where(h => first[h] == int.MaxValue))
            .Concat(dropped.OrderBy(h => first[h])).ToArray();
        var renumber = new int[hint.HostCount];
        for (var i = 0; i < order.Length; i++)
        {
            renumber[order[i]] = i;
        }

        _hintOrder = order;
        _hintRenumber = renumber;
        for (var h = 0; h < _y.Length; h++)
        {
            Model.AddHint(_y[h], h < order.Length);
        }

        for (var h = 0; h < Math.Min(_y.Length, order.Length) && _problem.Failures > 0; h++)
        {
            foreach (var (g, v) in _group[h])
            {
                Model.AddHint(v, hint.HostGroup[order[h]] == g);
            }
        }

        for (var unit = 0; unit < n; unit++)
        {
            var target = renumber[hostOfUnit[unit]];
            if (target >= _y.Length)
            {
                continue;
            }

            for (var h = 0; h < _y.Length; h++)
            {
                if (_x[unit, h] is { } v)
                {
                    Model.AddHint(v, h == target);
                }
            }
        }
    }
}
