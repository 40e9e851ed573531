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
            (N(n.AddressChanges), T("report.fig.addresses"), n.AddressChanges == 0 ? "ok" : "warn"),
            (N(n.Subnets.Count(s => s.Fate == SubnetFate.Moved)), T("report.network.moved-whole"), null),
            (N(n.Subnets.Count(s => s.Fate == SubnetFate.Split)), T("report.network.split"), n.Subnets.Any(s => s.Fate == SubnetFate.Split) ? "warn" : null),
            (N(n.Routes.Count), T("report.network.route-changes"), null),
            ($"{N(n.AddressSensitive.Count(a => a.Kept))} / {N(n.AddressSensitive.Count)}", T("report.network.sensitive-kept"), n.AddressSensitive.All(a => a.Kept) ? "ok" : "warn"),
        ]);
        html.Append("<p>").Append(E(n.AddressChanges == 0
            ? T("report.network.no-change")
            : F("report.network.changes", C("count.address", n.AddressChanges))))
            .Append(' ').Append(E(T("report.network.stretched"))).Append("</p>\n");
        html.Append("<h3>").Append(E(T("report.network.subnets"))).Append("</h3>\n");
        Table(html, "", [T("report.prefix"), T("report.site"), T("report.network.fate"), T("report.network.moving"), T("report.network.staying"), T("report.network.options"), T("report.network.chosen")], n.Subnets.Select(s => (IReadOnlyList<string>)
        [
            E(s.Prefix),
            E(s.Site),
            s.Fate switch { SubnetFate.Moved => $"<span class=\"ok\">{E(T("report.network.fate-moved"))}</span>", SubnetFate.Split => $"<span class=\"warn\">{E(T("report.network.fate-split"))}</span>", _ => E(T("report.network.fate-stays")) },
            N(s.MovingServers.Count),
            N(s.StayingServers.Count),
            s.Options.Count == 0 ? "—" : string.Join("<br>", s.Options.Select(o => $"{E(o.Kind)} ({N(o.AddressChanges)})" +
                (o.ChangedServers.Count > 0 ? $": {E(Names(o.ChangedServers, 6))}" : "") + (o.Note.Length > 0 ? $" <span class=\"muted\">{E(MoveTexts.Describe(o.Note))}</span>" : ""))),
            E(s.Chosen ?? "—"),
        ]), 3, 4);
        html.Append("<h3>").Append(E(T("report.network.routes"))).Append("</h3>\n");
        if (n.Routes.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.network.no-routes"))).Append("</p>\n");
        }
        else
        {
            Table(html, "", [T("report.prefix"), T("report.network.from-site"), T("report.network.to-site"), T("report.network.next-hop"), T("report.network.after-wave")], n.Routes.Select(r => (IReadOnlyList<string>)
                [E(r.Prefix), E(r.FromSite), E(r.ToSite), E(r.NextHop), r.Wave > 0 ? N(r.Wave) : "—"]), 4);
        }

        html.Append("<h3>").Append(E(T("report.network.sensitive"))).Append("</h3>\n");
        if (n.AddressSensitive.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.network.no-sensitive"))).Append("</p>\n");
        }
        else
        {
            Table(html, T("report.network.sensitive-caption"), [T("report.workload"), T("report.network.address"), T("report.network.kept"), T("report.network.why")],
                n.AddressSensitive.Select(a => (IReadOnlyList<string>)
                    [E(a.Workload), E(a.Address), a.Kept ? $"<span class=\"ok\">{E(T("report.network.kept"))}</span>" : $"<span class=\"bad\">{E(T("report.network.changes-word"))}</span>", E(MoveTexts.Describe(a.Reason))]));
        }

    }

    private static void Wan(StringBuilder html, MovePlan move)
    {
        if (move.Wan.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.wan.no-links"))).Append("</p>\n");
            return;
        }

        html.Append("<p>").Append(E(T("report.wan.intro"))).Append("</p>\n");
        var rows = new List<BarRow>();
        foreach (var l in move.Wan)
        {
            rows.Add(new BarRow($"{l.Link} {T("report.before")}", [(0, l.BeforeMbps)], l.LimitMbps, l.BandwidthMbps, Mbps(l.BeforeMbps)));
            rows.Add(new BarRow($"{l.Link} {T("report.after")}", [(l.Overloaded ? 2 : 1, l.AfterMbps)], l.LimitMbps, l.BandwidthMbps, Mbps(l.AfterMbps) + (l.Overloaded ? " " + T("report.wan.overloaded") : "")));
        }

        html.Append("<figure>").Append(HtmlSvg.Bars(T("report.wan.chart"),
            [new(T("report.before"), "#9aa5b1"), new(T("report.after"), HtmlSvg.Palette[0]), new(T("report.wan.after-overloaded"), "#b3261e")], rows, T("report.wan.limit-line"), T("report.wan.bandwidth"), v => N(v, "0.#")))
            .Append("</figure>\n");
        Table(html, "", [T("report.wan.link"), T("report.wan.between"), T("report.wan.bandwidth"), T("report.wan.target"), T("report.wan.limit"), T("report.before"), T("report.after"), T("report.wan.after-limit")], move.Wan.Select(l => (IReadOnlyList<string>)
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
        var limit = m.MaxMibPerWave is { } mib ? F("report.waves.limit-data", C("count.server", m.MaxServersPerWave), Gib(mib / 1024)) : C("count.server", m.MaxServersPerWave);
        html.Append("<p>").Append(E(F("report.waves.intro", C("count.wave", move.Waves.Count), N(move.Waves.Sum(w => w.Hours), "0.#"), limit, N(m.WindowHours, "0.#"), Pct(m.BandwidthShare))))
            .Append("</p>\n");
        if (move.Waves.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.waves.nothing"))).Append("</p>\n");
            return;
        }

        var rows = move.Waves.Select(w => new BarRow(F("report.waves.wave-n", w.Number), [(w.Hours > m.WindowHours + 1e-9 ? 1 : 0, w.Hours)], m.WindowHours, Value: N(w.Hours, "0.##") + " h")).ToList();
        html.Append("<figure>").Append(HtmlSvg.Bars(T("report.waves.chart"), [new(T("report.waves.copy"), HtmlSvg.Palette[0]), new(T("report.waves.over-window"), "#b3261e")],
            rows, T("report.waves.window"), null, v => N(v, "0.#"))).Append("</figure>\n");
        Table(html, "", [T("report.waves.wave"), T("report.waves.servers"), T("report.waves.workloads"), T("report.waves.data"), T("report.waves.hours"), T("report.waves.routes")], move.Waves.Select(w => (IReadOnlyList<string>)
        [
            N(w.Number),
            $"{N(w.Servers.Count)}: {E(Names(w.Servers, 10))}",
            E(Names(w.Workloads, 16)),
            E(Gib(w.DataMib / 1024)),
            N(w.Hours, "0.##"),
            E(w.Routes.Count == 0 ? "—" : string.Join(", ", w.Routes)),
        ]), 0, 3, 4);
    }

    private static string[] CostParts => [T("report.cost.purchase"), T("report.cost.maintenance"), T("report.cost.energy"), T("report.cost.licences"), T("report.cost.admin")];

    private static IReadOnlyList<(int, double)> Segments(CostBreakdown c) =>
        [(0, c.Purchase), (1, c.Maintenance), (2, c.Energy), (3, c.Licences), (4, c.Admin)];

    private static void Cost(StringBuilder html, MovePlan move)
    {
        var c = move.Cost;
        var series = CostParts.Select((p, i) => new BarSeries(p, HtmlSvg.Palette[i])).ToList();
        string Money0(double v) => Money(v, c.Currency);
        var saving = c.Before.Cost.Total - c.After.Cost.Total;
        var difference = saving >= 0 ? F("report.cost.saved", Money0(saving)) : F("report.cost.more", Money0(-saving));
        html.Append("<p>").Append(E(c.Before.Cost.Total > 0
            ? F("report.cost.intro-share", C("count.year", c.Years), Money0(c.Before.Cost.Total), Money0(c.After.Cost.Total), difference, Pct(Math.Abs(saving) / c.Before.Cost.Total))
            : F("report.cost.intro", C("count.year", c.Years), Money0(c.Before.Cost.Total), Money0(c.After.Cost.Total), difference))).Append("</p>\n");
        html.Append("<figure>").Append(HtmlSvg.Bars(F("report.cost.chart", N(c.Years), c.Currency.Length > 0 ? c.Currency : T("report.cost.no-currency")), series,
            [new(T("report.before"), Segments(c.Before.Cost), Value: Money0(c.Before.Cost.Total)), new(T("report.after"), Segments(c.After.Cost), Value: Money0(c.After.Cost.Total))],
            null, null, Short)).Append("</figure>\n");
        Table(html, "", ["", .. CostParts, T("report.cost.total")],
        [
            [E(T("report.before")), .. Segments(c.Before.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(c.Before.Cost.Total))}</b>"],
            [E(T("report.after")), .. Segments(c.After.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(c.After.Cost.Total))}</b>"],
        ], 1, 2, 3, 4, 5, 6);
        html.Append("<h3>").Append(E(T("report.cost.equipment"))).Append("</h3>\n");
        var kinds = c.Before.Equipment.Select(e => e.Kind).Concat(c.After.Equipment.Select(e => e.Kind)).Distinct(StringComparer.Ordinal).ToList();
        var equipmentRows = kinds.Select(k => (IReadOnlyList<string>)
            [E(k), N(c.Before.Equipment.Where(e => e.Kind == k).Sum(e => e.Count)), N(c.After.Equipment.Where(e => e.Kind == k).Sum(e => e.Count))]).ToList();
        equipmentRows.Add(Row(T("report.row.power") + " (kW)", N(c.Before.PowerKw, "0.##"), N(c.After.PowerKw, "0.##")));
        equipmentRows.Add(Row(T("report.row.energy") + " (kWh)", N(c.Before.EnergyKwhPerYear, "N0"), N(c.After.EnergyKwhPerYear, "N0")));
        equipmentRows.Add(Row(T("report.row.rack-units"), N(c.Before.RackUnits), N(c.After.RackUnits)));
        Table(html, "", ["", T("report.before"), T("report.after")], equipmentRows, 1, 2);
        if (c.Models.Count > 0)
        {
            html.Append("<h3>").Append(E(T("report.cost.models"))).Append("</h3>\n");
            var cheapest = c.Models[0];
            var planned = c.Models.FirstOrDefault(x => x.InPlan);
            html.Append("<p>").Append(E(planned is null || ReferenceEquals(cheapest, planned) || cheapest.Cost.Total >= planned.Cost.Total - 1e-6
                ? T("report.cost.plan-cheapest")
                : F("report.cost.cheaper", cheapest.Model, Money0(planned.Cost.Total - cheapest.Cost.Total), planned.Model))).Append("</p>\n");
            html.Append("<figure>").Append(HtmlSvg.Bars(T("report.cost.per-model"), series,
                c.Models.Select(x => new BarRow($"{x.Model} ({x.Hosts})" + (x.InPlan ? " ★" : ""), Segments(x.Cost), Value: Money0(x.Cost.Total))).ToList(), null, null, Short))
                .Append("<figcaption>").Append(E(T("report.cost.per-model-caption"))).Append("</figcaption></figure>\n");
            Table(html, "", [T("report.model"), T("report.hosts"), .. CostParts, T("report.cost.total")], c.Models.Select(x => (IReadOnlyList<string>)
                [E(x.Model) + (x.InPlan ? $" <span class=\"tag\">{E(T("report.cost.in-plan"))}</span>" : ""), N(x.Hosts), .. Segments(x.Cost).Select(s => E(Money0(s.Item2))), $"<b>{E(Money0(x.Cost.Total))}</b>"]),
                1, 2, 3, 4, 5, 6, 7);
        }

        if (c.NotGiven.Count > 0)
        {
            html.Append("<p class=\"notice\">").Append(E(F("report.cost.not-given", string.Join("; ", c.NotGiven)))).Append("</p>\n");
        }

    }

    /// <summary>Axis labels: 1.2k, 3.4M.</summary>
    private static string Short(double v) => Math.Abs(v) >= 1e9 ? N(v / 1e9, "0.#") + "G" : Math.Abs(v) >= 1e6 ? N(v / 1e6, "0.#") + "M" : Math.Abs(v) >= 1e3 ? N(v / 1e3, "0.#") + "k" : N(v, "0");
}
