using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>
/// Waves being filled: per wave its units, data and load per hop, with the test whether one more unit fits the limits
/// and keeps every spread group from moving whole. Units are placed in a given order, each into the first wave from its
/// earliest allowed one that takes it.
/// </summary>
internal sealed class WavePacking
{
    // A limit counts as kept up to one part in a billion, so sums in another order do not flip a decision.
    private const double Slack = 1e-9;

    private readonly WaveUnits _units;
    private readonly MigrationSettings _limits;
    private readonly List<Bin> _waves = [];
    private readonly int[] _wave;
    private readonly List<int>[] _groupsOf;

    public WavePacking(WaveUnits units, MigrationSettings limits)
    {
        _units = units;
        _limits = limits;
        _wave = Enumerable.Repeat(-1, units.Count).ToArray();
        _groupsOf = new List<int>[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            _groupsOf[u] = [];
        }

        for (var g = 0; g < units.Spread.Length; g++)
        {
            foreach (var u in units.Spread[g].Units)
            {
                _groupsOf[u].Add(g);
            }
        }
    }

    /// <summary>Waves opened so far (some may have been emptied by repairs).</summary>
    public int WaveCount => _waves.Count;

    /// <summary>The wave (0-based) of unit <paramref name="u"/>, or -1 while it is not placed.</summary>
    public int WaveOf(int u) => _wave[u];

    /// <summary>The units of wave <paramref name="w"/>, in placing order.</summary>
    public IReadOnlyList<int> UnitsOf(int w) => _waves[w].Units;

    /// <summary>Hours of wave <paramref name="w"/>: its slowest hop's copies plus one switchover per unit.</summary>
    public double Hours(int w) => _waves[w].Copy + (_limits.SwitchoverHours * _waves[w].Units.Count);

    /// <summary>Data of wave <paramref name="w"/> in MiB.</summary>
    public double Data(int w) => _waves[w].Data;

    /// <summary>
    /// Places <paramref name="bundle"/> (units that must share a wave) into the first wave from <paramref name="from"/> that
    /// takes them all, opening a wave at the end when none does; returns the wave.
    /// </summary>
    public int Place(int[] bundle, int from)
    {
        for (var w = Math.Max(0, from); w < _waves.Count; w++)
        {
            var added = 0;
            while (added < bundle.Length && Fits(bundle[added], w))
            {
                Add(bundle[added++], w);
            }

            if (added == bundle.Length)
            {
                return w;
            }

            for (var i = 0; i < added; i++)
            {
                Remove(bundle[i]);
            }
        }

        // A new wave takes the bundle whatever it holds: a bundle over a limit on its own is reported as a problem.
        _waves.Add(new Bin());
        foreach (var u in bundle)
        {
            Add(u, _waves.Count - 1);
        }

        return _waves.Count - 1;
    }

    /// <summary>
    /// Places <paramref name="bundle"/> into the wave among the first <paramref name="waves"/>, from <paramref name="from"/>,
    /// that takes it and is least full after (the largest of its shares of the servers, data and window limits), opening
    /// the waves first; returns the wave, or -1 when none takes it.
    /// </summary>
    public int PlaceLeastFull(int[] bundle, int from, int waves)
    {
        while (_waves.Count < waves)
        {
            _waves.Add(new Bin());
        }

        var best = -1;
        var bestShare = double.PositiveInfinity;
        for (var w = Math.Max(0, from); w < waves; w++)
        {
            if (bundle.Length == 1)
            {
                // One unit (the common case): its share after joining, worked out without adding it.
                if (Fits(bundle[0], w) && ShareWith(bundle[0], w) is var one && one < bestShare)
                {
                    (best, bestShare) = (w, one);
                }

                continue;
            }

            var added = 0;
            while (added < bundle.Length && Fits(bundle[added], w))
            {
                Add(bundle[added++], w);
            }

            if (added == bundle.Length && Share(w) is var share && share < bestShare)
            {
                (best, bestShare) = (w, share);
            }

            for (var i = 0; i < added; i++)
            {
                Remove(bundle[i]);
            }
        }

        if (best >= 0)
        {
            foreach (var u in bundle)
            {
                Add(u, best);
            }
        }

        return best;
    }

