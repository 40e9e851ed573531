using System.Text;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using static Shuyaku.Core.Reporting.HtmlText;

namespace Shuyaku.Core.Reporting;

/// <summary>The move's sections: network plan, WAN load per link, migration waves and cost.</summary>
public static partial class HtmlReport
{
    /// <summary>Writes a move section: its body when the move was computed, else a note that it was not.</summary>
    private static void MoveSection(StringBuilder html, string id, MovePlan? move, string what, Action<MovePlan> body)
    {
        Open(html, id);
        if (move is null)
        {
            NotComputed(html, what);
        }
        else
        {
            body(move);
        }

        Close(html);
    }

    private static void Network(StringBuilder html, MovePlan move)
    {
        var n = move.Network;
        Figures(html,
        [
            (N(n.AddressChanges), "server addresses that change", n.AddressChanges == 0 ? "ok" : "warn"),
            (N(n.Subnets.Count(s => s.Fate == SubnetFate.Moved)), "subnets moved whole", null),
            (N(n.Subnets.Count(s => s.Fate == SubnetFate.Split)), "subnets split", n.Subnets.Any(s => s.Fate == SubnetFate.Split) ? "warn" : null),
            (N(n.Routes.Count), "route changes", null),
            ($"{N(n.AddressSensitive.Count(a => a.Kept))} / {N(n.AddressSensitive.Count)}", "address-sensitive workloads keeping their address", n.AddressSensitive.All(a => a.Kept) ? "ok" : "warn"),
        ]);
        html.Append("<p>").Append(E(n.AddressChanges == 0
            ? "No server changes its address: every subnet whose servers move is routed to the data centre whole."
            : $"{Count(n.AddressChanges, "server address", "server addresses")} change; the split subnets below say which and why."))
            .Append(" Until its route is cut over, a moving subnet is stretched over the link (wide-area Ethernet).</p>\n");
        html.Append("<h3>Subnets</h3>\n");
        Table(html, "", ["prefix", "site", "fate", "moving", "staying", "options (address changes)", "chosen"], n.Subnets.Select(s => (IReadOnlyList<string>)
        [
            E(s.Prefix),
            E(s.Site),
            s.Fate switch { SubnetFate.Moved => "<span class=\"ok\">moved whole</span>", SubnetFate.Split => "<span class=\"warn\">split</span>", _ => "stays" },
            N(s.MovingServers.Count),
            N(s.StayingServers.Count),
            s.Options.Count == 0 ? "—" : string.Join("<br>", s.Options.Select(o => $"{E(o.Kind)} ({N(o.AddressChanges)})" +
                (o.ChangedServers.Count > 0 ? $": {E(Names(o.ChangedServers, 6))}" : "") + (o.Note.Length > 0 ? $" <span class=\"muted\">{E(o.Note)}</span>" : ""))),
            E(s.Chosen ?? "—"),
        ]), 3, 4);
        html.Append("<h3>Route changes</h3>\n");
        if (n.Routes.Count == 0)
        {
            html.Append("<p class=\"muted\">No route changes.</p>\n");
        }
        else
        {
            Table(html, "", ["prefix", "from site", "to site", "next hop", "after wave"], n.Routes.Select(r => (IReadOnlyList<string>)
                [E(r.Prefix), E(r.FromSite), E(r.ToSite), E(r.NextHop), r.Wave > 0 ? N(r.Wave) : "—"]), 4);
        }

        html.Append("<h3>Address-sensitive workloads</h3>\n");
        if (n.AddressSensitive.Count == 0)
        {
            html.Append("<p class=\"muted\">The estate marks no workload as address-sensitive.</p>\n");
        }
        else
        {
            Table(html, "Workloads that clients reach by address (DNS, NTP, RADIUS, anything configured by IP).", ["workload", "address", "kept", "why"],
                n.AddressSensitive.Select(a => (IReadOnlyList<string>)
                    [E(a.Workload), E(a.Address), a.Kept ? "<span class=\"ok\">kept</span>" : "<span class=\"bad\">changes</span>", E(a.Reason)]));
        }

    }

