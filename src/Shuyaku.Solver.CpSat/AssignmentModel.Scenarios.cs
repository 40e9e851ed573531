using Google.OrTools.Sat;
using Shuyaku.Core.Placement;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// Failure scenarios in the assignment model, exactly as the checker verifies them (docs/planning.md, "What must hold
/// after k failures"): when the hosts of a scenario fail, each of their units restarts on one other used host, which
/// then holds its own units and those restarted on it within the failover capacity, one zone (an idle host takes any),
/// its host group (fence and ban), spread and max-per-host. Each scenario has its own restart booleans.
/// </summary>
internal sealed partial class AssignmentModel
{
    /// <summary>The scenarios modelled: the failed hosts and the restart boolean of each unit on each host, at [unit, host].</summary>
    private readonly List<(int[] Failed, BoolVar?[,] Restart)> _scenarios = [];

    /// <summary>The hint's host at each model host (hosts with units by rank, then idle ones), once the hint is added.</summary>
    private int[] _hintOrder = [];

    /// <summary>The model host of each of the hint's hosts, once the hint is added.</summary>
    private int[] _hintRenumber = [];

    /// <summary>The hint's host at each model host, for mapping a scenario of the model onto the hint.</summary>
    public IReadOnlyList<int> HintOrder => _hintOrder;

    /// <summary>The scenarios modelled, by their failed model hosts.</summary>
    public IEnumerable<int[]> Scenarios => _scenarios.Select(s => s.Failed);

    /// <summary>
    /// The model of an N+k plan on as many hosts as the hint uses, with at least <paramref name="lowerBound"/> of them used,
    /// surviving each of <paramref name="scenarios"/> (sets of failed model hosts; any subset of all scenarios makes a
    /// relaxation, whose bound holds for the whole problem), seeded with <paramref name="hint"/>.
    /// </summary>
    public static AssignmentModel BuildFailover(
        PlacementProblem problem, GatheredUnits units, PlacementSolution hint, int lowerBound, IEnumerable<int[]> scenarios)
    {
        var m = new AssignmentModel(problem, units, hint.HostCount);

        // Every host may receive a fenced unit after a failure: each chooses among all the groups units are fenced to.
        var fences = Enumerable.Range(0, units.Count).Select(units.FenceOf).Where(g => g >= 0).Distinct().Order().ToList();
        for (var h = 0; h < m._y.Length; h++)
        {
            m.AddHostRules(h, fences);
        }

        foreach (var failed in scenarios)
        {
            m.AddScenario(failed);
        }

        m.Model.Add(LinearExpr.Sum(m._y) >= Math.Max(1, lowerBound));
        m.Model.Minimize(LinearExpr.Sum(m._y));
        m.AddHint(hint);
        return m;
    }

    /// <summary>
    /// Whether an N+k plan on exactly <paramref name="hosts"/> hosts exists: every host used (an idle one is a spare) and
    /// every set of k of them failing in turn (<paramref name="scenarios"/>), with demands rounded down and capacities up.
    /// No objective and no hint: the hosts are interchangeable and every scenario is modelled, so infeasible proves that
    /// every plan needs more hosts; a plan it finds is verified before it is used.
    /// </summary>
    public static AssignmentModel BuildDecision(PlacementProblem problem, GatheredUnits units, int hosts, IEnumerable<int[]> scenarios)
    {
        var m = new AssignmentModel(problem, units, hosts, relaxed: true);
        var fences = Enumerable.Range(0, units.Count).Select(units.FenceOf).Where(g => g >= 0).Distinct().Order().ToList();
        for (var h = 0; h < m._y.Length; h++)
        {
            m.AddHostRules(h, fences);
            m.Model.Add(m._y[h] == 1);
        }

        m.AddIdleLast(fences);
        foreach (var failed in scenarios)
        {
            m.AddScenario(failed);
        }

        return m;
    }

