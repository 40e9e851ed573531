using System.Globalization;
using Google.OrTools.Sat;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Placement.Search;

namespace Shuyaku.Solver.CpSat;

/// <summary>
/// The whole placement problem as a CP-SAT model over units (gathered items): unit-on-host booleans, a used flag per host,
/// capacity per dimension, spread, max per host, zones (lonely units are zones of one), host groups for fence and ban.
/// Symmetry is broken by numbering hosts in order of their largest unit (unit of rank r only on hosts ≤ r, used hosts
/// first); the heuristic plan, renumbered the same way, is the hint. N+1 is modelled on small problems whose only rules
/// are spread and gather: for every host that may fail, each of its units restarts on one other used host, within the
/// failover capacity and the spread rules. That asks only that some restart exists; the caller checks its own restart
/// order on the plan (<c>Failover.Verify</c>) before it takes it. Larger k, and N+1 with zones, host groups, lonely units
/// or max-per-host rules, are declined: the caller keeps its own plan.
/// </summary>
public sealed class CpSatSolver : IExactSolver
{
    /// <summary>Units beyond this are left to local search: the assignment model finds nothing in time there.</summary>
    public const int UnitLimit = 150;

    /// <summary>Units beyond this are declined with N+1: the model grows with units × hosts².</summary>
    public const int FailoverUnitLimit = 40;

    private readonly int _seed;

    public CpSatSolver(int seed = 1) => _seed = seed;

    public bool Accepts(PlacementProblem problem)
    {
        var limit = problem.Failures switch { 0 => UnitLimit, 1 => FailoverUnitLimit, _ => 0 };

        // Gathering k items makes one unit of them, so this many units remain at least: decline large estates before
        // building their units (the planner asks on every N+k problem, up to 100,000 workloads).
        var fewestUnits = problem.Items - problem.Gather.Sum(g => Math.Max(0, g.Length - 1));
        return problem.Series is null && limit > 0 && fewestUnits <= limit && Units.Build(problem) is { Impossible: null } u
            && u.Count <= limit && (problem.Failures == 0 || OnlySpreadRules(u));
    }

    /// <summary>No zones (lonely units are zones of their own), host groups or max-per-host rules: what the N+1 model covers.</summary>
    private static bool OnlySpreadRules(Units u) =>
        u.ZoneCount <= 1 && !u.Lonely.Any(l => l) && u.Fence.All(f => f < 0) && u.Ban.All(b => b.Length == 0) && u.RuleLimit.Length == 0;

