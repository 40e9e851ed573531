namespace Shuyaku.Core.Placement.Search;

/// <summary>Mutable hosts-and-loads state the heuristics work on; every rule is checked in <see cref="CanPlace"/>.</summary>
internal sealed class Packing
{
    private const double Eps = 1e-9;
    private readonly Units _u;
    private readonly int _d;
    private readonly List<double> _load = [];
    private readonly List<int> _zone = [];
    private readonly List<int> _fixedZone = [];
    private readonly List<int> _label = [];
    private readonly List<int> _count = [];
    private readonly List<int[]> _ruleCount = [];
    private readonly List<float[]> _series = [];
    private readonly List<float[]> _memory = [];

    public Packing(Units units)
    {
        _u = units;
        _d = units.Dimensions;
        HostOf = new int[units.Count];
        Array.Fill(HostOf, -1);
    }

    public int[] HostOf { get; }
    public int Hosts => _label.Count;
    public Units Units => _u;

    public int LabelOf(int h) => _label[h];

    /// <summary>Gives host <paramref name="h"/> another group label (-1: no group); the caller keeps its units allowed there.</summary>
    public void Relabel(int h, int label) => _label[h] = label;
    public int ZoneOf(int h) => _zone[h];
    public int CountOf(int h) => _count[h];
    public double LoadOf(int h, int d) => _load[(h * _d) + d];

    /// <summary>Opens an empty host with a group label; a fixed zone (-1 = any) restricts it to one zone even while empty.</summary>
    public int Open(int label, int fixedZone = -1)
    {
        for (var k = 0; k < _d; k++)
        {
            _load.Add(0);
        }

        _zone.Add(fixedZone);
        _fixedZone.Add(fixedZone);
        _label.Add(label);
        _count.Add(0);
        _ruleCount.Add(new int[_u.RuleLimit.Length]);
        if (_u.Series is { } series)
        {
            _series.Add(new float[series.Length == 0 ? 0 : series[0].Length]);
        }

        if (_u.MemorySeries is { } memory)
        {
            _memory.Add(new float[memory.Length == 0 ? 0 : memory[0].Length]);
        }

        return _label.Count - 1;
    }