    /// <summary>
    /// Seeds a decision model with <paramref name="plan"/> (at most as many hosts as the model), renumbered as the symmetry
    /// breaking wants, and each scenario whose restarts on that plan are known (<paramref name="restartsOf"/>, by the plan's
    /// failed hosts) with those restarts.
    /// </summary>
    public void Hint(PlacementSolution plan, Func<int[], IReadOnlyDictionary<int, int>?> restartsOf)
    {
        AddHint(plan);
        var i = 0;
        foreach (var failed in Scenarios.ToList())
        {
            if (failed.All(f => f < _hintOrder.Length) && restartsOf([.. failed.Select(f => _hintOrder[f]).Order()]) is { } known)
            {
                HintRestarts(i, known.Where(p => p.Value < _hintRenumber.Length).ToDictionary(p => p.Key, p => _hintRenumber[p.Value]));
            }

            i++;
        }
    }

    /// <summary>
    /// Symmetry breaking where every host is used: hosts that run units first (numbered by their largest unit, as before),
    /// idle ones last, and the idle ones by their group (none first, then in group order): idle hosts of one group are
    /// interchangeable.
    /// </summary>
    private void AddIdleLast(List<int> fences)
    {
        var b = _y.Length;
        var loaded = new BoolVar[b];
        for (var h = 0; h < b; h++)
        {
            loaded[h] = Model.NewBoolVar($"e{h}");
            var on = On(h).Select(t => t.Var).ToList();
            foreach (var v in on)
            {
                Model.AddImplication(v, loaded[h]);
            }

            Model.Add(LinearExpr.Sum(on) >= loaded[h]);
            if (h > 0)
            {
                Model.AddImplication(loaded[h], loaded[h - 1]);
            }
        }

        for (var h = 0; h + 1 < b && fences.Count > 0; h++)
        {
            var label = LinearExpr.WeightedSum(fences.Select(g => _group[h][g]), fences.Select(g => (long)(g + 1)));
            var next = LinearExpr.WeightedSum(fences.Select(g => _group[h + 1][g]), fences.Select(g => (long)(g + 1)));
            Model.Add(label <= next).OnlyEnforceIf(loaded[h].Not());
        }
    }

    /// <summary>
    /// The restarts of one scenario on a fixed plan: a feasibility model whose only freedom is where the units of the
    /// failed hosts (the plan's own host numbers) restart, each host keeping the plan's group.
    /// </summary>
    public static AssignmentModel BuildFixed(PlacementProblem problem, GatheredUnits units, PlacementSolution plan, int[] failed)
    {
        var hostOf = Enumerable.Range(0, units.Count).Select(unit => plan.HostOfItem[units.MembersOf(unit)[0]]).ToArray();
        var m = new AssignmentModel(problem, units, plan.HostCount, hostOf, plan.HostGroup);
        m.AddScenario(failed);
        return m;
    }

    /// <summary>Hints the restarts of scenario <paramref name="index"/>: the model host each unit that fails restarts on.</summary>
    public void HintRestarts(int index, IReadOnlyDictionary<int, int> hostOfUnit)
    {
        var restart = _scenarios[index].Restart;
        for (var unit = 0; unit < _units.Count; unit++)
        {
            for (var g = 0; g < _y.Length; g++)
            {
                if (restart[unit, g] is { } r)
                {
                    Model.AddHint(r, hostOfUnit.TryGetValue(unit, out var to) && to == g);
                }
            }
        }
    }

    /// <summary>
    /// The restarts a solve found for each scenario, as the model host each moving unit restarts on (the model's used
    /// hosts come first, so they are also the plan's host numbers).
    /// </summary>
    public List<(int[] Failed, Dictionary<int, int> HostOfUnit)> ReadRestarts(CpSolver solver)
    {
        var found = new List<(int[], Dictionary<int, int>)>();
        foreach (var (failed, restart) in _scenarios)
        {
            var to = new Dictionary<int, int>();
            for (var unit = 0; unit < _units.Count; unit++)
            {
                for (var g = 0; g < _y.Length; g++)
                {
                    if (restart[unit, g] is { } r && solver.BooleanValue(r))
                    {
                        to[unit] = g;
                    }
                }
            }

            found.Add((failed, to));
        }

        return found;
    }

    /// <summary>The model host of the hint's host <paramref name="h"/>.</summary>
    public int ModelHostOfHint(int h) => _hintRenumber[h];

    /// <summary>The variable placing <paramref name="unit"/> on model host <paramref name="host"/> in normal operation, or null where it may not run.</summary>
    internal BoolVar? Placement(int unit, int host) => _x[unit, host];