    public ExactResult Solve(PlacementProblem problem, PlacementSolution hint, int lowerBound, TimeSpan timeLimit, IProgress<string>? progress)
    {
        var u = Units.Build(problem);
        var n = u.Count;
        var d = u.Dimensions;
        var hostCount = hint.HostCount;
        if (n == 0 || hostCount <= lowerBound)
        {
            return new ExactResult(null, lowerBound, hostCount <= lowerBound, "nothing to search");
        }

        // Rank units largest first; host b may only hold units of rank ≥ b.
        var rank = Enumerable.Range(0, n).OrderByDescending(x => u.Size[x]).ThenBy(x => x).ToArray();
        var rankOf = new int[n];
        for (var r = 0; r < n; r++)
        {
            rankOf[rank[r]] = r;
        }

        var b = hostCount;
        var model = new CpModel();
        var y = Enumerable.Range(0, b).Select(h => model.NewBoolVar($"y{h}")).ToArray();
        var x = new BoolVar?[n, b];
        for (var unit = 0; unit < n; unit++)
        {
            var row = new List<ILiteral>();
            for (var h = 0; h <= Math.Min(rankOf[unit], b - 1); h++)
            {
                var v = model.NewBoolVar($"x{unit}_{h}");
                x[unit, h] = v;
                row.Add(v);
                model.AddImplication(v, y[h]);
            }

            model.AddExactlyOne(row);
        }

        for (var h = 0; h + 1 < b; h++)
        {
            model.AddImplication(y[h + 1], y[h]);
        }

        IEnumerable<(int Unit, BoolVar Var)> On(int h)
        {
            for (var unit = 0; unit < n; unit++)
            {
                if (x[unit, h] is { } v)
                {
                    yield return (unit, v);
                }
            }
        }

        var scale = Enumerable.Range(0, d).Select(k => ScaleOf(u, k)).ToArray();
        for (var h = 0; h < b; h++)
        {
            var on = On(h).ToList();
            for (var k = 0; k < d; k++)
            {
                var cap = (long)Math.Floor((problem.Capacity[k] * scale[k]) + 1e-6);
                var weights = on.Select(t => (long)Math.Ceiling((u.DemandOf(t.Unit, k) * scale[k]) - 1e-6)).ToArray();
                // Capacity times the used flag: the same packings, a much stronger linear relaxation (better bounds).
                if (weights.Sum() > cap || d == 1)
                {
                    model.Add(LinearExpr.WeightedSum(on.Select(t => t.Var), weights) <= cap * y[h]);
                }
            }

            foreach (var set in u.SpreadUnits)
            {
                var lits = set.Where(s => x[s, h] is not null).Select(s => (ILiteral)x[s, h]!).ToList();
                if (lits.Count > 1)
                {
                    model.AddAtMostOne(lits);
                }
            }

            for (var r = 0; r < u.RuleLimit.Length; r++)
            {
                var counted = on.Where(t => u.RuleCount[r][t.Unit] > 0).ToList();
                if (counted.Sum(t => u.RuleCount[r][t.Unit]) > u.RuleLimit[r])
                {
                    model.Add(LinearExpr.WeightedSum(counted.Select(t => t.Var), counted.Select(t => (long)u.RuleCount[r][t.Unit])) <= u.RuleLimit[r]);
                }
            }

            var zones = on.Select(t => u.Zone[t.Unit]).Distinct().ToList();
            if (zones.Count > 1)
            {
                var zoneVar = zones.ToDictionary(z => z, z => model.NewBoolVar($"z{h}_{z}"));
                model.AddAtMostOne(zoneVar.Values);
                foreach (var (unit, v) in on)
                {
                    model.AddImplication(v, zoneVar[u.Zone[unit]]);
                }
            }

            var fences = on.Select(t => u.Fence[t.Unit]).Where(g => g >= 0).Distinct().ToList();
            if (fences.Count > 0)
            {
                var group = fences.ToDictionary(g => g, g => model.NewBoolVar($"g{h}_{g}"));
                model.AddAtMostOne(group.Values);
                foreach (var (unit, v) in on)
                {
                    if (u.Fence[unit] >= 0)
                    {
                        model.AddImplication(v, group[u.Fence[unit]]);
                    }

                    foreach (var banned in u.Ban[unit])
                    {
                        if (group.TryGetValue(banned, out var g))
                        {
                            model.AddImplication(v, g.Not());
                        }
                    }
                }
            }
        }

        if (problem.Failures == 1)
        {
            AddSingleFailures(model, u, x, y, scale);
        }

        model.Add(LinearExpr.Sum(y) >= Math.Max(1, lowerBound));
        model.Minimize(LinearExpr.Sum(y));
        AddHint(model, u, hint, rankOf, x, y);

        var solver = new CpSolver
        {
            StringParameters = string.Create(
                CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.05, timeLimit.TotalSeconds):0.###} num_workers:2 random_seed:{_seed} log_search_progress:false"),
        };
        var callback = new IncumbentReporter(progress);
        var status = solver.Solve(model, callback);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return new ExactResult(null, lowerBound, false, $"CP-SAT {status}");
        }

        var used = Enumerable.Range(0, b).Where(h => solver.BooleanValue(y[h])).ToList();
        var index = new int[b];
        for (var i = 0; i < used.Count; i++)
        {
            index[used[i]] = i;
        }

        var hostOfItem = new int[problem.Items];
        var hostGroup = Enumerable.Repeat(-1, used.Count).ToArray();
        for (var unit = 0; unit < n; unit++)
        {
            for (var h = 0; h < b; h++)
            {
                if (x[unit, h] is { } v && solver.BooleanValue(v))
                {
                    foreach (var item in u.Members[unit])
                    {
                        hostOfItem[item] = index[h];
                    }

                    if (u.Fence[unit] >= 0)
                    {
                        hostGroup[index[h]] = u.Fence[unit];
                    }
                }
            }
        }

        var optimal = status == CpSolverStatus.Optimal;
        var bound = optimal ? used.Count : Math.Max(lowerBound, (int)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
        var name = optimal ? "CP-SAT (optimal)" : "CP-SAT";
        return new ExactResult(new PlacementSolution(used.Count, hostGroup, hostOfItem, name), bound, optimal, $"CP-SAT {status.ToString().ToLowerInvariant()}, {solver.WallTime():0.0} s");
    }

