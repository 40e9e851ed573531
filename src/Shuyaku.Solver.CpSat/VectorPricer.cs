namespace Shuyaku.Solver.CpSat;

/// <summary>The depth-first branch and bound of exact pricing.</summary>
internal sealed class VectorPricer(VectorItems items, int[] order, double[] pi, int nodeLimit)
{
    private const double Eps = 1e-9;

    private readonly int[] _chosen = new int[order.Length];
    private readonly double[] _free = items.Room();
    private readonly double[] _sizeBefore = Before(order, j => items.Size[j]);
    private readonly double[] _valueBefore = Before(order, j => pi[j]);
    private int _count;

    public double BestValue { get; private set; }

    public int Nodes { get; private set; }

    /// <summary>Whether the search completed within its nodes, so <see cref="BestValue"/> is the maximum.</summary>
    public bool Proven => Nodes < nodeLimit;

    public List<(int[] Pattern, double Value)> Found { get; } = [];

    public void Run() => Visit(0, 0, items.Dimensions);

    private static double[] Before(int[] order, Func<int, double> of)
    {
        var sums = new double[order.Length + 1];
        for (var i = 0; i < order.Length; i++)
        {
            sums[i + 1] = sums[i] + of(order[i]);
        }

        return sums;
    }

    private void Visit(int at, double value, double room)
    {
        if (++Nodes >= nodeLimit)
        {
            return;
        }

        if (value > BestValue + Eps)
        {
            BestValue = value;
        }

        if (value > 1 + Eps && (Found.Count < Pricing.MaxNew || value > Found.Min(f => f.Value)))
        {
            if (Found.Count == Pricing.MaxNew)
            {
                Found.RemoveAt(Found.FindIndex(f => f.Value == Found.Min(g => g.Value)));
            }

            Found.Add(([.. _chosen.AsSpan(0, _count).ToArray().Order()], value));
        }

        // Keep the search going only where it can beat the best value, or add a pattern worth more than one host.
        var target = Math.Max(BestValue, Found.Count == Pricing.MaxNew ? Found.Min(f => f.Value) : 1);
        for (var i = at; i < order.Length; i++)
        {
            if (Nodes >= nodeLimit || value + Surrogate(i, room) <= target + Eps)
            {
                return;
            }

            var j = order[i];
            if (!items.Fits(j, _free))
            {
                continue;
            }

            items.Take(j, _free);
            _chosen[_count++] = j;
            Visit(i + 1, value + pi[j], room - items.Size[j]);
            _count--;
            var back = j * items.Dimensions;
            for (var k = 0; k < items.Dimensions; k++)
            {
                _free[k] += items.Demand[back + k];
            }

            target = Math.Max(BestValue, Found.Count == Pricing.MaxNew ? Found.Min(f => f.Value) : 1);
        }
    }

    /// <summary>The fractional knapsack over items from position i on with the summed room as capacity: a valid upper bound.</summary>
    private double Surrogate(int i, double room)
    {
        // Prefix sums over the order: the whole items from i on that the room takes, then a fraction of the next.
        var limit = _sizeBefore[i] + room;
        var lo = Pricing.LastPrefixWithin(_sizeBefore, i, order.Length, limit + Eps);

        var value = _valueBefore[lo] - _valueBefore[i];
        if (lo < order.Length)
        {
            var j = order[lo];
            value += pi[j] * Math.Max(0, limit - _sizeBefore[lo]) / Math.Max(items.Size[j], Eps);
        }

        return value;
    }
}
