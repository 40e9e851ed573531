using System.Globalization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>
/// Verifies migration waves against the estate alone, sharing nothing with the planner (see docs/move-waves.md): which
/// servers and workloads move, their data, the copy hours over the WAN, spread groups and dependencies are all worked
/// out here again from the estate, with the paths of <see cref="WanGraph"/> (the estate's routing rule).
/// </summary>
public static class WaveChecker
{
    private const double MbitPerMib = 1_048_576 * 8 / 1e6;
    private const double Tolerance = 1e-9;
    private const double StatedTolerance = 1e-6;

    /// <summary>Every violation of <paramref name="waves"/>: limits, spread groups, dependencies and coverage; empty when sound.</summary>
    public static IReadOnlyList<MoveViolation> Check(Estate estate, IReadOnlyList<Wave> waves, string dataCenter)
    {
        var found = new List<MoveViolation>();
        var m = estate.Migration;

        // What moves: a server away from the data centre hosting a workload; a workload without a server away from it.
        var hostOf = new Dictionary<string, Server>(StringComparer.Ordinal);
        foreach (var s in estate.Servers)
        {
            hostOf.TryAdd(s.Id, s);
        }

        var movingServers = new SortedDictionary<string, List<Workload>>(StringComparer.Ordinal);
        var movingWorkloads = new SortedDictionary<string, Workload>(StringComparer.Ordinal);
        foreach (var w in estate.Workloads)
        {
            if (w.Server.Length > 0 && hostOf.TryGetValue(w.Server, out var s))
            {
                if (s.Site == dataCenter)
                {
                    continue;
                }

                if (!movingServers.TryGetValue(s.Id, out var list))
                {
                    movingServers[s.Id] = list = [];
                }

                list.Add(w);
                movingWorkloads[w.Id] = w;
            }
            else if (w.Site.Length > 0 && w.Site != dataCenter)
            {
                movingWorkloads[w.Id] = w;
            }
        }

        bool OnServer(Workload w) => w.Server.Length > 0 && hostOf.ContainsKey(w.Server);

        // Where each listed entry is, and what coverage breaks.
        var serverWave = new Dictionary<string, int>(StringComparer.Ordinal);
        var workloadWave = new Dictionary<string, int>(StringComparer.Ordinal);
        var workloadPosition = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < waves.Count; i++)
        {
            var wave = waves[i];
            if (wave.Number != i + 1)
            {
                found.Add(new("wave-coverage", $"the wave at position {i + 1} is numbered {wave.Number}: waves are numbered 1, 2, 3, … in order"));
            }

            foreach (var id in wave.Servers)
            {
                if (!movingServers.ContainsKey(id))
                {
                    found.Add(new("wave-coverage", hostOf.ContainsKey(id)
                        ? $"wave {wave.Number} lists server '{id}', which does not move (it is at the data centre or hosts no workload)"
                        : $"wave {wave.Number} lists server '{id}', which the estate does not have"));
                }
                else if (!serverWave.TryAdd(id, wave.Number))
                {
                    found.Add(new("wave-coverage", $"server '{id}' is listed in wave {serverWave[id]} and again in wave {wave.Number}"));
                }
            }

            for (var p = 0; p < wave.Workloads.Count; p++)
            {
                var id = wave.Workloads[p];
                if (!movingWorkloads.ContainsKey(id))
                {
                    found.Add(new("wave-coverage", estate.Workloads.Any(w => w.Id == id)
                        ? $"wave {wave.Number} lists workload '{id}', which does not move (it is at the data centre already)"
                        : $"wave {wave.Number} lists workload '{id}', which the estate does not have"));
                }
                else if (!workloadWave.TryAdd(id, wave.Number))
                {
                    found.Add(new("wave-coverage", $"workload '{id}' is listed in wave {workloadWave[id]} and again in wave {wave.Number}"));
                }
                else
                {
                    workloadPosition[id] = p;
                }
            }
        }