    /// <summary>Whether unit <paramref name="u"/> may join host <paramref name="h"/> under <paramref name="capacity"/>.</summary>
    public bool CanPlace(int u, int h, double[] capacity)
    {
        if (!LabelAllows(u, _label[h]))
        {
            return false;
        }

        var zone = _zone[h];
        if (zone >= 0 && zone != _u.Zone[u])
        {
            return false;
        }

        if (_u.Lonely[u] && _count[h] > 0)
        {
            return false;
        }

        var baseIndex = h * _d;
        var demandIndex = u * _d;
        for (var k = 0; k < _d; k++)
        {
            if (_u.StepSeries(k) is null && _load[baseIndex + k] + _u.Demand[demandIndex + k] > capacity[k] * (1 + Eps) + Eps)
            {
                return false;
            }
        }

        if (_u.Series is { } series && !SeriesFits(_series[h], series[u], capacity[0], _u.AllowedExcessSteps))
        {
            return false;
        }

        if (_u.MemorySeries is { } memory && !SeriesFits(_memory[h], memory[u], capacity[1], 0))
        {
            return false;
        }

        var rc = _ruleCount[h];
        for (var r = 0; r < rc.Length; r++)
        {
            if (rc[r] + _u.RuleCount[r][u] > _u.RuleLimit[r])
            {
                return false;
            }
        }

        foreach (var s in _u.SpreadOf[u])
        {
            foreach (var v in _u.SpreadUnits[s])
            {
                if (v != u && HostOf[v] == h)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Whether the summed series stays within capacity at all but the allowed number of steps.</summary>
    private static bool SeriesFits(float[] host, float[] unit, double capacity, int allowedExcess)
    {
        var limit = (capacity * (1 + Eps)) + Eps;
        var excess = 0;
        for (var t = 0; t < host.Length; t++)
        {
            if (host[t] + unit[t] > limit && ++excess > allowedExcess)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Adds (or with sign -1 removes) unit u's rows on host h; a stepped dimension's load is its highest summed step.</summary>
    private void AddSeries(int u, int h, float sign)
    {
        if (_u.Series is { } series)
        {
            _load[h * _d] = AddRow(_series[h], series[u], sign);
        }

        if (_u.MemorySeries is { } memory)
        {
            _load[(h * _d) + 1] = AddRow(_memory[h], memory[u], sign);
        }
    }

    /// <summary>Adds sign × unit to the host's row and returns the row's highest step.</summary>
    private static double AddRow(float[] row, float[] unit, float sign)
    {
        var peak = 0f;
        for (var t = 0; t < row.Length; t++)
        {
            row[t] += sign * unit[t];
            peak = Math.Max(peak, row[t]);
        }

        return peak;
    }

    public bool LabelAllows(int u, int label)
    {
        var fence = _u.Fence[u];
        if (fence >= 0)
        {
            return label == fence;
        }

        return label < 0 || Array.IndexOf(_u.Ban[u], label) < 0;
    }

    public void Place(int u, int h)
    {
        HostOf[u] = h;
        _count[h]++;
        _zone[h] = _u.Zone[u];
        var baseIndex = h * _d;
        for (var k = 0; k < _d; k++)
        {
            _load[baseIndex + k] += _u.Demand[(u * _d) + k];
        }

        var rc = _ruleCount[h];
        for (var r = 0; r < rc.Length; r++)
        {
            rc[r] += _u.RuleCount[r][u];
        }

        if (_u.Stepped)
        {
            AddSeries(u, h, 1f);
        }
    }

    public void Remove(int u)
    {
        var h = HostOf[u];
        HostOf[u] = -1;
        _count[h]--;
        if (_count[h] == 0)
        {
            _zone[h] = _fixedZone[h];
            for (var k = 0; k < _d; k++)
            {
                _load[(h * _d) + k] = 0;
            }
        }
        else
        {
            for (var k = 0; k < _d; k++)
            {
                _load[(h * _d) + k] -= _u.Demand[(u * _d) + k];
            }
        }

        var rc = _ruleCount[h];
        for (var r = 0; r < rc.Length; r++)
        {
            rc[r] -= _u.RuleCount[r][u];
        }

        if (_u.Stepped)
        {
            if (_count[h] == 0)
            {
                // Loads were zeroed above; the rows follow.
                if (_u.Series is not null)
                {
                    Array.Clear(_series[h]);
                }

                if (_u.MemorySeries is not null)
                {
                    Array.Clear(_memory[h]);
                }
            }
            else
            {
                AddSeries(u, h, -1f);
            }
        }
    }

    /// <summary>Sum over dimensions of load / capacity.</summary>
    public double Fill(int h, double[] capacity)
    {
        var s = 0.0;
        for (var k = 0; k < _d; k++)
        {
            s += capacity[k] > 0 ? _load[(h * _d) + k] / capacity[k] : 0;
        }

        return s;
    }

    /// <summary>Largest load / capacity over dimensions after adding unit <paramref name="u"/> (u = -1: as is).</summary>
    public double MaxFillWith(int h, int u, double[] capacity)
    {
        var m = 0.0;
        for (var k = 0; k < _d; k++)
        {
            var v = _load[(h * _d) + k] + (u >= 0 ? _u.Demand[(u * _d) + k] : 0);
            if (capacity[k] > 0)
            {
                m = Math.Max(m, v / capacity[k]);
            }
        }

        return m;
    }

    /// <summary>Drops empty hosts, renumbering the rest in order.</summary>
    public Packing Compact()
    {
        var copy = new Packing(_u);
        var map = new int[Hosts];
        for (var h = 0; h < Hosts; h++)
        {
            map[h] = _count[h] > 0 ? copy.Open(_label[h], _fixedZone[h]) : -1;
        }

        for (var u = 0; u < _u.Count; u++)
        {
            if (HostOf[u] >= 0)
            {
                copy.Place(u, map[HostOf[u]]);
            }
        }

        return copy;
    }

    /// <summary>
    /// Lets hosts kept for one zone take any zone while empty (as after a failure, when an idle spare takes whatever
    /// must restart), until the returned scope is disposed.
    /// </summary>
    public IDisposable ReleaseZones()
    {
        var saved = _fixedZone.ToArray();
        for (var h = 0; h < Hosts; h++)
        {
            _fixedZone[h] = -1;
            if (_count[h] == 0)
            {
                _zone[h] = -1;
            }
        }

        return new ZoneScope(this, saved);
    }

    private sealed class ZoneScope(Packing packing, int[] saved) : IDisposable
    {
        public void Dispose()
        {
            for (var h = 0; h < saved.Length; h++)
            {
                packing._fixedZone[h] = saved[h];
                if (packing._count[h] == 0)
                {
                    packing._zone[h] = saved[h];
                }
            }
        }
    }

    public Packing Clone()
    {
        var copy = new Packing(_u);
        for (var h = 0; h < Hosts; h++)
        {
            copy.Open(_label[h], _fixedZone[h]);
        }

        for (var u = 0; u < _u.Count; u++)
        {
            if (HostOf[u] >= 0)
            {
                copy.Place(u, HostOf[u]);
            }
        }

        return copy;
    }

    public PlacementSolution ToSolution(string method)
    {
        var p = _u.Problem;
        var hostOfItem = new int[p.Items];
        for (var i = 0; i < p.Items; i++)
        {
            hostOfItem[i] = HostOf[_u.UnitOfItem[i]];
        }

        return new PlacementSolution(Hosts, [.. _label], hostOfItem, method);
    }
}
