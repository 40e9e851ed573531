using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>Two done plans side by side: hosts, lower bound, model, N+k verdict, utilisation per resource, workloads that moved host.</summary>
internal static class ComparePages
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/compare", CompareAsync).RequireAuthorization(ConsoleSecurity.Viewer);

    /// <summary>The form on an estate's page that picks two of its done plans.</summary>
    public static string Chooser(IReadOnlyList<PlanRecord> plans)
    {
        var done = plans.Where(p => p.Status == PlanStatus.Done).ToList();
        if (done.Count < 2)
        {
            return "";
        }

        string Select(string name, int pick) => $"<select name=\"{name}\">" + string.Concat(done.Select((p, i) =>
            $"<option value=\"{p.Id}\"{(i == pick ? " selected" : "")}>{E(Format("web.compare.option", p.Id, Count("web.count.host", p.Hosts ?? 0)))}</option>")) + "</select>";
        return "<h2>" + E(Get("web.compare.heading")) + "</h2><form method=\"get\" action=\"/compare\" class=\"inline\">" + Select("a", 1) + Select("b", 0) +
               "<button type=\"submit\">" + E(Get("web.compare.submit")) + "</button></form>";
    }

    /// <summary>A plan read back with its estate, its checker verdict and its utilisation.</summary>
    private sealed record Side(PlanRecord Record, Estate Estate, Plan Plan, CheckReport Check, ResourceVector Mean, ResourceVector Peak);

    private static async Task<IResult> CompareAsync(HttpContext context, ConsoleStore store, PlanViews views, string? a, string? b)
    {
        if (!long.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var idA) || !long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var idB))
        {
            return Page(context, Get("web.compare.title"), $"<p class=\"error\">{Markup("web.compare.bad", "<code>/compare?a=ID&amp;b=ID</code>")}</p>", StatusCodes.Status400BadRequest);
        }

        var sides = new List<Side>();
        foreach (var id in new[] { idA, idB })
        {
            if (await store.PlanAsync(id) is not { } record)
            {
                return NotFound(context, Format("web.what.plan", id));
            }

            if (await PlanPages.LoadAsync(store, views, record) is not { } view)
            {
                // Why it does not read, said as the what-if worker says it.
                var (_, _, error) = await JobWorker.LoadAsync(store, id);
                return Page(context, Get("web.compare.title"), $"<p class=\"error\">{E(Format("web.compare.not-done", id, StatusText(record.Status), error))}</p>", StatusCodes.Status409Conflict);
            }

            var (mean, peak) = Utilisation(view.Estate, view.Plan);
            sides.Add(new Side(record, view.Estate, view.Plan, view.Check, mean, peak));
        }

        var (x, y) = (sides[0], sides[1]);
        var body = new StringBuilder();
        body.Append("<p>").Append(Markup("web.compare.intro", Link(x), $"<a href=\"/estates/{x.Record.EstateId}\">{E(x.Estate.Name)}</a>",
            Link(y), $"<a href=\"/estates/{y.Record.EstateId}\">{E(y.Estate.Name)}</a>")).Append("</p>");
        List<IReadOnlyList<string>> rows =
        [
            Row(Get("web.col.hosts"), x.Plan.Summary.Hosts, y.Plan.Summary.Hosts),
            Row(Get("web.compare.virtualization-hosts"), x.Plan.Summary.VirtualizationHosts, y.Plan.Summary.VirtualizationHosts),
            Row(Get("web.col.lower-bound"), x.Plan.LowerBound.Value, y.Plan.LowerBound.Value),
            [E(Get("web.col.host-model")), E(x.Plan.HostModel), E(y.Plan.HostModel), E(x.Plan.HostModel == y.Plan.HostModel ? Get("web.compare.same") : Get("web.compare.differs"))],
            ["N+k", Verdict(x), Verdict(y), ""],
        ];
        foreach (var r in new[] { Resource.Cpu, Resource.Memory, Resource.Network })
        {
            var name = ResourceVector.Names[(int)r];
            rows.Add([E(Format("web.compare.mean", name)), Pct(x.Mean[r]), Pct(y.Mean[r]), PctDelta(y.Mean[r] - x.Mean[r])]);
            rows.Add([E(Format("web.compare.busiest", name)), Pct(x.Peak[r]), Pct(y.Peak[r]), PctDelta(y.Peak[r] - x.Peak[r])]);
        }

        body.Append("<div id=\"comparison\">").Append(Table(["", Format("web.plan.link", x.Record.Id), Format("web.plan.link", y.Record.Id), Get("web.col.change")], rows)).Append("</div>");
        body.Append("<p class=\"muted\">").Append(E(Get("web.compare.note"))).Append("</p>");

        var hostOf = y.Plan.Assignments.DistinctBy(p => p.Workload).ToDictionary(p => p.Workload, p => p.Host, StringComparer.Ordinal);
        var moved = x.Plan.Assignments.Where(p => hostOf.TryGetValue(p.Workload, out var h) && h != p.Host).Select(p => (p.Workload, From: p.Host, To: hostOf[p.Workload])).ToList();
        var onlyA = x.Plan.Assignments.Select(p => p.Workload).Where(w => !hostOf.ContainsKey(w)).ToList();
        var inA = x.Plan.Assignments.Select(p => p.Workload).ToHashSet(StringComparer.Ordinal);
        var onlyB = y.Plan.Assignments.Select(p => p.Workload).Where(w => !inA.Contains(w)).ToList();
        body.Append("<h2>").Append(E(Get("web.compare.moved.heading"))).Append("</h2><p id=\"moved-count\">")
            .Append(Markup("web.compare.moved", $"<b>{moved.Count}</b>", x.Plan.Assignments.Count - onlyA.Count)).Append("</p>");
        if (onlyA.Count + onlyB.Count > 0)
        {
            var none = Get("web.compare.none");
            body.Append("<p>").Append(E(Format("web.compare.only", x.Record.Id, onlyA.Count == 0 ? none : string.Join(", ", onlyA), y.Record.Id, onlyB.Count == 0 ? none : string.Join(", ", onlyB))))
                .Append("</p>");
        }

        if (moved.Count > 0)
        {
            body.Append("<div id=\"moved\">").Append(Table([Get("web.col.workload"), Format("web.compare.host-in", x.Record.Id), Format("web.compare.host-in", y.Record.Id)],
                moved.Select(m => (IReadOnlyList<string>)[E(m.Workload), E(m.From), E(m.To)]))).Append("</div>");
        }

        return Page(context, Format("web.compare.page-title", x.Record.Id, y.Record.Id), body.ToString());
    }

    /// <summary>Mean and busiest utilisation per resource over the plan's virtualization hosts, of full capacity.</summary>
    private static (ResourceVector Mean, ResourceVector Peak) Utilisation(Estate estate, Plan plan)
    {
        var policy = estate.Policy with { Failures = plan.Inputs.Failures };
        var workloads = estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        var shares = new List<ResourceVector>();
        foreach (var host in plan.Hosts.Where(h => !h.Dedicated))
        {
            if (estate.FindModel(host.Model) is not { } model)
            {
                continue;
            }

            var load = plan.Assignments.Where(p => p.Host == host.Id && workloads.ContainsKey(p.Workload))
                .Aggregate(ResourceVector.Zero, (sum, p) => sum + Sizer.WorkloadDemand(estate, workloads[p.Workload], model, policy, withGrowth: true));
            var capacity = Sizer.HostCapacity(model, policy, failover: false, headroom: false);
            shares.Add(new ResourceVector(Share(load.Cpu, capacity.Cpu), Share(load.Memory, capacity.Memory), Share(load.Network, capacity.Network), Share(load.Vcpu, capacity.Vcpu)));
        }

        if (shares.Count == 0)
        {
            return (ResourceVector.Zero, ResourceVector.Zero);
        }

        var mean = shares.Aggregate(ResourceVector.Zero, (s, v) => s + v);
        return (new ResourceVector(mean.Cpu / shares.Count, mean.Memory / shares.Count, mean.Network / shares.Count, mean.Vcpu / shares.Count),
            new ResourceVector(shares.Max(s => s.Cpu), shares.Max(s => s.Memory), shares.Max(s => s.Network), shares.Max(s => s.Vcpu)));

        static double Share(double load, double capacity) => capacity > 0 ? load / capacity : 0;
    }

    private static string Link(Side s) => $"<a href=\"/plans/{s.Record.Id}\">{E(Format("web.what.plan", s.Record.Id))}</a>";

    private static string Verdict(Side s) => s.Check.Valid
        ? $"<span class=\"ok\">{E(Format("web.plan.holds", s.Plan.Inputs.Failures))}</span>"
        : $"<span class=\"bad\">{E(Format("web.plan.violated", s.Plan.Inputs.Failures))}</span>";

    private static IReadOnlyList<string> Row(string name, int a, int b) => [E(name), N(a), N(b), b - a > 0 ? $"+{b - a}" : N(b - a)];

    private static string Pct(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string PctDelta(double delta) => E(Format("web.compare.points", (delta > 0 ? "+" : "") + (delta * 100).ToString("0.#", CultureInfo.InvariantCulture)));

}