        foreach (var id in movingServers.Keys.Where(id => !serverWave.ContainsKey(id)))
        {
            found.Add(new("wave-coverage", $"server '{id}' moves but no wave lists it"));
        }

        foreach (var (id, w) in movingWorkloads)
        {
            if (!workloadWave.TryGetValue(id, out var at))
            {
                found.Add(new("wave-coverage", $"workload '{id}' moves but no wave lists it"));
            }
            else if (OnServer(w) && serverWave.TryGetValue(w.Server, out var host) && host != at)
            {
                found.Add(new("wave-coverage", $"workload '{id}' is listed in wave {at} but its server '{w.Server}' in wave {host}: a server moves with all its workloads"));
            }
        }

        // Routes: every moving thing needs a path to the data centre for its copy.
        var wan = WanGraph.Build(estate);
        var routes = new Dictionary<string, IReadOnlyList<WanHop>?>(StringComparer.Ordinal);
        IReadOnlyList<WanHop>? PathFrom(string site) => routes.TryGetValue(site, out var p) ? p : routes[site] = wan.Path(site, dataCenter);
        foreach (var (id, _) in movingServers)
        {
            if (PathFrom(hostOf[id].Site) is null)
            {
                found.Add(new("route", $"server '{id}' at site '{hostOf[id].Site}' has no path to the data centre '{dataCenter}', so its copy cannot cross the WAN"));
            }
        }

        foreach (var w in movingWorkloads.Values.Where(w => !OnServer(w)))
        {
            if (PathFrom(w.Site) is null)
            {
                found.Add(new("route", $"workload '{w.Id}' at site '{w.Site}' has no path to the data centre '{dataCenter}', so its copy cannot cross the WAN"));
            }
        }

        // Limits, per wave, from what it moves.
        foreach (var wave in waves)
        {
            var moved = new List<(string Site, double Mib)>();
            foreach (var id in wave.Servers.Distinct(StringComparer.Ordinal))
            {
                if (movingServers.TryGetValue(id, out var list))
                {
                    moved.Add((hostOf[id].Site, list.Sum(w => w.Demand.DiskMib)));
                }
            }

            foreach (var id in wave.Workloads.Distinct(StringComparer.Ordinal))
            {
                if (movingWorkloads.TryGetValue(id, out var w) && !OnServer(w))
                {
                    moved.Add((w.Site, w.Demand.DiskMib));
                }
            }

            var mib = moved.Sum(x => x.Mib);
            if (moved.Count > m.MaxServersPerWave)
            {
                found.Add(new("wave-servers", $"wave {wave.Number} moves {moved.Count} servers, over the limit of {m.MaxServersPerWave}"));
            }

            if (m.MaxMibPerWave is { } maxMib && mib > maxMib * (1 + Tolerance))
            {
                found.Add(new("wave-data", $"wave {wave.Number} copies {F(mib)} MiB, over the limit of {F(maxMib)} MiB"));
            }

            if (Math.Abs(wave.DataMib - mib) > StatedTolerance * Math.Max(1, mib))
            {
                found.Add(new("wave-data", $"wave {wave.Number} states {F(wave.DataMib)} MiB but copies {F(mib)} MiB"));
            }

            var perHop = new Dictionary<(string, string), (double Mib, double Mbps)>();
            foreach (var (site, unitMib) in moved)
            {
                foreach (var hop in PathFrom(site) ?? [])
                {
                    var key = (hop.From, hop.To);
                    perHop[key] = (perHop.GetValueOrDefault(key).Mib + unitMib, hop.Links.Sum(l => l.BandwidthMbps));
                }
            }

            var copy = 0.0;
            var slowest = "";
            foreach (var ((from, to), (hopMib, mbps)) in perHop.OrderBy(x => x.Key.Item1, StringComparer.Ordinal).ThenBy(x => x.Key.Item2, StringComparer.Ordinal))
            {
                var hours = hopMib * MbitPerMib / (mbps * m.BandwidthShare) / 3600;
                if (hours > copy)
                {
                    copy = hours;
                    slowest = $"{from} → {to}";
                }
            }

            var total = copy + (m.SwitchoverHours * moved.Count);
            if (total > m.WindowHours * (1 + Tolerance))
            {
                found.Add(new("wave-window", $"wave {wave.Number} takes {F(total)} h (copies {F(copy)} h over {(slowest.Length > 0 ? slowest : "no hop")}, {moved.Count} switchovers of {F(m.SwitchoverHours)} h), over the {F(m.WindowHours)} h window"));
            }

            if (Math.Abs(wave.Hours - total) > StatedTolerance * Math.Max(1, total))
            {
                found.Add(new("wave-window", $"wave {wave.Number} states {F(wave.Hours)} h but takes {F(total)} h"));
            }
        }