    /// <summary>
    /// N+1: for each host f that may fail, booleans r[unit, g] move every unit of f to one other used host g, where its
    /// own units plus those restarted fit the failover capacity and no two units of a spread set meet.
    /// </summary>
    private static void AddSingleFailures(CpModel model, Units u, BoolVar?[,] x, BoolVar[] y, double[] scale)
    {
        var n = u.Count;
        var b = y.Length;
        var problem = u.Problem;
        for (var f = 0; f < b; f++)
        {
            var restart = new BoolVar?[n, b];
            for (var unit = 0; unit < n; unit++)
            {
                if (x[unit, f] is not { } onF)
                {
                    continue;
                }

                var targets = new List<ILiteral>();
                for (var g = 0; g < b; g++)
                {
                    if (g != f)
                    {
                        var r = model.NewBoolVar($"r{unit}_{f}_{g}");
                        restart[unit, g] = r;
                        targets.Add(r);
                        model.AddImplication(r, y[g]);
                    }
                }

                // Exactly one target when the unit is on f, none otherwise.
                model.Add(LinearExpr.Sum(targets) == onF);
            }

            for (var g = 0; g < b; g++)
            {
                if (g == f)
                {
                    continue;
                }

                var terms = new List<(BoolVar Var, int Unit)>();
                for (var unit = 0; unit < n; unit++)
                {
                    if (x[unit, g] is { } stays)
                    {
                        terms.Add((stays, unit));
                    }

                    if (restart[unit, g] is { } moves)
                    {
                        terms.Add((moves, unit));
                    }
                }

                for (var k = 0; k < u.Dimensions; k++)
                {
                    var cap = (long)Math.Floor((problem.FailoverCapacity[k] * scale[k]) + 1e-6);
                    var weights = terms.Select(t => (long)Math.Ceiling((u.DemandOf(t.Unit, k) * scale[k]) - 1e-6)).ToArray();
                    model.Add(LinearExpr.WeightedSum(terms.Select(t => t.Var), weights) <= cap * y[g]);
                }

                foreach (var set in u.SpreadUnits)
                {
                    var lits = set.SelectMany(s => new[] { x[s, g], restart[s, g] }).OfType<BoolVar>().Select(v => (ILiteral)v).ToList();
                    if (lits.Count > 1)
                    {
                        model.AddAtMostOne(lits);
                    }
                }
            }
        }
    }

    /// <summary>Integer scale for dimension k: 1 when every demand and both capacities are whole, else 1000.</summary>
    private static double ScaleOf(Units u, int k)
    {
        static bool Whole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;
        var whole = Whole(u.Problem.Capacity[k]) && Whole(u.Problem.FailoverCapacity[k]) && Enumerable.Range(0, u.Count).All(x => Whole(u.DemandOf(x, k)));
        return whole ? 1 : 1000;
    }

    /// <summary>The hint: the heuristic's hosts renumbered by their largest unit's rank, which the symmetry breaking allows.</summary>
    private static void AddHint(CpModel model, Units u, PlacementSolution hint, int[] rankOf, BoolVar?[,] x, BoolVar[] y)
    {
        var n = u.Count;
        var hostOfUnit = Enumerable.Range(0, n).Select(unit => hint.HostOfItem[u.Members[unit][0]]).ToArray();
        var first = new int[hint.HostCount];
        Array.Fill(first, int.MaxValue);
        for (var unit = 0; unit < n; unit++)
        {
            first[hostOfUnit[unit]] = Math.Min(first[hostOfUnit[unit]], rankOf[unit]);
        }

        var order = Enumerable.Range(0, hint.HostCount).Where(h => first[h] < int.MaxValue).OrderBy(h => first[h]).ToArray();
        var renumber = new int[hint.HostCount];
        for (var i = 0; i < order.Length; i++)
        {
            renumber[order[i]] = i;
        }

        for (var h = 0; h < y.Length; h++)
        {
            model.AddHint(y[h], h < order.Length);
        }

        for (var unit = 0; unit < n; unit++)
        {
            var target = renumber[hostOfUnit[unit]];
            for (var h = 0; h < y.Length; h++)
            {
                if (x[unit, h] is { } v)
                {
                    model.AddHint(v, h == target);
                }
            }
        }
    }

    /// <summary>Reports each incumbent with the proven bound and the time so far.</summary>
    private sealed class IncumbentReporter(IProgress<string>? progress) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback() =>
            progress?.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"CP-SAT: {ObjectiveValue():0} hosts, lower bound {Math.Ceiling(BestObjectiveBound() - 1e-6):0}, {WallTime():0.0} s"));
    }
}
