namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// First fit in O(d log hosts) per unit: a tournament tree keeps, for every range of hosts, the largest room left in each
/// dimension, so whole ranges that cannot take a unit are skipped; the leftmost host that passes
/// <see cref="Packing.CanPlace"/> wins, exactly as a linear first-fit scan would choose.
/// </summary>
internal sealed class FirstFitTree
{
    private readonly Packing _p;
    private readonly double[] _cap;
    private readonly int _d;
    private int _size = 1;
    private double[] _room;

    public FirstFitTree(Packing packing, double[] capacity)
    {
        _p = packing;
        _cap = capacity;
        _d = capacity.Length;
        _room = new double[2 * _d];
        Rebuild(Math.Max(16, packing.Hosts));
    }

    /// <summary>Hosts to pass over (failed hosts in a scenario), or null.</summary>
    public bool[]? Skip { get; set; }

    /// <summary>The leftmost open host that takes unit x under every rule, or -1.</summary>
    public int Find(int x)
    {
        var demand = new double[_d];
        for (var k = 0; k < _d; k++)
        {
            // Memory placed step by step fits beside peaks that never coincide: only CanPlace can tell, so no pruning on it.
            demand[k] = k == 1 && _p.Units.MemorySeries is not null
                ? double.NegativeInfinity
                : _p.Units.DemandOf(x, k) - ((_cap[k] * 1e-9) + 1e-9);
        }

        return Find(1, 0, _size, x, demand);
    }

    /// <summary>Call after opening a host or changing what is on host h.</summary>
    public void Update(int h)
    {
        if (h >= _size)
        {
            Rebuild(Math.Max(2 * _size, h + 1));
            return;
        }

        var node = _size + h;
        SetLeaf(node, h);
        for (node >>= 1; node >= 1; node >>= 1)
        {
            for (var k = 0; k < _d; k++)
            {
                _room[(node * _d) + k] = Math.Max(_room[(2 * node * _d) + k], _room[(((2 * node) + 1) * _d) + k]);
            }
        }
    }

    private int Find(int node, int lo, int hi, int x, double[] demand)
    {
        for (var k = 0; k < _d; k++)
        {
            if (_room[(node * _d) + k] < demand[k])
            {
                return -1;
            }
        }

        if (hi - lo == 1)
        {
            return lo < _p.Hosts && !(Skip is { } skip && lo < skip.Length && skip[lo]) && _p.CanPlace(x, lo, _cap) ? lo : -1;
        }

        var mid = (lo + hi) >>> 1;
        var left = Find(2 * node, lo, mid, x, demand);
        return left >= 0 ? left : Find((2 * node) + 1, mid, hi, x, demand);
    }

    private void SetLeaf(int node, int h)
    {
        for (var k = 0; k < _d; k++)
        {
            _room[(node * _d) + k] = h < _p.Hosts ? _cap[k] - _p.LoadOf(h, k) : double.NegativeInfinity;
        }
    }

    private void Rebuild(int hosts)
    {
        _size = 1;
        while (_size < hosts)
        {
            _size <<= 1;
        }

        _room = new double[2 * _size * _d];
        for (var i = 0; i < _size; i++)
        {
            SetLeaf(_size + i, i);
        }

        for (var node = _size - 1; node >= 1; node--)
        {
            for (var k = 0; k < _d; k++)
            {
                _room[(node * _d) + k] = Math.Max(_room[(2 * node * _d) + k], _room[(((2 * node) + 1) * _d) + k]);
            }
        }
    }
}
