using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using static Shuyaku.Core.Reporting.HtmlText;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// The plan and the move as one self-contained HTML file (docs/report.md): inline CSS and inline SVG only, no script,
/// nothing fetched; every text from the estate escaped; the same inputs give the same bytes (no clock; numbers in the
/// invariant culture; words in the current UI culture's language, docs/languages.md).
/// </summary>
public static partial class HtmlReport
{
    /// <summary>The element id of every section of the report, in order.</summary>
    private static readonly string[] SectionIds = ["summary", "before-after", "sizing", "hosts", "placement", "failover", "network", "wan", "waves", "cost"];

    /// <summary>Every section of the report, in order: its element id and its heading in the current language.</summary>
    public static IReadOnlyList<(string Id, string Title)> Sections => [.. SectionIds.Select(id => (id, T("report.section." + id)))];

    /// <summary>
    /// Writes the report of <paramref name="plan"/> for <paramref name="estate"/>. Without <paramref name="move"/> the
    /// network, WAN, wave and cost sections say that the move was not computed. <paramref name="check"/> is the checker's
    /// verdict on the plan; when null the plan is checked here.
    /// </summary>
    public static void Write(TextWriter writer, Estate estate, Plan plan, MovePlan? move, CheckReport? check = null) =>
        writer.Write(Render(estate, plan, move, check));

