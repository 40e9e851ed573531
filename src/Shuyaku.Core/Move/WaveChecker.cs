using System.Globalization;
using Shuyaku.Core.Localization;
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
                found.Add(new("wave-coverage", Texts.Phrase("move.v.wave-number", i + 1, wave.Number).English));
            }

            foreach (var id in wave.Servers)
            {
                if (!movingServers.ContainsKey(id))
                {
                    found.Add(new("wave-coverage", hostOf.ContainsKey(id)
                        ? Texts.Phrase("move.v.wave-server-stays", wave.Number, id).English
                        : Texts.Phrase("move.v.wave-server-unknown", wave.Number, id).English));
                }
                else if (!serverWave.TryAdd(id, wave.Number))
                {
                    found.Add(new("wave-coverage", Texts.Phrase("move.v.server-twice", id, serverWave[id], wave.Number).English));
                }
            }

            for (var p = 0; p < wave.Workloads.Count; p++)
            {
                var id = wave.Workloads[p];
                if (!movingWorkloads.ContainsKey(id))
                {
                    found.Add(new("wave-coverage", estate.Workloads.Any(w => w.Id == id)
                        ? Texts.Phrase("move.v.wave-workload-stays", wave.Number, id).English
                        : Texts.Phrase("move.v.wave-workload-unknown", wave.Number, id).English));
                }
                else if (!workloadWave.TryAdd(id, wave.Number))
                {
                    found.Add(new("wave-coverage", Texts.Phrase("move.v.workload-twice", id, workloadWave[id], wave.Number).English));
                }
                else
                {
                    workloadPosition[id] = p;
                }
            }
        }

        foreach (var id in movingServers.Keys.Where(id => !serverWave.ContainsKey(id)))
        {
            found.Add(new("wave-coverage", Texts.Phrase("move.v.server-unlisted", id).English));
        }

        foreach (var (id, w) in movingWorkloads)
        {
            if (!workloadWave.TryGetValue(id, out var at))
            {
                found.Add(new("wave-coverage", Texts.Phrase("move.v.workload-unlisted", id).English));
            }
            else if (OnServer(w) && serverWave.TryGetValue(w.Server, out var host) && host != at)
            {
                found.Add(new("wave-coverage", Texts.Phrase("move.v.workload-apart", id, at, w.Server, host).English));
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
                found.Add(new("route", Texts.Phrase("move.v.server-no-path", id, hostOf[id].Site, dataCenter).English));
            }
        }

        foreach (var w in movingWorkloads.Values.Where(w => !OnServer(w)))
        {
            if (PathFrom(w.Site) is null)
            {
                found.Add(new("route", Texts.Phrase("move.v.workload-no-path", w.Id, w.Site, dataCenter).English));
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
                found.Add(new("wave-servers", Texts.Phrase("move.v.wave-servers", wave.Number, moved.Count, m.MaxServersPerWave).English));
            }

            if (m.MaxMibPerWave is { } maxMib && mib > maxMib * (1 + Tolerance))
            {
                found.Add(new("wave-data", Texts.Phrase("move.v.wave-data", wave.Number, F(mib), F(maxMib)).English));
            }

            if (Math.Abs(wave.DataMib - mib) > StatedTolerance * Math.Max(1, mib))
            {
                found.Add(new("wave-data", Texts.Phrase("move.v.wave-data-stated", wave.Number, F(wave.DataMib), F(mib)).English));
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
                found.Add(new("wave-window", slowest.Length > 0 ? Texts.Phrase("move.v.wave-window", wave.Number, F(total), F(copy), slowest, moved.Count, F(m.SwitchoverHours), F(m.WindowHours)).English : Texts.Phrase("move.v.wave-window.no-hop", wave.Number, F(total), F(copy), moved.Count, F(m.SwitchoverHours), F(m.WindowHours)).English));
            }

            if (Math.Abs(wave.Hours - total) > StatedTolerance * Math.Max(1, total))
            {
                found.Add(new("wave-window", Texts.Phrase("move.v.wave-window-stated", wave.Number, F(wave.Hours), F(total)).English));
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
                yield return new("wave-spread", Texts.Phrase("move.v.wave-spread", first, rule.Name, string.Join(", ", members)).English);
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
                    yield return new("wave-dependency", Texts.Phrase("move.v.needs-unmoved", w, d.To).English);
                }
                else if (earliest > at)
                {
                    yield return new("wave-dependency", Texts.Phrase("move.v.needs-later", w, at, d.To, earliest).English);
                }
                else if (earliest == at && place > position[w])
                {
                    yield return new("wave-dependency", Texts.Phrase("move.v.needs-before", w, at, d.To).English);
                }
            }
        }
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
