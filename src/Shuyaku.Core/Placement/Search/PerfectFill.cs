namespace Shuyaku.Core.Placement.Search;

/// <summary>
/// When the units' total demand in some dimension is exactly the lower bound's hosts times the capacity, a packing on
/// that many hosts must fill every host exactly in that dimension. This searches for such a packing directly, host by
/// host: the largest unit left opens a host, and the host is completed only by sets of units that fill it exactly in
/// every such "tight" dimension (bin completion, as in Martello and Toth's and Korf's exact methods). Local search finds
/// these exact fits poorly (the vbp Triplet classes: three units that fill a host to the last unit in every dimension).
/// Only capacity may bind the units. Node-limited and seeded; null when it finds nothing.
/// </summary>
internal static class PerfectFill
{
    /// <summary>Completions tried per host before backtracking to the previous host.</summary>
    private const int Branching = 3;

    /// <summary>Nodes one host's completion search may spend.</summary>
    private const int CompletionNodes = 20_000;

    /// <summary>The dimensions in which a packing on <paramref name="hosts"/> hosts must fill every host exactly.</summary>
    public static bool[] TightDimensions(Units u, int hosts)
    {
        var cap = u.Problem.Capacity;
        var tight = new bool[u.Dimensions];
        for (var k = 0; k < u.Dimensions; k++)
        {
            var total = 0.0;
            for (var x = 0; x < u.Count; x++)
            {
                total += u.DemandOf(x, k);
            }

            tight[k] = cap[k] > 0 && Math.Abs(total - (hosts * cap[k])) <= 1e-9 * hosts * cap[k];
        }

        return tight;
    }

