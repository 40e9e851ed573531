using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>One hop of a WAN path: the links joining two adjacent sites, used together as one bundle.</summary>
/// <param name="From">The site the hop leaves.</param>
/// <param name="To">The site it reaches.</param>
/// <param name="Links">Every link joining the two sites, ordered by id; traffic over the hop is shared among them in proportion to their bandwidth.</param>
public sealed record WanHop(string From, string To, IReadOnlyList<Link> Links)
{
    /// <summary>The hop's bandwidth: the sum of its links' bandwidths.</summary>
    public double BandwidthMbps => Links.Sum(l => l.BandwidthMbps);
}

/// <summary>
/// The sites and the links between them, with the one path traffic takes between two sites. The rule, stated in
/// docs/move-format.md: fewest hops; among those, the widest bottleneck (a hop's bandwidth is the sum of the links
/// joining its two sites); among those, the path whose sequence of site ids is smallest (ordinal comparison).
/// </summary>
public sealed class WanGraph
{
    // Adjacent site → the links joining the pair, ordered by id.
    private readonly Dictionary<string, SortedDictionary<string, List<Link>>> _adjacent = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), IReadOnlyList<WanHop>?> _paths = [];

    private WanGraph()
    {
    }

    /// <summary>The graph of <paramref name="estate"/>'s sites and links.</summary>
    public static WanGraph Build(Estate estate) => Build(estate.Sites.Select(s => s.Id), estate.Links);

    /// <summary>The graph of <paramref name="sites"/> joined by <paramref name="links"/>; a link naming an unknown site adds it.</summary>
    public static WanGraph Build(IEnumerable<string> sites, IEnumerable<Link> links)
    {
        var graph = new WanGraph();
        foreach (var site in sites)
        {
            graph.Node(site);
        }

        foreach (var link in links.OrderBy(l => l.Id, StringComparer.Ordinal))
        {
            if (link.From == link.To)
            {
                continue;
            }

            graph.Edge(link.From, link.To, link);
            graph.Edge(link.To, link.From, link);
        }

        return graph;
    }

    /// <summary>Every site id, ordered.</summary>
    public IEnumerable<string> Sites => _adjacent.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// The hops from <paramref name="from"/> to <paramref name="to"/> under the rule above; empty when they are the same
    /// site, null when no path joins them.
    /// </summary>
    public IReadOnlyList<WanHop>? Path(string from, string to)
    {
        if (from == to)
        {
            return [];
        }

        if (!_paths.TryGetValue((from, to), out var path))
        {
            path = Find(from, to);
            _paths[(from, to)] = path;
        }

        return path;
    }

    /// <summary>The narrowest hop's bandwidth on the path, in Mbps; +∞ for the same site, null when no path joins them.</summary>
    public double? BottleneckMbps(string from, string to)
    {
        var path = Path(from, to);
        return path is null ? null : path.Count == 0 ? double.PositiveInfinity : path.Min(h => h.BandwidthMbps);
    }

    private SortedDictionary<string, List<Link>> Node(string site)
    {
        if (!_adjacent.TryGetValue(site, out var next))
        {
            next = new SortedDictionary<string, List<Link>>(StringComparer.Ordinal);
            _adjacent[site] = next;
        }

        return next;
    }

    private void Edge(string a, string b, Link link)
    {
        Node(b);
        var next = Node(a);
        if (!next.TryGetValue(b, out var bundle))
        {
            bundle = [];
            next[b] = bundle;
        }

        bundle.Add(link);
    }

    private static double Width(List<Link> bundle) => bundle.Sum(l => l.BandwidthMbps);

    private IReadOnlyList<WanHop>? Find(string from, string to)
    {
        if (!_adjacent.ContainsKey(from) || !_adjacent.ContainsKey(to))
        {
            return null;
        }

        // Breadth-first layers from the source, carrying the widest bottleneck over shortest paths (exact: min is monotone).
        var hops = new Dictionary<string, int>(StringComparer.Ordinal) { [from] = 0 };
        var width = new Dictionary<string, double>(StringComparer.Ordinal) { [from] = double.PositiveInfinity };
        var layer = new List<string> { from };
        while (layer.Count > 0 && !hops.ContainsKey(to))
        {
            var next = new List<string>();
            foreach (var u in layer)
            {
                foreach (var (v, bundle) in _adjacent[u])
                {
                    var w = Math.Min(width[u], Width(bundle));
                    if (!hops.TryGetValue(v, out var d))
                    {
                        hops[v] = hops[u] + 1;
                        width[v] = w;
                        next.Add(v);
                    }
                    else if (d == hops[u] + 1 && w > width[v])
                    {
                        width[v] = w;
                    }
                }
            }

            layer = next;
        }

        if (!hops.TryGetValue(to, out var length))
        {
            return null;
        }

        // Distances to the target over bundles at least as wide as the best bottleneck; then walk from the source taking
        // the smallest site id that still reaches the target in the hops left.
        var bottleneck = width[to];
        var toTarget = new Dictionary<string, int>(StringComparer.Ordinal) { [to] = 0 };
        var queue = new Queue<string>([to]);
        while (queue.Count > 0)
        {
            var v = queue.Dequeue();
            foreach (var (u, bundle) in _adjacent[v])
            {
                if (Width(bundle) >= bottleneck && !toTarget.ContainsKey(u))
                {
                    toTarget[u] = toTarget[v] + 1;
                    queue.Enqueue(u);
                }
            }
        }

        var path = new List<WanHop>(length);
        var at = from;
        for (var left = length; left > 0; left--)
        {
            var (step, links) = _adjacent[at].First(e => Width(e.Value) >= bottleneck && toTarget.GetValueOrDefault(e.Key, int.MaxValue) == left - 1);
            path.Add(new WanHop(at, step, links));
            at = step;
        }

        return path;
    }
}