        found.AddRange(Spread(estate, movingWorkloads, workloadWave));
        found.AddRange(Dependencies(estate, movingWorkloads, workloadWave, workloadPosition));
        return found;
    }

    private static IEnumerable<MoveViolation> Spread(Estate estate, SortedDictionary<string, Workload> moving, Dictionary<string, int> waveOf)
    {
        foreach (var rule in estate.Rules.Where(r => r.Kind == RuleKind.Spread))
        {
            var members = rule.Workloads.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (members.Count < 2 || members.Any(x => !moving.ContainsKey(x) || !waveOf.ContainsKey(x)))
            {
                continue;
            }

            var first = waveOf[members[0]];
            if (members.All(x => waveOf[x] == first))
            {
                yield return new("wave-spread", $"wave {first} moves every member of spread '{rule.Name}' ({string.Join(", ", members)}): the service stops while it moves");
            }
        }
    }

    private static IEnumerable<MoveViolation> Dependencies(
        Estate estate, SortedDictionary<string, Workload> moving, Dictionary<string, int> waveOf, Dictionary<string, int> position)
    {
        var byId = estate.Workloads.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var byService = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var w in estate.Workloads)
        {
            if (!byService.TryGetValue(w.Service, out var list))
            {
                byService[w.Service] = list = [];
            }

            list.Add(w.Id);
        }

        List<string> Named(string name) => byId.Contains(name) ? [name] : byService.GetValueOrDefault(name) ?? [];

        // Per needed name: its workloads, the first wave one of them is listed in, and the first place in that wave.
        var facts = new Dictionary<string, (HashSet<string> Members, bool Stays, int First, int Place)>(StringComparer.Ordinal);
        (HashSet<string> Members, bool Stays, int First, int Place) Facts(string name)
        {
            if (!facts.TryGetValue(name, out var f))
            {
                var needed = Named(name);
                var listed = needed.Where(waveOf.ContainsKey).ToList();
                var first = listed.Count == 0 ? int.MinValue : listed.Min(x => waveOf[x]);
                var place = listed.Count == 0 ? 0 : listed.Where(x => waveOf[x] == first).Min(x => position[x]);
                facts[name] = f = (needed.ToHashSet(StringComparer.Ordinal), needed.Count == 0 || needed.Any(x => !moving.ContainsKey(x)), first, place);
            }

            return f;
        }

        var seen = new HashSet<(string, string)>();
        foreach (var d in estate.Dependencies)
        {
            var (members, stays, earliest, place) = Facts(d.To);
            if (stays)
            {
                continue;
            }

            foreach (var w in Named(d.From).Where(moving.ContainsKey).Order(StringComparer.Ordinal))
            {
                if (members.Contains(w) || !seen.Add((w, d.To)) || !waveOf.TryGetValue(w, out var at))
                {
                    continue;
                }

                if (earliest == int.MinValue)
                {
                    yield return new("wave-dependency", $"workload '{w}' needs '{d.To}', which no wave moves");
                }
                else if (earliest > at)
                {
                    yield return new("wave-dependency", $"workload '{w}' moves in wave {at} but needs '{d.To}', which first moves in wave {earliest}");
                }
                else if (earliest == at && place > position[w])
                {
                    yield return new("wave-dependency", $"workload '{w}' is listed in wave {at} before every workload of '{d.To}' it needs");
                }
            }
        }
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