    /// <summary>Restart booleans for the units that may be on the failed hosts, and each survivor's constraints.</summary>
    private void AddScenario(int[] failed)
    {
        var b = _y.Length;
        var isFailed = new bool[b];
        foreach (var f in failed)
        {
            isFailed[f] = true;
        }

        var tag = string.Join('_', failed);
        var restart = new BoolVar?[_units.Count, b];
        for (var unit = 0; unit < _units.Count; unit++)
        {
            var onFailed = failed.Select(f => _x[unit, f]).OfType<BoolVar>().ToList();
            if (onFailed.Count == 0)
            {
                continue;
            }

            var targets = new List<BoolVar>();
            for (var g = 0; g < b; g++)
            {
                if (!isFailed[g] && RestartAllowed(unit, g))
                {
                    var r = Model.NewBoolVar($"r{tag}_{unit}_{g}");
                    restart[unit, g] = r;
                    targets.Add(r);
                    Model.AddImplication(r, _y[g]);
                }
            }

            // Exactly one target when the unit is on a failed host (it is on at most one), none otherwise.
            Model.Add(LinearExpr.Sum(targets) == LinearExpr.Sum(onFailed));
        }

        for (var g = 0; g < b; g++)
        {
            if (!isFailed[g])
            {
                AddSurvivor(g, restart, tag);
            }
        }

        _scenarios.Add((failed, restart));
    }

    /// <summary>Over a fixed plan, whether the host's group lets the unit restart there; otherwise the group variables decide.</summary>
    private bool RestartAllowed(int unit, int g)
    {
        if (_fixedGroup is not { } groups)
        {
            return true;
        }

        var fence = _units.FenceOf(unit);
        return fence >= 0 ? groups[g] == fence : groups[g] < 0 || !_units.BansOf(unit).Contains(groups[g]);
    }

    /// <summary>Host g after the failure: its own units plus those restarted on it, within every limit of a survivor.</summary>
    private void AddSurvivor(int g, BoolVar?[,] restart, string tag)
    {
        var terms = new List<(int Unit, BoolVar Var)>();
        var restarted = new List<(int Unit, BoolVar Var)>();
        for (var unit = 0; unit < _units.Count; unit++)
        {
            if (_x[unit, g] is { } stays)
            {
                terms.Add((unit, stays));
            }

            if (restart[unit, g] is { } moves)
            {
                terms.Add((unit, moves));
                restarted.Add((unit, moves));
            }
        }

        if (restarted.Count == 0)
        {
            return;
        }

        for (var k = 0; k < _units.Dimensions; k++)
        {
            var cap = ScaledCapacity(_problem.FailoverCapacity[k], k);
            var weights = terms.Select(t => ScaledDemand(t.Unit, k)).ToArray();
            if (weights.Sum() > cap)
            {
                Model.Add(LinearExpr.WeightedSum(terms.Select(t => t.Var), weights) <= cap * _y[g]);
            }
        }

        foreach (var set in _units.SpreadSets)
        {
            var lits = set.SelectMany(s => new[] { _x[s, g], restart[s, g] }).OfType<BoolVar>().Select(v => (ILiteral)v).ToList();
            if (lits.Count > 1)
            {
                Model.AddAtMostOne(lits);
            }
        }

        AddMaxPerHost(terms);
        var zones = terms.Select(t => _units.ZoneOf(t.Unit)).Distinct().ToList();
        if (zones.Count > 1)
        {
            // The host's zone in this scenario: its own units' zone, or any one for an idle host.
            var zoneVar = zones.ToDictionary(z => z, z => Model.NewBoolVar($"z{tag}_{g}_{z}"));
            Model.AddAtMostOne(zoneVar.Values);
            foreach (var (unit, v) in terms)
            {
                Model.AddImplication(v, zoneVar[_units.ZoneOf(unit)]);
            }
        }

        if (_fixedGroup is not null)
        {
            return;
        }

        foreach (var (unit, v) in restarted)
        {
            if (_units.FenceOf(unit) >= 0)
            {
                Model.AddImplication(v, _group[g][_units.FenceOf(unit)]);
            }

            foreach (var banned in _units.BansOf(unit))
            {
                if (_group[g].TryGetValue(banned, out var gv))
                {
                    Model.AddImplication(v, gv.Not());
                }
            }
        }
    }
}