    /// <summary>Whether every dimension some unit needs is tight on <paramref name="hosts"/> hosts: a perfect packing, where only an exact fill can meet the bound.</summary>
    public static bool AllTight(Units u, int hosts)
    {
        var tight = TightDimensions(u, hosts);
        for (var k = 0; k < u.Dimensions; k++)
        {
            var used = false;
            for (var x = 0; x < u.Count && !used; x++)
            {
                used = u.DemandOf(x, k) != 0;
            }

            if (used && !tight[k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A packing on exactly <paramref name="hosts"/> hosts filled exactly in every tight dimension, or null.</summary>
    public static Packing? Find(Units u, int hosts, int label, SearchBudget budget) => Run(u, hosts, label, budget, bySizeRounds: 50);

    /// <summary>
    /// The same by the exact cover of sets of at most three units alone (<see cref="Search.RunByExactCover"/>): null at once
    /// where hosts need more units.
    /// </summary>
    public static Packing? FindByExactCover(Units u, int hosts, int label, SearchBudget budget) => Run(u, hosts, label, budget, bySizeRounds: 0);

    private static Packing? Run(Units u, int hosts, int label, SearchBudget budget, int bySizeRounds)
    {
        var tight = TightDimensions(u, hosts);
        if (!tight.Any(t => t) || !u.CapacityOnly)
        {
            return null;
        }

        // First the exact cover, which solves hosts of three units whatever their sizes; then, where every dimension a
        // unit needs is tight, the tail search (half of the nodes); then hosts of any size completed through a subset-sum
        // table (half the nodes left); then rounds host by host by size.
        var search = new Search(u, hosts, tight, budget);
        var allTight = u.Dimensions > 1 && AllTight(u, hosts);
        for (var round = -3; search.NodesLeft && budget.TimeLeft && round < bySizeRounds; round++)
        {
            var found = round switch
            {
                -3 => search.RunByExactCover(),
                -2 => bySizeRounds > 0 && allTight ? search.RunByExactBins(byTail: true) : null,
                -1 => bySizeRounds > 0 ? search.RunByExactBins() : null,
                _ => search.Run(round),
            };
            if (found is { } hostOf)
            {
                var p = new Packing(u);
                for (var h = 0; h < hosts; h++)
                {
                    p.Open(label);
                }

                for (var x = 0; x < u.Count; x++)
                {
                    p.Place(x, hostOf[x]);
                }

                return p;
            }
        }

        return null;
    }

    private sealed class Search(Units u, int hosts, bool[] tight, SearchBudget budget)
    {
        private readonly int _n = u.Count;
        private readonly int _d = u.Dimensions;
        private readonly double[] _cap = u.Problem.Capacity;
        private readonly double[] _dem = u.Demand;
        private int[] _hostOf = [];
        private int[] _order = [];
        private long _nodes;
        private long _nodeLimit;
        private long _spent;

        /// <summary>Whether rounds host by host have nodes left of the budget (its iterations), which ends them the same way on every run.</summary>
        public bool NodesLeft => _spent < budget.MaxIterations;
        private Dictionary<long, List<int>>? _byKey;

        /// <summary>One try; rounds after the first shuffle units of equal size, so they open hosts in another order.</summary>
        public int[]? Run(int round)
        {
            var rng = new Random(budget.Seed + round);
            var noise = Enumerable.Range(0, _n).Select(_ => rng.NextDouble()).ToArray();
            _order = Enumerable.Range(0, _n).OrderByDescending(x => u.Size[x]).ThenBy(x => round == 0 ? x : noise[x]).ToArray();
            _hostOf = new int[_n];
            Array.Fill(_hostOf, -1);
            _nodes = 0;
            _nodeLimit = Math.Min(2_000_000L * (round + 1), budget.MaxIterations - _spent);
            _byKey ??= Enumerable.Range(0, _n).GroupBy(x => Key(_dem.AsSpan(x * _d, _d))).ToDictionary(g => g.Key, g => g.ToList());
            var found = Fill(0, 0);
            _spent += Math.Max(1, _nodes);
            return found ? _hostOf : null;
        }

        /// <summary>Hosts of any number of units by <see cref="ExactBins"/>, or by its tail search, on half of the nodes left.</summary>
        public int[]? RunByExactBins(bool byTail = false)
        {
            var nodes = (budget.MaxIterations - _spent) / 2;
            var hostOf = ExactBins.Find(u, hosts, tight, budget, nodes, out var spent, byTail);
            _spent += Math.Max(1, spent);
            return hostOf;
        }

        /// <summary>
        /// Hosts of at most three units as an exact cover (Knuth's algorithm X): every set of one to three units that fills
        /// a host exactly is listed once (hash look-ups for the last unit), then the unit covered by the fewest sets still
        /// possible is covered next, trying each of its sets. Where hosts need more units there are too few sets, and this
        /// gives up at once.
        /// </summary>
        public int[]? RunByExactCover()
        {
            _byKey ??= Enumerable.Range(0, _n).GroupBy(x => Key(_dem.AsSpan(x * _d, _d))).ToDictionary(g => g.Key, g => g.ToList());
            _hostOf = new int[_n];
            Array.Fill(_hostOf, -1);
            var sets = SmallSets();
            if (sets is null)
            {
                return null;
            }

            var cover = new ExactCover(_n, sets, budget, 2_000_000);
            if (cover.Solve() is not { } chosen || chosen.Count > hosts)
            {
                return null;
            }

            for (var h = 0; h < chosen.Count; h++)
            {
                foreach (var x in sets[chosen[h]])
                {
                    _hostOf[x] = h;
                }
            }

            return _hostOf;
        }

        /// <summary>Every set of one to three units that fills a host exactly, each once; null when some unit is in none.</summary>
        private List<int[]>? SmallSets()
        {
            var sets = new List<int[]>();
            var seen = new HashSet<(int, int, int)>();
            var residual = new double[_d];
            for (var x = 0; x < _n; x++)
            {
                // Every set that holds x is met here, from x: a unit in none ends the search.
                var inSome = false;
                for (var k = 0; k < _d; k++)
                {
                    residual[k] = _cap[k] - _dem[(x * _d) + k];
                }

                _hostOf[x] = int.MaxValue;
                if (Closed(residual))
                {
                    sets.Add([x]);
                    inSome = true;
                }
                else if (Closer(residual, -1) is { } single)
                {
                    inSome = true;
                    if (seen.Add((Math.Min(x, single), Math.Max(x, single), -1)))
                    {
                        sets.Add([x, single]);
                    }
                }

                // Pairs with x: b, then the unit that closes the rest (partial sums may pass the capacity where sizes are
                // negative, so only the whole set is checked).
                for (var b = 0; b < _n; b++)
                {
                    if (_hostOf[b] >= 0)
                    {
                        continue;
                    }

                    Take(residual, b, -1);
                    _hostOf[b] = int.MaxValue;
                    if (Closer(residual, b) is { } c)
                    {
                        inSome = true;
                        int[] set = [x, b, c];
                        Array.Sort(set);
                        if (seen.Add((set[0], set[1], set[2])))
                        {
                            sets.Add(set);
                        }
                    }

                    _hostOf[b] = -1;
                    Take(residual, b, 1);
                }

                _hostOf[x] = -1;
                if (!inSome || !budget.TimeLeft)
                {
                    return null;
                }
            }

            return sets;
        }

        /// <summary>An unplaced unit after <paramref name="after"/> whose demand closes the residual exactly, or null.</summary>
        private int? Closer(double[] residual, int after)
        {
            if (_byKey!.TryGetValue(Key(residual), out var exact))
            {
                foreach (var c in exact)
                {
                    if (c > after && _hostOf[c] < 0 && Fits(residual, c) && ClosesWith(residual, c))
                    {
                        return c;
                    }
                }
            }

            return null;
        }

        /// <summary>Fills host h and the ones after it, the first unplaced unit in size order (from <paramref name="from"/>) opening each.</summary>
        private bool Fill(int h, int from)
        {
            while (from < _n && _hostOf[_order[from]] >= 0)
            {
                from++;
            }

            if (from == _n)
            {
                return true;
            }

            // The clock on every call: completions add their nodes in bulk, so a count-based check would hardly ever fall due.
            if (h == hosts || _nodes > _nodeLimit || !budget.TimeLeft)
            {
                return false;
            }

            var first = _order[from];
            var residual = new double[_d];
            for (var k = 0; k < _d; k++)
            {
                residual[k] = _cap[k] - _dem[(first * _d) + k];
            }

            _hostOf[first] = h;
            foreach (var completion in Completions(residual, from + 1).Take(Branching))
            {
                foreach (var x in completion)
                {
                    _hostOf[x] = h;
                }

                if (Fill(h + 1, from + 1))
                {
                    return true;
                }

                foreach (var x in completion)
                {
                    _hostOf[x] = -1;
                }
            }

            _hostOf[first] = -1;
            return false;
        }

        /// <summary>Sets of unplaced units (from position <paramref name="from"/> in size order) that close every tight dimension exactly.</summary>
        private IEnumerable<int[]> Completions(double[] residual, int from)
        {
            var found = new List<int[]>();
            var chosen = new List<int>();
            var nodes = 0;
            void Dfs(int i)
            {
                if (found.Count >= Branching || nodes++ > CompletionNodes)
                {
                    return;
                }

                if (Closed(residual))
                {
                    found.Add([.. chosen]);
                    return;
                }

                // A unit whose demand is exactly what is left closes the host at once (a hash look-up, not a scan).
                if (_byKey!.TryGetValue(Key(residual), out var exact))
                {
                    foreach (var x in exact)
                    {
                        if (_hostOf[x] < 0 && !chosen.Contains(x) && Fits(residual, x) && ClosesWith(residual, x))
                        {
                            found.Add([.. chosen, x]);
                            if (found.Count >= Branching)
                            {
                                return;
                            }

                            break;
                        }
                    }
                }

                for (var j = i; j < _n; j++)
                {
                    var x = _order[j];
                    if (_hostOf[x] >= 0 || !Fits(residual, x))
                    {
                        continue;
                    }

                    // Units of one demand are interchangeable: try only the first of a run of equal ones at this depth.
                    if (j > i && SameDemand(x, _order[j - 1]) && _hostOf[_order[j - 1]] < 0 && !chosen.Contains(_order[j - 1]))
                    {
                        continue;
                    }

                    Take(residual, x, -1);
                    chosen.Add(x);
                    Dfs(j + 1);
                    chosen.RemoveAt(chosen.Count - 1);
                    Take(residual, x, 1);
                    if (found.Count >= Branching || nodes > CompletionNodes)
                    {
                        return;
                    }
                }
            }

            Dfs(from);
            _nodes += nodes;
            return found;
        }

        /// <summary>A hash of the tight dimensions' values, rounded so that equal integral demands meet.</summary>
        private long Key(ReadOnlySpan<double> v)
        {
            var hash = new HashCode();
            for (var k = 0; k < _d; k++)
            {
                if (tight[k])
                {
                    hash.Add(Math.Round(v[k] / _cap[k], 9));
                }
            }

            return hash.ToHashCode();
        }

        private bool ClosesWith(double[] residual, int x)
        {
            Take(residual, x, -1);
            var closed = Closed(residual);
            Take(residual, x, 1);
            return closed;
        }

        private bool Closed(double[] residual)
        {
            for (var k = 0; k < _d; k++)
            {
                if (tight[k] && residual[k] > 1e-9 * _cap[k])
                {
                    return false;
                }
            }

            return true;
        }

        private bool Fits(double[] residual, int x)
        {
            for (var k = 0; k < _d; k++)
            {
                if (_dem[(x * _d) + k] > residual[k] + (1e-9 * _cap[k]))
                {
                    return false;
                }
            }

            return true;
        }

        private bool SameDemand(int a, int b)
        {
            for (var k = 0; k < _d; k++)
            {
                if (_dem[(a * _d) + k] != _dem[(b * _d) + k])
                {
                    return false;
                }
            }

            return true;
        }

        private void Take(double[] residual, int x, int sign)
        {
            for (var k = 0; k < _d; k++)
            {
                residual[k] += sign * _dem[(x * _d) + k];
            }
        }
    }
}
