using System.Globalization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>
/// The wave planner's flat view of an estate, built once: the units that move (a server with its workloads, or a
/// workload without a server), their data and the hops their copies cross, the dependencies between them and the spread
/// groups that must not move whole. The packing sees only these arrays.
/// </summary>
internal sealed class WaveUnits
{
    /// <summary>MiB to megabits: 1 MiB = 1,048,576 bytes × 8 bits / 1,000,000.</summary>
    internal const double MegabitsPerMib = 8.388608;

    /// <summary>A unit's display id: its server's id, or the workload's id for a unit without a server.</summary>
    public required string[] Name { get; init; }

    /// <summary>The server's id, or null for a workload without a server.</summary>
    public required string?[] Server { get; init; }

    /// <summary>The unit's workloads, ordered by id.</summary>
    public required string[][] Workloads { get; init; }

    /// <summary>The unit's data in MiB.</summary>
    public required double[] Data { get; init; }

    /// <summary>The directed hops (indices) its copy crosses to the data centre.</summary>
    public required int[][] Hops { get; init; }

    /// <summary>Hours the unit's copy takes on each of its hops, parallel to <see cref="Hops"/>.</summary>
    public required double[][] HopHours { get; init; }

    /// <summary>Hop names (from → to), by hop index.</summary>
    public required string[] HopNames { get; init; }

    /// <summary>Whether the unit's site has no path to the data centre.</summary>
    public required bool[] NoRoute { get; init; }

    /// <summary>The unit's site.</summary>
    public required string[] Site { get; init; }

    /// <summary>The subnet key units are grouped by: site, then prefix (empty when none).</summary>
    public required string[] Subnet { get; init; }

    /// <summary>The distinct sets of units that some unit needs (one of them must move no later), ordered by needed name.</summary>
    public required int[][] Sets { get; init; }

    /// <summary>For each unit, the sets (indices into <see cref="Sets"/>) it needs; none contains the unit itself.</summary>
    public required int[][] Needs { get; init; }

    /// <summary>For each unit, the sets (indices into <see cref="Sets"/>) it belongs to.</summary>
    public required int[][] SetsOf { get; init; }

    /// <summary>Spread groups that apply (every member moves), as their distinct units (two or more), with the rule's name.</summary>
    public required (string Rule, int[] Units)[] Spread { get; init; }

    /// <summary>Spread rules whose members all move but all on one unit, with the members' ids.</summary>
    public required (string Rule, string Unit, string[] Members)[] SpreadOnOneUnit { get; init; }

    /// <summary>Moving workload → its unit.</summary>
    public required Dictionary<string, int> UnitOf { get; init; }

    /// <summary>Workload-level needs of moving workloads: the names (workload id or service) each needs, that a moving workload must satisfy.</summary>
    public required Dictionary<string, List<string>> WorkloadNeeds { get; init; }

    /// <summary>For each needed name, its moving workloads (ordered by id); names satisfied by a non-moving workload are absent.</summary>
    public required Dictionary<string, string[]> Candidates { get; init; }

    /// <summary>Moving workload → the needed names it is one of the workloads of.</summary>
    public required Dictionary<string, List<string>> NeededAs { get; init; }

    /// <summary>Units.</summary>
    public int Count => Name.Length;

    /// <summary>Builds the units of <paramref name="estate"/> moving into <paramref name="dataCenter"/>.</summary>
    public static WaveUnits Build(Estate estate, string dataCenter, WanGraph wan)
    {
        var byServer = new Dictionary<string, List<Workload>>(StringComparer.Ordinal);
        var serverless = new List<Workload>();
        var moving = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in estate.Workloads)
        {
            var server = w.Server.Length > 0 ? estate.FindServer(w.Server) : null;
            if (server is not null)
            {
                if (server.Site != dataCenter)
                {
                    (byServer.TryGetValue(server.Id, out var list) ? list : byServer[server.Id] = []).Add(w);
                    moving.Add(w.Id);
                }
            }
            else if (w.Site.Length > 0 && w.Site != dataCenter)
            {
                serverless.Add(w);
                moving.Add(w.Id);
            }
        }

        var units = new List<(string Name, string? Server, string Site, string? Subnet, List<Workload> Workloads)>();
        foreach (var s in estate.Servers.Where(s => byServer.ContainsKey(s.Id)).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            units.Add((s.Id, s.Id, s.Site, s.Subnet, byServer[s.Id]));
        }

        foreach (var w in serverless.OrderBy(w => w.Id, StringComparer.Ordinal))
        {
            units.Add((w.Id, null, w.Site, null, [w]));
        }

        var n = units.Count;
        var hopIndex = new Dictionary<(string, string), int>();
        var hopNames = new List<string>();
        var unitOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var hops = new int[n][];
        var hopHours = new double[n][];
        var data = new double[n];
        var noRoute = new bool[n];
        var share = estate.Migration.BandwidthShare;
        for (var u = 0; u < n; u++)
        {
            var unit = units[u];
            foreach (var w in unit.Workloads)
            {
                unitOf[w.Id] = u;
                data[u] += w.Demand.DiskMib;
            }

            var path = wan.Path(unit.Site, dataCenter);
            noRoute[u] = path is null;
            path ??= [];
            hops[u] = new int[path.Count];
            hopHours[u] = new double[path.Count];
            for (var i = 0; i < path.Count; i++)
            {
                var key = (path[i].From, path[i].To);
                if (!hopIndex.TryGetValue(key, out var h))
                {
                    h = hopNames.Count;
                    hopIndex[key] = h;
                    hopNames.Add($"{key.From} → {key.To}");
                }

                hops[u][i] = h;
                hopHours[u][i] = data[u] * MegabitsPerMib / (path[i].BandwidthMbps * share) / 3600;
            }
        }