    private static void Wan(StringBuilder html, MovePlan move)
    {
        if (move.Wan.Count == 0)
        {
            html.Append("<p class=\"muted\">The estate gives no links.</p>\n");
            return;
        }

        html.Append("<p>Peak load of each link before and after the move (users at every campus now reach the data centre), against the limit: bandwidth × target utilisation. Peaks are added as if simultaneous, a cautious upper bound.</p>\n");
        var rows = new List<BarRow>();
        foreach (var l in move.Wan)
        {
            rows.Add(new BarRow($"{l.Link} before", [(0, l.BeforeMbps)], l.LimitMbps, l.BandwidthMbps, Mbps(l.BeforeMbps)));
            rows.Add(new BarRow($"{l.Link} after", [(l.Overloaded ? 2 : 1, l.AfterMbps)], l.LimitMbps, l.BandwidthMbps, Mbps(l.AfterMbps) + (l.Overloaded ? " overloaded" : "")));
        }

        html.Append("<figure>").Append(HtmlSvg.Bars("Peak load per link (Mbps)",
            [new("before", "#9aa5b1"), new("after", HtmlSvg.Palette[0]), new("after, overloaded", "#b3261e")], rows, "limit (bandwidth × target)", "bandwidth", v => N(v, "0.#")))
            .Append("</figure>\n");
        Table(html, "", ["link", "between", "bandwidth", "target", "limit", "before", "after", "after / limit"], move.Wan.Select(l => (IReadOnlyList<string>)
        [
            E(l.Link),
            E($"{l.From} – {l.To}"),
            E(Mbps(l.BandwidthMbps)),
            Pct(l.TargetUtilisation),
            E(Mbps(l.LimitMbps)),
            E(Mbps(l.BeforeMbps)),
            E(Mbps(l.AfterMbps)),
            $"<span class=\"{(l.Overloaded ? "bad" : "ok")}\">{Pct(l.LimitMbps > 0 ? l.AfterMbps / l.LimitMbps : 0)}</span>",
        ]), 2, 3, 4, 5, 6, 7);
    }

    private static string Mbps(double mbps) => N(mbps, "0.#") + " Mbps";

    private static void Waves(StringBuilder html, Estate estate, MovePlan move)
    {
        var m = estate.Migration;
        html.Append("<p>").Append(E($"{Count(move.Waves.Count, "wave")}, {N(move.Waves.Sum(w => w.Hours), "0.#")} hours in all. Each wave moves at most " +
                                    $"{Count(m.MaxServersPerWave, "server")}{(m.MaxMibPerWave is { } mib ? $" and {Gib(mib / 1024)}" : "")} within a {N(m.WindowHours, "0.#")}-hour window, " +
                                    $"copying at {Pct(m.BandwidthShare)} of each link; never all members of a spread rule in one wave; dependencies first.")).Append("</p>\n");
        if (move.Waves.Count == 0)
        {
            html.Append("<p class=\"muted\">Nothing moves.</p>\n");
            return;
        }

        var rows = move.Waves.Select(w => new BarRow($"wave {w.Number}", [(w.Hours > m.WindowHours + 1e-9 ? 1 : 0, w.Hours)], m.WindowHours, Value: N(w.Hours, "0.##") + " h")).ToList();
        html.Append("<figure>").Append(HtmlSvg.Bars("Duration of each wave (hours)", [new("copy and switchover", HtmlSvg.Palette[0]), new("over the window", "#b3261e")],
            rows, "maintenance window", null, v => N(v, "0.#"))).Append("</figure>\n");
        Table(html, "", ["wave", "servers", "workloads (in order)", "data", "hours", "routes cut over"], move.Waves.Select(w => (IReadOnlyList<string>)
        [
            N(w.Number),
            $"{N(w.Servers.Count)}: {E(Names(w.Servers, 10))}",
            E(Names(w.Workloads, 16)),
            E(Gib(w.DataMib / 1024)),
            N(w.Hours, "0.##"),
            E(w.Routes.Count == 0 ? "—" : string.Join(", ", w.Routes)),
        ]), 0, 3, 4);
    }

    private static readonly string[] CostParts = ["purchase", "maintenance", "energy", "licences", "admin"];

    private static IReadOnlyList<(int, double)> Segments(CostBreakdown c) =>
        [(0, c.Purchase), (1, c.Maintenance), (2, c.Energy), (3, c.Licences), (4, c.Admin)];

