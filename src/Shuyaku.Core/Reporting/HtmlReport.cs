using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using static Shuyaku.Core.Reporting.HtmlText;

namespace Shuyaku.Core.Reporting;

/// <summary>
/// The plan and the move as one self-contained HTML file (docs/report.md): inline CSS and inline SVG only, no script,
/// nothing fetched; every text from the estate escaped; the same inputs give the same bytes (no clock, no culture).
/// </summary>
public static partial class HtmlReport
{
    /// <summary>Every section of the report, in order: its element id and its heading.</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> Sections =
    [
        ("summary", "Summary"),
        ("before-after", "Before and after"),
        ("sizing", "Sizing breakdown and lower bound"),
        ("hosts", "Hosts and utilisation"),
        ("placement", "Placement"),
        ("failover", "N+k analysis"),
        ("network", "Network plan"),
        ("wan", "WAN load per link"),
        ("waves", "Migration waves"),
        ("cost", "Cost comparison"),
    ];

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
        var title = $"Shuyaku report — {(estate.Name.Length > 0 ? estate.Name : plan.Estate.Length > 0 ? plan.Estate : "estate")}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"Shuyaku\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(HtmlStyle.Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>").Append(E(title)).Append("</h1>\n<p class=\"muted\">Plan made with host model ").Append(E(plan.HostModel))
            .Append(" for N+").Append(N(plan.Inputs.Failures)).Append("; estate digest <code>").Append(E(Short(plan.Inputs.EstateSha256)))
            .Append("</code>").Append(plan.Method.Length > 0 ? $"; search: {E(plan.Method)}" : "").Append(".</p>\n<nav aria-label=\"Sections\">");
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
        MoveSection(html, "network", move, "subnet, route or address plan", m => Network(html, m));
        MoveSection(html, "wan", move, "WAN load", m => Wan(html, m));
        MoveSection(html, "waves", move, "migration wave", m => Waves(html, estate, m));
        MoveSection(html, "cost", move, "cost comparison", m => Cost(html, m));
        html.Append("</main>\n<footer>Made by Shuyaku from the estate “").Append(E(estate.Name)).Append("” and its plan (inputs digest <code>")
            .Append(E(Short(plan.Inputs.Digest))).Append("</code>")
            .Append(move is null ? "" : $"; move to {E(move.DataCenter)}").Append("). This file is self-contained: it loads nothing from anywhere.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Short(string digest) => digest.Length > 12 ? digest[..12] : digest;

    private static void Open(StringBuilder html, string id)
    {
        var heading = Sections.First(s => s.Id == id).Title;
        html.Append("<section id=\"").Append(id).Append("\">\n<h2>").Append(E(heading)).Append("</h2>\n");
    }

    private static void Close(StringBuilder html) => html.Append("</section>\n");

    private static void NotComputed(StringBuilder html, string what) =>
        html.Append("<p class=\"notice\">The move was not computed, so there is no ").Append(E(what))
            .Append(" here: run <code>shuyaku report ESTATE PLAN --move MOVE.json</code> with the move plan.</p>\n");

    private static void Summary(StringBuilder html, Estate estate, Plan plan, MovePlan? move, CheckReport check, Facts facts)
    {
        Open(html, "summary");
        var s = plan.Summary;
        var gap = s.Hosts - plan.LowerBound.Value;
        var figures = new List<(string, string, string?)>
        {
            (N(s.Servers), $"machines today in {Count(facts.Rooms.Count, "server room")}", null),
            (N(s.Hosts), $"hosts after ({N(s.VirtualizationHosts)} virtualisation, {N(s.DedicatedHosts)} bare metal)", null),
            (s.Servers > 0 ? N(s.ConsolidationRatio, "0.#") + " : 1" : "—", "consolidation ratio", null),
            (N(plan.LowerBound.Value), gap == 0 ? "lower bound: proven minimal" : $"lower bound: at most {N(gap)} above it", gap == 0 ? "ok" : null),
            (check.Valid ? "valid" : N(check.Violations.Count) + " violations", $"checker, {Count(check.ScenariosChecked, "failure scenario")} (N+{N(check.Failures)})", check.Valid ? "ok" : "bad"),
        };
        if (move is not null)
        {
            figures.Add((N(move.AddressChanges), "server addresses that change", move.AddressChanges == 0 ? "ok" : "warn"));
            figures.Add((N(move.Waves.Count), $"migration waves, {N(move.Waves.Sum(w => w.Hours), "0.#")} h in all", null));
            var c = move.Cost;
            var saving = c.Before.Cost.Total - c.After.Cost.Total;
            figures.Add((Money(c.After.Cost.Total, c.Currency), $"{N(c.Years)}-year cost after (before {Money(c.Before.Cost.Total, c.Currency)})", saving >= 0 ? "ok" : "warn"));
            figures.Add((N(move.Violations.Count), "problems in the move", move.Violations.Count == 0 ? "ok" : "bad"));
        }

        Figures(html, figures);
        html.Append("<p>").Append(E($"{Count(s.Workloads, "workload")} on {Count(s.Servers, "machine")} at {Count(s.Sites, "site")} become {Count(s.Workloads, "VM")} on {Count(s.Hosts, "host")}"))
            .Append(E(facts.DataCenter is null ? "." : $" in {facts.DataCenter.Name}.")).Append(' ')
            .Append(E(gap == 0 ? "No plan can do with fewer hosts (the lower bound below proves it)." : $"The plan is at most {Count(gap, "host")} above the minimum."))
            .Append(' ').Append(E(check.Valid
                ? $"The independent checker re-verified capacity, every rule and {Count(check.ScenariosChecked, "failure scenario")}."
                : $"The independent checker found {Count(check.Violations.Count, "violation")}: see the N+k analysis."))
            .Append("</p>\n");
        if (move is null)
        {
            html.Append("<p class=\"muted\">The move (network, WAN, waves, cost) was not computed for this report.</p>\n");
        }
        else if (move.Violations.Count > 0)
        {
            html.Append("<div class=\"notice\"><b>The move breaks something:</b><ul>");
            foreach (var v in move.Violations)
            {
                html.Append("<li><span class=\"tag\">").Append(E(v.Kind)).Append("</span> ").Append(E(v.Message)).Append("</li>");
            }

            html.Append("</ul></div>\n");
        }

        Close(html);
    }

    private static void BeforeAfter(StringBuilder html, Estate estate, Plan plan, MovePlan? move, Facts facts)
    {
        Open(html, "before-after");
        var dcName = facts.DataCenter?.Name ?? "Data centre";
        var hostEquipment = facts.DataCenterEquipment;
        var after = new HtmlSvg.Room(dcName, plan.Hosts.Count, hostEquipment,
            $"{Count(plan.Hosts.Count, "host")} · {Count(plan.Summary.Workloads, "VM")}" + (hostEquipment > 0 ? $" · {Count(hostEquipment, "equipment unit")}" : ""));
        html.Append("<figure>").Append(HtmlSvg.EstatePicture(facts.Rooms, after))
            .Append("<figcaption>Each campus server room with its machines (dark) and other equipment (amber), and the data centre with the plan's hosts (blue) and its equipment.</figcaption></figure>\n");
        var rows = new List<IReadOnlyList<string>>
        {
            Row("server rooms / data centres", N(facts.Rooms.Count), "1"),
            Row("machines / hosts", N(estate.Servers.Count), N(plan.Hosts.Count)),
            Row("CPU cores", N(estate.Servers.Sum(x => x.Hardware.Cores)), N(plan.Hosts.Sum(h => estate.FindModel(h.Model)?.Cores ?? 0))),
            Row("memory", Gib(estate.Servers.Sum(x => x.Hardware.MemoryMib) / 1024), Gib(plan.Hosts.Sum(h => estate.FindModel(h.Model)?.MemoryMib ?? 0) / 1024)),
            Row("storage in use / datastore", Gib(plan.Storage.UsedGiB), Gib(plan.Storage.DatastoreGiB)),
        };
        if (move is not null)
        {
            var c = move.Cost;
            rows.Add(Row("equipment units (no machines)", N(EquipmentUnits(c.Before)), N(EquipmentUnits(c.After))));
            rows.Add(Row("power at IT load", N(c.Before.PowerKw, "0.##") + " kW", N(c.After.PowerKw, "0.##") + " kW"));
            rows.Add(Row("energy a year (PUE included)", N(c.Before.EnergyKwhPerYear, "N0") + " kWh", N(c.After.EnergyKwhPerYear, "N0") + " kWh"));
            rows.Add(Row("rack units", N(c.Before.RackUnits), N(c.After.RackUnits)));
            rows.Add(Row($"cost over {N(c.Years)} years", Money(c.Before.Cost.Total, c.Currency), Money(c.After.Cost.Total, c.Currency)));
        }
        else
        {
            rows.Add(Row("equipment units (no machines)", N(facts.Rooms.Sum(r => r.Equipment)), N(hostEquipment)));
        }

        Table(html, move is null ? "Power, rack units and cost need the move." : "", ["", "before", "after"], rows, 1, 2);
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
                    rooms.Add(new HtmlSvg.Room(name.Length > 0 ? name : id, m, e, $"{Count(m, "machine")} · {Count(w, "workload")}" + (e > 0 ? $" · {Count(e, "equipment unit")}" : "")));
                }
            }

            return new Facts(dc, rooms, dc is null ? 0 : equipment.GetValueOrDefault(dc.Id));
        }
    }
}
