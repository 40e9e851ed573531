namespace Shuyaku.Core.Placement.Search;

/// <summary>Landing the pool: packing the pool's units onto the spare hosts exactly, and the assignment that results.</summary>
internal sealed partial class ConsistentSearch
{
    /// <summary>
    /// The complete assignment when the pool fits on the spare hosts, or on one more host together with the units of one
    /// of the <see cref="LandWith"/> least filled kept hosts (a small exact re-packing that often finds what the pool's
    /// weight alone cannot show: which units pair up; tried only when <paramref name="widen"/>, as it costs); else null.
    /// </summary>
    private int[]? Land(int spare, bool widen)
    {
        if (TotalFits(_pool, spare) && PackInto(_pool, spare) is { } extra)
        {
            return Assignment(-1, _pool, extra);
        }

        if (!widen || !TotalFits(_pool, spare + 1) || _pool.Sum(x => _w[x]) > spare * _d)
        {
            return null;
        }

        var candidates = Enumerable.Range(0, _hosts).OrderBy(h => Fill(h)).Take(LandWith).ToArray();
        foreach (var h in candidates)
        {
            var items = new List<int>(_pool);
            items.AddRange(_bins[h]);
            if (TotalFits(items, spare + 1) && PackInto(items, spare + 1) is { } hosts)
            {
                return Assignment(h, items, hosts);
            }
        }

        return null;
    }

    private double Fill(int h)
    {
        var f = 0.0;
        for (var k = 0; k < _d; k++)
        {
            f += _cap[k] > 0 ? _load[(h * _d) + k] / _cap[k] : 0;
        }

        return f;
    }

    /// <summary>Kept hosts stay as they are except <paramref name="rebuilt"/> (if any), whose index the first new host takes.</summary>
    private int[] Assignment(int rebuilt, List<int> items, int[] newHost)
    {
        var result = new int[_n];
        for (var h = 0; h < _hosts; h++)
        {
            foreach (var x in _bins[h])
            {
                result[x] = h;
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            var b = newHost[i];
            result[items[i]] = rebuilt >= 0 ? (b == 0 ? rebuilt : _hosts + b - 1) : _hosts + b;
        }

        return result;
    }

    /// <summary>Whether the units' total fits <paramref name="bins"/> hosts in every dimension.</summary>
    private bool TotalFits(List<int> items, int bins)
    {
        for (var k = 0; k < _d; k++)
        {
            var total = 0.0;
            foreach (var x in items)
            {
                total += _dem[(x * _d) + k];
            }

            if (total > (bins * _cap[k] * (1 + Eps)) + Eps)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The host (0..bins-1) of each unit, in list order, when the units fit on <paramref name="bins"/> hosts (depth first,
    /// heaviest first, node-limited; a host loaded like an earlier one is skipped, and a branch ends when the units left
    /// need more in some dimension than the room of the hosts at least one of them still fits in); else null.
    /// </summary>
    private int[]? PackInto(List<int> items, int bins)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var order = Enumerable.Range(0, items.Count).OrderByDescending(i => _w[items[i]]).ThenBy(i => i).ToArray();
        var load = new double[bins * _d];
        var host = new int[items.Count];
        var room = new double[_d];
        var need = new double[_d];
        var nodes = 0;
        bool Dfs(int i)
        {
            if (i == order.Length)
            {
                return true;
            }

            if (nodes++ > FitNodes || Wasted(i))
            {
                return false;
            }

            var x = items[order[i]];
            for (var s = 0; s < bins; s++)
            {
                // A host loaded exactly like an earlier one would repeat that host's branch (empty hosts included).
                if (SameAsEarlier(s))
                {
                    continue;
                }

                var fits = true;
                for (var k = 0; k < _d; k++)
                {
                    fits &= load[(s * _d) + k] + _dem[(x * _d) + k] <= (_cap[k] * (1 + Eps)) + Eps;
                }

                if (fits)
                {
                    for (var k = 0; k < _d; k++)
                    {
                        load[(s * _d) + k] += _dem[(x * _d) + k];
                    }

                    host[order[i]] = s;
                    if (Dfs(i + 1))
                    {
                        return true;
                    }

                    for (var k = 0; k < _d; k++)
                    {
                        load[(s * _d) + k] -= _dem[(x * _d) + k];
                    }
                }
            }

            return false;
        }

        bool SameAsEarlier(int s)
        {
            for (var t = 0; t < s; t++)
            {
                var same = true;
                for (var k = 0; k < _d && same; k++)
                {
                    same = load[(t * _d) + k] == load[(s * _d) + k];
                }

                if (same)
                {
                    return true;
                }
            }

            return false;
        }

        // The room of a host that none of the units left fits in is lost: when the units left need more than the room of
        // the other hosts in some dimension, no completion exists.
        bool Wasted(int i)
        {
            room.AsSpan().Clear();
            need.AsSpan().Clear();
            for (var j = i; j < order.Length; j++)
            {
                var x = items[order[j]];
                for (var k = 0; k < _d; k++)
                {
                    need[k] += _dem[(x * _d) + k];
                }
            }

            for (var s = 0; s < bins; s++)
            {
                var usable = false;
                for (var j = i; j < order.Length && !usable; j++)
                {
                    var x = items[order[j]];
                    usable = true;
                    for (var k = 0; k < _d && usable; k++)
                    {
                        usable = load[(s * _d) + k] + _dem[(x * _d) + k] <= (_cap[k] * (1 + Eps)) + Eps;
                    }
                }

                if (usable)
                {
                    for (var k = 0; k < _d; k++)
                    {
                        room[k] += _cap[k] - load[(s * _d) + k];
                    }
                }
            }

            for (var k = 0; k < _d; k++)
            {
                if (need[k] > room[k] + (bins * _cap[k] * Eps) + Eps)
                {
                    return true;
                }
            }

            return false;
        }

        return Dfs(0) ? host : null;
    }
}
