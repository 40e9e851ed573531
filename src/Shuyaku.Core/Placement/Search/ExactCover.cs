namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// Algorithm X over sets of units: cover the unit with the fewest live sets first, try each; a set dies when one of
/// its units is covered. Node-limited and within the search budget: once either runs out (the clock is read every 256
/// nodes) the whole search stops.
/// </summary>
internal sealed class ExactCover(int units, List<int[]> sets, SearchBudget budget, long nodeLimit)
{
    private readonly bool[] _covered = new bool[units];
    private readonly bool[] _dead = new bool[sets.Count];
    private readonly int[] _live = new int[units];
    private readonly List<int>[] _setsOf = Enumerable.Range(0, units).Select(_ => new List<int>()).ToArray();
    private readonly List<int> _chosen = [];
    private long _nodes;
    private bool _stopped;

    /// <summary>Nodes spent.</summary>
    public long Nodes => _nodes;

    public List<int>? Solve()
    {
        for (var s = 0; s < sets.Count; s++)
        {
            foreach (var x in sets[s])
            {
                _setsOf[x].Add(s);
                _live[x]++;
            }
        }

        return Search() ? _chosen : null;
    }

    private bool Search()
    {
        if (_stopped || ++_nodes > nodeLimit || ((_nodes & 255) == 0 && !budget.TimeLeft))
        {
            _stopped = true;
            return false;
        }

        var next = -1;
        for (var x = 0; x < units; x++)
        {
            if (!_covered[x] && (next < 0 || _live[x] < _live[next]))
            {
                next = x;
                if (_live[x] == 0)
                {
                    return false;
                }
            }
        }

        if (next < 0)
        {
            return true;
        }

        foreach (var s in _setsOf[next].ToArray())
        {
            if (_dead[s])
            {
                continue;
            }

            var killed = Choose(s);
            _chosen.Add(s);
            if (Search())
            {
                return true;
            }

            _chosen.RemoveAt(_chosen.Count - 1);
            Undo(s, killed);
            if (_stopped)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Covers the units of set s and kills every live set that shares one; returns the sets it killed.</summary>
    private List<int> Choose(int s)
    {
        var killed = new List<int>();
        foreach (var x in sets[s])
        {
            _covered[x] = true;
            foreach (var t in _setsOf[x])
            {
                if (!_dead[t])
                {
                    _dead[t] = true;
                    killed.Add(t);
                    foreach (var y in sets[t])
                    {
                        _live[y]--;
                    }
                }
            }
        }

        return killed;
    }

    private void Undo(int s, List<int> killed)
    {
        foreach (var t in killed)
        {
            _dead[t] = false;
            foreach (var y in sets[t])
            {
                _live[y]++;
            }
        }

        foreach (var x in sets[s])
        {
            _covered[x] = false;
        }
    }
}