    /// <summary>The report as a string; see <see cref="Write"/>.</summary>
    public static string Render(Estate estate, Plan plan, MovePlan? move, CheckReport? check = null)
    {
        check ??= Checker.Check(estate, plan);
        var html = new StringBuilder(64 * 1024);
        var title = F("report.title", estate.Name.Length > 0 ? estate.Name : plan.Estate.Length > 0 ? plan.Estate : T("report.estate"));
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Language.Current).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Shuyaku\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>").Append(E(title)).Append("</h1>\n<p class=\"muted\">")
            .Append(E(F("report.header", plan.HostModel, N(plan.Inputs.Failures), Short(plan.Inputs.EstateSha256))))
            .Append(plan.Method.Length > 0 ? E(F("report.header.search", plan.Method)) : "").Append(E(T("report.sentence-end")))
            .Append("</p>\n<nav aria-label=\"").Append(E(T("report.nav"))).Append("\">");
        foreach (var (id, heading) in Sections)
        {
            html.Append("<a href=\"#").Append(id).Append("\">").Append(E(heading)).Append("</a>");
        }

        html.Append("</nav></header>\n<main>\n");
        var facts = Facts.Of(estate, plan, move);
        Summary(html, estate, plan, move, check, facts);
        BeforeAfter(html, estate, plan, move, facts);
        Sizing(html, estate, plan);
        Hosts(html, estate, plan);
        Placement(html, estate, plan);
        Failover(html, plan, check);
        MoveSection(html, "network", move, T("report.missing.network"), m => Network(html, m));
        MoveSection(html, "wan", move, T("report.missing.wan"), m => Wan(html, m));
        MoveSection(html, "waves", move, T("report.missing.waves"), m => Waves(html, estate, m));
        MoveSection(html, "cost", move, T("report.missing.cost"), m => Cost(html, m));
        html.Append("</main>\n<footer>").Append(E(move is null
                ? F("report.footer", estate.Name, Short(plan.Inputs.Digest))
                : F("report.footer.move", estate.Name, Short(plan.Inputs.Digest), move.DataCenter)))
            .Append("</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;

    private static void Open(StringBuilder html, string id)
    {
        var heading = T("report.section." + id);
        html.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(heading)).Append("</h2>\n");
    }

    private static void Close(StringBuilder html) => html.Append("</section>\n");

    private static void NotComputed(StringBuilder html, string what) =>
        html.Append("<p class=\"notice\">").Append(E(F("report.not-computed", what)))
            .Append(" <code>shuyaku report ESTATE PLAN --move MOVE.json</code></p>\n");

    private static void Summary(StringBuilder html, Estate estate, Plan plan, MovePlan? move, CheckReport check, Facts facts)
    {
        Open(html, "summary");
        var s = plan.Summary;
        var gap = s.Hosts - plan.LowerBound.Value;
        var figures = new List<(string, string, string?)>
        {
            (N(s.Servers), F("report.fig.machines", C("count.server-room", facts.Rooms.Count)), null),
            (N(s.Hosts), F("report.fig.hosts", N(s.VirtualizationHosts), N(s.DedicatedHosts)), null),
            (s.Servers > 0 ? N(s.ConsolidationRatio, "0.#") + " : 1" : "—", T("report.fig.ratio"), null),
            (N(plan.LowerBound.Value), gap == 0 ? T("report.fig.bound-minimal") : F("report.fig.bound-gap", N(gap)), gap == 0 ? "ok" : null),
            (check.Valid ? T("report.fig.valid") : C("count.violation", check.Violations.Count), F("report.fig.checker", C("count.scenario", check.ScenariosChecked), N(check.Failures)), check.Valid ? "ok" : "bad"),
        };
        if (move is not null)
        {
            figures.Add((N(move.AddressChanges), T("report.fig.addresses"), move.AddressChanges == 0 ? "ok" : "warn"));
            figures.Add((N(move.Waves.Count), F("report.fig.waves", N(move.Waves.Sum(w => w.Hours), "0.#")), null));
            var c = move.Cost;
            var saving = c.Before.Cost.Total - c.After.Cost.Total;
            figures.Add((Money(c.After.Cost.Total, c.Currency), F("report.fig.cost", N(c.Years), Money(c.Before.Cost.Total, c.Currency)), saving >= 0 ? "ok" : "warn"));
            figures.Add((N(move.Violations.Count), T("report.fig.move-problems"), move.Violations.Count == 0 ? "ok" : "bad"));
        }

        Figures(html, figures);
        var become = F("report.summary.become", C("count.workload", s.Workloads), C("count.machine", s.Servers), C("count.site", s.Sites), C("count.vm", s.Workloads), C("count.host", s.Hosts));
        html.Append("<p>").Append(E(facts.DataCenter is null ? F("report.summary.sentence", become) : F("report.summary.sentence-in", become, facts.DataCenter.Name))).Append(' ')
            .Append(E(gap == 0 ? T("report.summary.minimal") : F("report.summary.gap", C("count.host", gap))))
            .Append(' ').Append(E(check.Valid
                ? F("report.summary.valid", C("count.scenario", check.ScenariosChecked))
                : F("report.summary.invalid", C("count.violation", check.Violations.Count))))
            .Append("</p>\n");
        if (move is null)
        {
            html.Append("<p class=\"muted\">").Append(E(T("report.summary.no-move"))).Append("</p>\n");
        }
        else if (move.Violations.Count > 0)
        {
            html.Append("<div class=\"notice\"><b>").Append(E(T("report.summary.move-breaks"))).Append("</b><ul>");
            foreach (var v in move.Violations)
            {
                html.Append("<li><span class=\"tag\">").Append(E(v.Kind)).Append("</span> ").Append(E(MoveTexts.Describe(v.Message))).Append("</li>");
            }

            html.Append("</ul></div>\n");
        }

        Close(html);
    }

    private static void BeforeAfter(StringBuilder html, Estate estate, Plan plan, MovePlan? move, Facts facts)
    {
        Open(html, "before-after");
        var dcName = facts.DataCenter?.Name ?? T("report.data-centre");
        var hostEquipment = facts.DataCenterEquipment;
        var after = new HtmlSvg.Room(dcName, plan.Hosts.Count, hostEquipment,
            $"{C("count.host", plan.Hosts.Count)} · {C("count.vm", plan.Summary.Workloads)}" + (hostEquipment > 0 ? $" · {C("count.equipment", hostEquipment)}" : ""));
        html.Append("<figure>").Append(HtmlSvg.EstatePicture(facts.Rooms, after))
            .Append("<figcaption>").Append(E(T("report.before-after.caption"))).Append("</figcaption></figure>\n");
        var rows = new List<IReadOnlyList<string>>
        {
            Row(T("report.row.rooms"), N(facts.Rooms.Count), "1"),
            Row(T("report.row.machines"), N(estate.Servers.Count), N(plan.Hosts.Count)),
            Row(T("report.row.cores"), N(estate.Servers.Sum(x => x.Hardware.Cores)), N(plan.Hosts.Sum(h => estate.FindModel(h.Model)?.Cores ?? 0))),
            Row(T("report.row.memory"), Gib(estate.Servers.Sum(x => x.Hardware.MemoryMib) / 1024), Gib(plan.Hosts.Sum(h => estate.FindModel(h.Model)?.MemoryMib ?? 0) / 1024)),
            Row(T("report.row.storage"), Gib(plan.Storage.UsedGiB), Gib(plan.Storage.DatastoreGiB)),
        };
        if (move is not null)
        {
            var c = move.Cost;
            rows.Add(Row(T("report.row.equipment"), N(EquipmentUnits(c.Before)), N(EquipmentUnits(c.After))));
            rows.Add(Row(T("report.row.power"), N(c.Before.PowerKw, "0.##") + " kW", N(c.After.PowerKw, "0.##") + " kW"));
            rows.Add(Row(T("report.row.energy"), N(c.Before.EnergyKwhPerYear, "N0") + " kWh", N(c.After.EnergyKwhPerYear, "N0") + " kWh"));
            rows.Add(Row(T("report.row.rack-units"), N(c.Before.RackUnits), N(c.After.RackUnits)));
            rows.Add(Row(F("report.row.cost", N(c.Years)), Money(c.Before.Cost.Total, c.Currency), Money(c.After.Cost.Total, c.Currency)));
        }
        else
        {
            rows.Add(Row(T("report.row.equipment"), N(facts.Rooms.Sum(r => r.Equipment)), N(hostEquipment)));
        }

        Table(html, move is null ? T("report.before-after.needs-move") : "", ["", T("report.before"), T("report.after")], rows, 1, 2);
        Close(html);
    }

    private static IReadOnlyList<string> Row(string what, string before, string after) => [E(what), E(before), E(after)];

    private static int EquipmentUnits(CostSide side) =>
        side.Equipment.Where(e => e.Kind is not ("server" or "host")).Sum(e => e.Count);

    /// <summary>What several sections share: the data centre, the campus rooms before, and the data centre's equipment.</summary>
    private sealed record Facts(Site? DataCenter, IReadOnlyList<HtmlSvg.Room> Rooms, int DataCenterEquipment)
    {
        public static Facts Of(Estate estate, Plan plan, MovePlan? move)
        {
            var dc = (move is null ? null : estate.Sites.FirstOrDefault(s => s.Id == move.DataCenter))
                     ?? estate.Sites.FirstOrDefault(s => s.Role == SiteRole.DataCenter);
            var rooms = new List<HtmlSvg.Room>();
            var servers = estate.Servers.GroupBy(s => s.Site).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var equipment = estate.Equipment.GroupBy(e => e.Site).ToDictionary(g => g.Key, g => g.Sum(e => e.Count), StringComparer.Ordinal);
            var workloads = estate.Workloads.Select(w => w.Server.Length > 0 ? estate.FindServer(w.Server)?.Site ?? w.Site : w.Site)
                .GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var sites = estate.Sites.Select(s => (s.Id, s.Name)).ToList();
            foreach (var id in servers.Keys.Concat(workloads.Keys).Where(id => id.Length > 0 && sites.All(s => s.Id != id)).Distinct().Order(StringComparer.Ordinal))
            {
                sites.Add((id, id));
            }

            foreach (var (id, name) in sites)
            {
                if (id == dc?.Id)
                {
                    continue;
                }

                var m = servers.GetValueOrDefault(id);
                var e = equipment.GetValueOrDefault(id);
                var w = workloads.GetValueOrDefault(id);
                if (m + e + w > 0)
                {
                    rooms.Add(new HtmlSvg.Room(name.Length > 0 ? name : id, m, e, $"{C("count.machine", m)} · {C("count.workload", w)}" + (e > 0 ? $" · {C("count.equipment", e)}" : "")));
                }
            }

            return new Facts(dc, rooms, dc is null ? 0 : equipment.GetValueOrDefault(dc.Id));
        }
    }
}
