using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>One flow of users' peak traffic: from the site the users are at to a workload.</summary>
/// <param name="Workload">The workload they reach.</param>
/// <param name="UserSite">The site the users are at.</param>
/// <param name="Mbps">Peak traffic, in Mbps.</param>
internal sealed record Flow(string Workload, string UserSite, double Mbps);

/// <summary>
/// The peak load of every link before and after the move (docs/move-format.md, "WAN"): each flow is routed over the one
/// path <see cref="WanGraph"/> gives, and on each hop shared among the hop's links in proportion to their bandwidth.
/// </summary>
internal static class WanLoad
{
    /// <summary>
    /// Every flow: a workload's own traffic map when it has one; else its even share of each 'traffic' entry of its
    /// service; else its demand's network peak, from users at its own site. Flows of 0 Mbps are left out.
    /// </summary>
    public static List<Flow> Flows(Estate estate, MoveScope scope)
    {
        var perService = estate.Workloads.GroupBy(w => w.Service, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var flows = new List<Flow>();
        foreach (var w in estate.Workloads)
        {
            if (w.Traffic.Count > 0)
            {
                flows.AddRange(w.Traffic.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Flow(w.Id, t.Key, t.Value)));
            }
            else if (estate.Traffic.Any(t => t.Service == w.Service))
            {
                flows.AddRange(estate.Traffic.Where(t => t.Service == w.Service).Select(t => new Flow(w.Id, t.Site, t.PeakMbps / perService[w.Service])));
            }
            else
            {
                flows.Add(new Flow(w.Id, scope.SiteBefore(w.Id), w.Demand.NetworkMbps.Pick(Statistic.Peak)));
            }
        }

        return flows.Where(f => f.Mbps > 0).ToList();
    }

    /// <summary>Every link's load before and after, sorted by link id, and a violation per overloaded link and per flow with no path.</summary>
    public static (List<LinkLoad> Loads, List<MoveViolation> Violations) Compute(Estate estate, MoveScope scope, WanGraph wan)
    {
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        var after = new Dictionary<string, double>(StringComparer.Ordinal);
        var violations = new List<MoveViolation>();
        var unreachable = new SortedSet<(string, string, string)>();
        foreach (var f in Flows(estate, scope))
        {
            Route(wan, f.UserSite, scope.SiteBefore(f.Workload), f.Mbps, before, unreachable, "before");
            Route(wan, f.UserSite, scope.SiteAfter(f.Workload), f.Mbps, after, unreachable, "after");
        }

        foreach (var (phase, from, to) in unreachable.Select(u => (u.Item1, u.Item2, u.Item3)))
        {
            violations.Add(new MoveViolation("route", Texts.Phrase(phase == "before" ? "move.v.unreachable.before" : "move.v.unreachable.after", from, to).English));
        }

        var loads = estate.Links.OrderBy(l => l.Id, StringComparer.Ordinal)
            .Select(l => new LinkLoad(l.Id, l.From, l.To, l.BandwidthMbps, l.TargetUtilisation, before.GetValueOrDefault(l.Id), after.GetValueOrDefault(l.Id)))
            .ToList();
        violations.AddRange(loads.Where(l => l.Overloaded).Select(Overload));
        return (loads, violations);
    }

    /// <summary>The violation of an overloaded link, with its figures.</summary>
    public static MoveViolation Overload(LinkLoad l) => new(
        "link-overload",
        Texts.Phrase("move.v.overload", l.Link, l.From, l.To, F(l.AfterMbps), F(l.LimitMbps), F(l.BandwidthMbps), F(l.TargetUtilisation * 100), F(l.AfterMbps - l.LimitMbps)).English);

    private static void Route(WanGraph wan, string from, string to, double mbps, Dictionary<string, double> load, SortedSet<(string, string, string)> unreachable, string phase)
    {
        if (from.Length == 0 || to.Length == 0 || from == to)
        {
            return;
        }

        var path = wan.Path(from, to);
        if (path is null)
        {
            unreachable.Add((phase, from, to));
            return;
        }

        foreach (var hop in path)
        {
            var width = hop.BandwidthMbps;
            foreach (var link in hop.Links)
            {
                load[link.Id] = load.GetValueOrDefault(link.Id) + (mbps * link.BandwidthMbps / width);
            }
        }
    }

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
