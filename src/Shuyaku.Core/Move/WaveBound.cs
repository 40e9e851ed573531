using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>The fewest waves any order needs, with the argument that decides it; every argument is a proof.</summary>
/// <param name="Value">The bound.</param>
/// <param name="Reason">The deciding argument in one sentence.</param>
internal sealed record WaveBound(int Value, string Reason)
{
    // A quotient a hair above a whole number from rounding still counts as that number.
    private const double Slack = 1e-9;

    /// <summary>
    /// The largest of: units over the servers limit, data over the data limit, hop hours plus switchovers over the window
    /// (units that alone keep every limit only), 2 when a spread group spans two units or more, and the longest chain of
    /// forced needs whose steps a two-unit spread group makes strict.
    /// </summary>
    public static WaveBound Compute(WaveUnits units, MigrationSettings limits)
    {
        var sound = Enumerable.Range(0, units.Count).Where(u =>
            !units.NoRoute[u]
            && (limits.MaxMibPerWave is not { } max || units.Data[u] <= max * (1 + Slack))
            && units.AloneHours(u, limits.SwitchoverHours) <= limits.WindowHours * (1 + Slack)).ToList();
        var best = new WaveBound(0, Texts.Phrase("move.bound.nothing").English);
        void Consider(int value, string reason)
        {
            if (value > best.Value)
            {
                best = new WaveBound(value, reason);
            }
        }

        Consider(Ceiling((double)sound.Count / limits.MaxServersPerWave), Texts.Phrase("move.bound.units", sound.Count, limits.MaxServersPerWave).English);
        if (limits.MaxMibPerWave is { } most)
        {
            var data = sound.Sum(u => units.Data[u]);
            Consider(Ceiling(data / most), Texts.Phrase("move.bound.data", WaveUnits.Figure(data), WaveUnits.Figure(most)).English);
        }

        // Each wave's slowest hop plus its switchovers fits the window, so summed over the waves the busiest hop's hours
        // plus every switchover fit waves × window.
        var hopHours = new double[units.HopNames.Length];
        foreach (var u in sound)
        {
            for (var i = 0; i < units.Hops[u].Length; i++)
            {
                hopHours[units.Hops[u][i]] += units.HopHours[u][i];
            }
        }

        var busiest = hopHours.Length == 0 ? 0 : hopHours.Max();
        var switchovers = limits.SwitchoverHours * sound.Count;
        Consider(Ceiling((busiest + switchovers) / limits.WindowHours), Texts.Phrase("move.bound.hours", WaveUnits.Figure(busiest), WaveUnits.Figure(switchovers), WaveUnits.Figure(limits.WindowHours)).English);
        if (units.Spread.Length > 0)
        {
            Consider(2, Texts.Phrase("move.bound.spread", units.Spread[0].Rule).English);
        }

        var chain = LongestChain(units);
        Consider(chain, Texts.Phrase("move.bound.chain", chain).English);
        return best;
    }

    private static int Ceiling(double value) => value <= 0 ? 0 : (int)Math.Ceiling(value - Slack);

    /// <summary>
    /// Waves forced by needs with a single unit to satisfy them (u no earlier than c), a step counting one more wave when
    /// a spread group is exactly those two units: the longest path over the strongly connected components, plus one.
    /// </summary>
    private static int LongestChain(WaveUnits units)
    {
        var n = units.Count;
        var strict = units.Spread.Where(g => g.Units.Length == 2).Select(g => (g.Units[0], g.Units[1])).ToHashSet();
        var edges = new List<int>[n];
        for (var u = 0; u < n; u++)
        {
            edges[u] = units.Needs[u].Where(s => units.Sets[s].Length == 1).Select(s => units.Sets[s][0]).ToList();
        }

        var component = UnitComponents.Of(edges, out var count);
        var members = new List<int>[count];
        for (var c = 0; c < count; c++)
        {
            members[c] = [];
        }

        for (var u = 0; u < n; u++)
        {
            members[component[u]].Add(u);
        }

        // Components are numbered needed-first, so every component a step leads to has its level already.
        var level = new int[count];
        for (var c = 0; c < count; c++)
        {
            foreach (var m in members[c])
            {
                foreach (var t in edges[m].Where(t => component[t] != c))
                {
                    var step = strict.Contains((Math.Min(m, t), Math.Max(m, t))) ? 1 : 0;
                    level[c] = Math.Max(level[c], level[component[t]] + step);
                }
            }
        }

        return level.Length == 0 ? 0 : level.Max() + 1;
    }
}