    private static void Cost(StringBuilder html, MovePlan move)
    {
        var c = move.Cost;
        var series = CostParts.Select((p, i) => new BarSeries(p, HtmlSvg.Palette[i])).ToList();
        string Money0(double v) => Money(v, c.Currency);
        var saving = c.Before.Cost.Total - c.After.Cost.Total;
        html.Append("<p>").Append(E($"Over {Count(c.Years, "year")}: {Money0(c.Before.Cost.Total)} to renew today's estate as it is, {Money0(c.After.Cost.Total)} for the plan; " +
                                    (saving >= 0 ? $"{Money0(saving)} saved" : $"{Money0(-saving)} more") +
                                    (c.Before.Cost.Total > 0 ? $" ({Pct(Math.Abs(saving) / c.Before.Cost.Total)})." : "."))).Append("</p>\n");
        html.Append("<figure>").Append(HtmlSvg.Bars($"Cost over {c.Years} years ({(c.Currency.Length > 0 ? c.Currency : "currency not given")})", series,
            [new("before", Segments(c.Before.Cost), Value: Money0(c.Before.Cost.Total)), new("after", Segments(c.After.Cost), Value: Money0(c.After.Cost.Total))],
            null, null, Short)).Append("</figure>\n");
        Table(html, "", ["", .. CostParts, "total"],
        [
            ["before", .. Segments(c.Before.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(c.Before.Cost.Total))}</b>"],
            ["after", .. Segments(c.After.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(c.After.Cost.Total))}</b>"],
        ], 1, 2, 3, 4, 5, 6);
        html.Append("<h3>Equipment, power and space</h3>\n");
        var kinds = c.Before.Equipment.Select(e => e.Kind).Concat(c.After.Equipment.Select(e => e.Kind)).Distinct(StringComparer.Ordinal).ToList();
        var equipmentRows = kinds.Select(k => (IReadOnlyList<string>)
            [E(k), N(c.Before.Equipment.Where(e => e.Kind == k).Sum(e => e.Count)), N(c.After.Equipment.Where(e => e.Kind == k).Sum(e => e.Count))]).ToList();
        equipmentRows.Add(Row("power at IT load (kW)", N(c.Before.PowerKw, "0.##"), N(c.After.PowerKw, "0.##")));
        equipmentRows.Add(Row("energy a year, PUE included (kWh)", N(c.Before.EnergyKwhPerYear, "N0"), N(c.After.EnergyKwhPerYear, "N0")));
        equipmentRows.Add(Row("rack units", N(c.Before.RackUnits), N(c.After.RackUnits)));
        Table(html, "", ["", "before", "after"], equipmentRows, 1, 2);
        if (c.Models.Count > 0)
        {
            html.Append("<h3>Host models over the horizon</h3>\n");
            var cheapest = c.Models[0];
            var planned = c.Models.FirstOrDefault(x => x.InPlan);
            html.Append("<p>").Append(E(planned is null || ReferenceEquals(cheapest, planned) || cheapest.Cost.Total >= planned.Cost.Total - 1e-6
                ? "The plan's host model is the cheapest over the horizon."
                : $"{cheapest.Model} would cost {Money0(planned.Cost.Total - cheapest.Cost.Total)} less over the horizon than the plan's {planned.Model}.")).Append("</p>\n");
            html.Append("<figure>").Append(HtmlSvg.Bars("Cost after, per host model", series,
                c.Models.Select(x => new BarRow($"{x.Model} ({x.Hosts})" + (x.InPlan ? " ★" : ""), Segments(x.Cost), Value: Money0(x.Cost.Total))).ToList(), null, null, Short))
                .Append("<figcaption>★ the plan's model; the number of hosts a plan with each model needs in brackets.</figcaption></figure>\n");
            Table(html, "", ["model", "hosts", .. CostParts, "total"], c.Models.Select(x => (IReadOnlyList<string>)
                [E(x.Model) + (x.InPlan ? " <span class=\"tag\">in plan</span>" : ""), N(x.Hosts), .. Segments(x.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(x.Cost.Total))}</b>"]),
                1, 2, 3, 4, 5, 6, 7);
        }

        if (c.NotGiven.Count > 0)
        {
            html.Append("<p class=\"notice\">Counted as 0 because the estate does not give them: ").Append(E(string.Join("; ", c.NotGiven))).Append(".</p>\n");
        }

    }

    /// <summary>Axis labels: 1.2k, 3.4M.</summary>
    private static string Short(double v) => Math.Abs(v) >= 1e9 ? N(v / 1e9, "0.#") + "G" : Math.Abs(v) >= 1e6 ? N(v / 1e6, "0.#") + "M" : Math.Abs(v) >= 1e3 ? N(v / 1e3, "0.#") + "k" : N(v, "0");
}
