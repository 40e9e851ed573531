using Google.OrTools.LinearSolver;

namespace Shuyaku.Solver.CpSat;

/// <summary>The type branch and price's master LP: its columns and rows, the arcs of a pattern, and the pricing programme.</summary>
internal sealed partial class StockBranchAndPrice
{
    /// <summary>The artificial columns' total in the last LP solution.</summary>
    private double ArtificialTotal()
    {
        double total = 0;
        foreach (var a in _artificials)
        {
            total += a.SolutionValue();
        }

        return total;
    }

    /// <summary>An artificial column on a row, dearer than any packing, so every node's LP is feasible (and only larger).</summary>
    private void Artificial(Constraint row)
    {
        var v = _lp.MakeNumVar(0, double.PositiveInfinity, "");
        _objective.SetCoefficient(v, _artificialCost);
        row.SetCoefficient(v, 1);
        _artificials.Add(v);
    }

    /// <summary>
    /// Best patterns under the duals: a dynamic programme over the types largest first and the load, where a copy of
    /// type t placed at load p earns the type's dual plus the dual of the arc (t, p) if it has a row, and an arc bounded
    /// to zero cannot be used. Returns the best value and up to <see cref="MaxNew"/> patterns worth more than one bin.
    /// </summary>
    private Priced Price(double[] pi)
    {
        var types = _stock.Types;
        var size = _stock.Size;
        var w = _width;
        if (_f.Length < (long)(types + 1) * w)
        {
            _f = new double[(types + 1) * w];
            _copies = new ushort[types * w];
        }

        var f = _f.AsSpan(0, (types + 1) * w);
        f.Fill(double.NegativeInfinity);
        f[0] = 0;
        for (var t = 0; t < types; t++)
        {
            var from = f.Slice(t * w, w);
            var to = f.Slice((t + 1) * w, w);
            var copies = _copies.AsSpan(t * w, w);
            from.CopyTo(to);
            copies.Clear();
            var s = (int)size[t];
            var most = (int)Math.Min(Math.Min(_stock.Demand[t], _stock.Capacity / s), ushort.MaxValue);
            for (var p = 0; p + s < w; p++)
            {
                if (double.IsNegativeInfinity(from[p]))
                {
                    continue;
                }

                var value = from[p];
                var at = p;
                for (var k = 1; k <= most && at + s < w; k++)
                {
                    var arc = Key(t, at);
                    double dual = 0;
                    if (_arcRows.TryGetValue(arc, out var row))
                    {
                        if (row.Hi < 0.5)
                        {
                            break;
                        }

                        dual = row.Dual;
                    }

                    value += pi[t] + dual;
                    at += s;
                    if (value > to[at] + Eps)
                    {
                        to[at] = value;
                        copies[at] = (ushort)k;
                    }
                }
            }
        }

        var last = f.Slice(types * w, w).ToArray();
        var ends = Enumerable.Range(0, w).Where(l => last[l] > 1 + Eps).OrderByDescending(l => last[l]).Take(MaxNew).ToList();
        var best = last.Max();

        var patterns = new List<int[]>();
        foreach (var end in ends)
        {
            var pattern = new int[types];
            var at = end;
            for (var t = types - 1; t >= 0; t--)
            {
                var k = _copies[(t * w) + at];
                pattern[t] = k;
                at -= k * (int)size[t];
            }

            patterns.Add(pattern);
        }

        return new Priced(best, true, patterns);
    }

    private long Key(int type, int load) => ((long)type * _width) + load;

    /// <summary>The arcs of a pattern's canonical path.</summary>
    private List<long> ArcsOf(int[] pattern)
    {
        var arcs = new List<long>();
        var load = 0;
        for (var t = 0; t < pattern.Length; t++)
        {
            for (var k = 0; k < pattern[t]; k++)
            {
                arcs.Add(Key(t, load));
                load += (int)_stock.Size[t];
            }
        }

        return arcs;
    }

    /// <summary>A pattern cut to the demand, or an empty array when nothing of it is left or it does not fit.</summary>
    private int[] Clip(int[] pattern)
    {
        if (pattern.Length != _stock.Types)
        {
            return [];
        }

        var clipped = new int[_stock.Types];
        for (var t = 0; t < clipped.Length; t++)
        {
            clipped[t] = Math.Min(Math.Max(pattern[t], 0), _stock.Demand[t]);
        }

        return _stock.Load(clipped) <= _stock.Capacity ? clipped : [];
    }

    private bool AddColumn(int[] pattern)
    {
        if (pattern.Length == 0 || pattern.All(a => a == 0) || !_seen.Add(pattern))
        {
            return false;
        }

        var v = _lp.MakeNumVar(0, double.PositiveInfinity, "");
        _objective.SetCoefficient(v, 1);
        for (var t = 0; t < pattern.Length; t++)
        {
            if (pattern[t] > 0)
            {
                _demandRows[t].SetCoefficient(v, pattern[t]);
            }
        }

        var arcs = ArcsOf(pattern);
        foreach (var arc in arcs)
        {
            if (_arcRows.TryGetValue(arc, out var row))
            {
                row.Constraint.SetCoefficient(v, 1);
            }
        }

        _columns.Add(new Column(pattern, v, arcs));
        return true;
    }

    /// <summary>The row bounding an arc's flow, made (unbounded, over every column through the arc) on first use.</summary>
    private ArcRow RowOf(long arc)
    {
        if (_arcRows.TryGetValue(arc, out var row))
        {
            return row;
        }

        var constraint = _lp.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity, "");
        foreach (var c in _columns)
        {
            if (c.Arcs.Contains(arc))
            {
                constraint.SetCoefficient(c.Var, 1);
            }
        }

        Artificial(constraint);
        row = new ArcRow(constraint);
        _arcRows[arc] = row;
        return row;
    }

    /// <summary>A column of the master: its pattern (items per type), its LP variable and the arcs of its path.</summary>
    private sealed record Column(int[] Pattern, Variable Var, List<long> Arcs);

    /// <summary>The row bounding one arc's flow; its bounds are the branching decisions on the current path.</summary>
    private sealed class ArcRow(Constraint constraint)
    {
        public Constraint Constraint { get; } = constraint;

        public double Lo { get; private set; } = double.NegativeInfinity;

        public double Hi { get; private set; } = double.PositiveInfinity;

        /// <summary>The row's dual in the last LP solution, read once per solve.</summary>
        public double Dual { get; private set; }

        public void ReadDual() => Dual = Constraint.DualValue();

        public void Set(double lo, double hi)
        {
            (Lo, Hi) = (lo, hi);
            Constraint.SetBounds(lo, hi);
        }
    }
}