    /// <summary>How full wave <paramref name="w"/> is: the largest of its shares of the servers, data and window limits.</summary>
    private double Share(int w) => Share(_waves[w].Units.Count, _waves[w].Data, Hours(w));

    private double Share(int count, double data, double hours) => Math.Max(
        Math.Max((double)count / _limits.MaxServersPerWave, _limits.MaxMibPerWave is { } max ? data / max : 0),
        hours / _limits.WindowHours);

    /// <summary>How full wave <paramref name="w"/> would be with <paramref name="u"/> in it.</summary>
    private double ShareWith(int u, int w)
    {
        var bin = _waves[w];
        var copy = bin.Copy;
        for (var i = 0; i < _units.Hops[u].Length; i++)
        {
            copy = Math.Max(copy, bin.Load.GetValueOrDefault(_units.Hops[u][i]) + _units.HopHours[u][i]);
        }

        var count = bin.Units.Count + 1;
        return Share(count, bin.Data + _units.Data[u], copy + (_limits.SwitchoverHours * count));
    }

    /// <summary>Takes <paramref name="u"/> out of its wave.</summary>
    public void Remove(int u)
    {
        var bin = _waves[_wave[u]];
        bin.Units.Remove(u);
        bin.Data -= _units.Data[u];
        for (var i = 0; i < _units.Hops[u].Length; i++)
        {
            bin.Load[_units.Hops[u][i]] -= _units.HopHours[u][i];
        }

        bin.Copy = bin.Load.Count == 0 ? 0 : Math.Max(0, bin.Load.Values.Max());
        _wave[u] = -1;
    }

    /// <summary>Whether <paramref name="u"/> may join wave <paramref name="w"/>: an empty wave takes any unit.</summary>
    public bool Fits(int u, int w)
    {
        var bin = _waves[w];
        if (bin.Units.Count == 0)
        {
            return true;
        }

        var count = bin.Units.Count + 1;
        if (count > _limits.MaxServersPerWave)
        {
            return false;
        }

        if (_limits.MaxMibPerWave is { } max && bin.Data + _units.Data[u] > max * (1 + Slack))
        {
            return false;
        }

        var copy = bin.Copy;
        for (var i = 0; i < _units.Hops[u].Length; i++)
        {
            copy = Math.Max(copy, bin.Load.GetValueOrDefault(_units.Hops[u][i]) + _units.HopHours[u][i]);
        }

        if (copy + (_limits.SwitchoverHours * count) > _limits.WindowHours * (1 + Slack))
        {
            return false;
        }

        return !CompletesGroup(u, w);
    }

    /// <summary>Whether putting <paramref name="u"/> into wave <paramref name="w"/> would move a whole spread group in it.</summary>
    private bool CompletesGroup(int u, int w)
    {
        foreach (var g in _groupsOf[u])
        {
            var whole = true;
            foreach (var other in _units.Spread[g].Units)
            {
                if (other != u && _wave[other] != w)
                {
                    whole = false;
                    break;
                }
            }

            if (whole)
            {
                return true;
            }
        }

        return false;
    }

    private void Add(int u, int w)
    {
        var bin = _waves[w];
        bin.Units.Add(u);
        bin.Data += _units.Data[u];
        for (var i = 0; i < _units.Hops[u].Length; i++)
        {
            var h = _units.Hops[u][i];
            var load = bin.Load.GetValueOrDefault(h) + _units.HopHours[u][i];
            bin.Load[h] = load;
            bin.Copy = Math.Max(bin.Copy, load);
        }

        _wave[u] = w;
    }

    private sealed class Bin
    {
        public List<int> Units { get; } = [];

        public double Data { get; set; }

        public Dictionary<int, double> Load { get; } = [];

        public double Copy { get; set; }
    }
}