        var (workloadNeeds, candidates, needs, sets) = Dependencies(estate, moving, unitOf, n);
        var setsOf = new List<int>[n];
        for (var u = 0; u < n; u++)
        {
            setsOf[u] = [];
        }

        for (var i = 0; i < sets.Length; i++)
        {
            foreach (var u in sets[i])
            {
                setsOf[u].Add(i);
            }
        }

        var (spread, onOne) = SpreadGroups(estate, moving, unitOf, units.Select(x => x.Name).ToArray());
        return new WaveUnits
        {
            Name = units.Select(x => x.Name).ToArray(),
            Server = units.Select(x => x.Server).ToArray(),
            Workloads = units.Select(x => x.Workloads.Select(w => w.Id).Order(StringComparer.Ordinal).ToArray()).ToArray(),
            Data = data,
            Hops = hops,
            HopHours = hopHours,
            HopNames = [.. hopNames],
            NoRoute = noRoute,
            Site = units.Select(x => x.Site).ToArray(),
            Subnet = units.Select(x => x.Subnet ?? "").ToArray(),
            Sets = sets,
            Needs = needs,
            SetsOf = setsOf.Select(l => l.ToArray()).ToArray(),
            Spread = spread,
            SpreadOnOneUnit = onOne,
            UnitOf = unitOf,
            WorkloadNeeds = workloadNeeds,
            Candidates = candidates,
            NeededAs = NeededAsOf(candidates),
        };
    }

    /// <summary>The hours <paramref name="u"/> takes alone: its slowest hop's copy plus one switchover.</summary>
    public double AloneHours(int u, double switchoverHours) => (HopHours[u].Length == 0 ? 0 : HopHours[u].Max()) + switchoverHours;

    private static (Dictionary<string, List<string>>, Dictionary<string, string[]>, int[][], int[][]) Dependencies(
        Estate estate, HashSet<string> moving, Dictionary<string, int> unitOf, int n)
    {
        var ids = estate.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var byService = estate.Workloads.Where(w => w.Service.Length > 0).GroupBy(w => w.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(w => w.Id).ToArray(), StringComparer.Ordinal);
        string[] Members(string name) => ids.Contains(name) ? [name] : byService.GetValueOrDefault(name) ?? [];

        var workloadNeeds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var unitNeeds = new HashSet<(int Unit, string Name)>();
        foreach (var d in estate.Dependencies)
        {
            var to = Members(d.To);
            if (to.Length == 0 || to.Any(x => !moving.Contains(x)))
            {
                // Needs nothing that moves, or a workload that stays where it is or is already there keeps it met.
                continue;
            }

            candidates[d.To] = to.Order(StringComparer.Ordinal).ToArray();
            var inside = to.ToHashSet(StringComparer.Ordinal);
            foreach (var w in Members(d.From).Where(moving.Contains))
            {
                if (inside.Contains(w))
                {
                    continue;
                }

                var list = workloadNeeds.TryGetValue(w, out var l) ? l : workloadNeeds[w] = [];
                if (!list.Contains(d.To))
                {
                    list.Add(d.To);
                }

                unitNeeds.Add((unitOf[w], d.To));
            }
        }

        var needs = new List<int>[n];
        for (var u = 0; u < n; u++)
        {
            needs[u] = [];
        }

        // Sets of units are shared by every unit needing the same name.
        var setIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var sets = new List<int[]>();
        foreach (var name in unitNeeds.Select(x => x.Name).Distinct().Order(StringComparer.Ordinal))
        {
            setIndex[name] = sets.Count;
            sets.Add(candidates[name].Select(x => unitOf[x]).Distinct().Order().ToArray());
        }

        foreach (var (u, name) in unitNeeds.OrderBy(x => x.Unit).ThenBy(x => x.Name, StringComparer.Ordinal))
        {
            var i = setIndex[name];
            if (Array.BinarySearch(sets[i], u) < 0 && !needs[u].Contains(i))
            {
                needs[u].Add(i);
            }
        }

        return (workloadNeeds, candidates, needs.Select(l => l.ToArray()).ToArray(), [.. sets]);
    }

    private static Dictionary<string, List<string>> NeededAsOf(Dictionary<string, string[]> candidates)
    {
        var neededAs = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, members) in candidates.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            foreach (var w in members)
            {
                (neededAs.TryGetValue(w, out var l) ? l : neededAs[w] = []).Add(name);
            }
        }

        return neededAs;
    }

    private static ((string, int[])[], (string, string, string[])[]) SpreadGroups(
        Estate estate, HashSet<string> moving, Dictionary<string, int> unitOf, string[] names)
    {
        var spread = new List<(string, int[])>();
        var onOne = new List<(string, string, string[])>();
        foreach (var rule in estate.Rules.Where(r => r.Kind == RuleKind.Spread))
        {
            var members = rule.Workloads.Distinct(StringComparer.Ordinal).ToArray();
            if (members.Length < 2 || !members.All(moving.Contains))
            {
                continue;
            }

            var units = members.Select(m => unitOf[m]).Distinct().Order().ToArray();
            if (units.Length >= 2)
            {
                spread.Add((rule.Name, units));
            }
            else
            {
                onOne.Add((rule.Name, names[units[0]], members.Order(StringComparer.Ordinal).ToArray()));
            }
        }

        return ([.. spread], [.. onOne]);
    }

    /// <summary>A figure as messages write it: up to two decimals, invariant culture.</summary>
    internal static string Figure(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
