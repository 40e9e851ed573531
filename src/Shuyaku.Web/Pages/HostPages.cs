using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>
/// One host of a done plan (<c>/plans/{id}/hosts/{host}</c>): its model and group, each resource's sized load against
/// its capacity with the report's utilisation bar, the guests placed on it, and for an operator the what-if of its failure.
/// </summary>
internal static class HostPages
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/plans/{id:long}/hosts/{host}", HostAsync).RequireAuthorization(ConsoleSecurity.Viewer);

    /// <summary>The plan page's line of links to each host's page.</summary>
    public static string Links(long planId, Plan plan) =>
        $"<p id=\"host-links\">{E(Get("web.host.open"))} " +
        string.Join(" · ", plan.Hosts.Select(h => $"<a href=\"{E(Path(planId, h.Id))}\">{E(h.Id)}</a>")) + "</p>";

    /// <summary>The page of <paramref name="host"/> in plan <paramref name="planId"/>.</summary>
    public static string Path(long planId, string host) => $"/plans/{planId}/hosts/{Uri.EscapeDataString(host)}";

    private static string Number(double value) => value.ToString("#,0.#", CultureInfo.InvariantCulture);

    private static double Share(double used, double capacity) => capacity > 0 ? used / capacity : 0;

    private static async Task<IResult> HostAsync(HttpContext context, long id, string host, ConsoleStore store, PlanViews views)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NotFound(context, Format("web.what.plan", id));
        }

        if (await PlanPages.LoadAsync(store, views, record) is not { } loaded
            || HtmlReport.HostLoads(loaded.Estate, loaded.Plan, out var note).FirstOrDefault(l => l.Host.Id == host) is not { } load)
        {
            return NotFound(context, Format("web.what.host", host, id));
        }

        var body = new StringBuilder("<p id=\"host-facts\">")
            .Append(Markup("web.host.facts", $"<a href=\"/plans/{id}\">{E(Format("web.what.plan", id))}</a>", $"<b>{E(load.Host.Model)}</b>",
                E(load.Host.Group ?? "—"), E(Count("web.count.guest", load.Workloads.Count))))
            .Append("</p><p>").Append(E(Get("web.host.use"))).Append(' ').Append(E(note)).Append("</p>");
        (string Name, double Load, double Capacity, double Limit)[] resources =
        [
            (Get("web.host.cpu"), load.Load.Cpu, load.Capacity.Cpu, load.Limit.Cpu),
            (Get("web.host.memory"), load.Load.Memory, load.Capacity.Memory, load.Limit.Memory),
            (Get("web.host.network"), load.Load.Network, load.Capacity.Network, load.Limit.Network),
            ("vCPU", load.Load.Vcpu, load.Capacity.Vcpu, load.Limit.Vcpu),
        ];
        body.Append(Table([Get("web.col.resource"), Get("web.col.load"), Get("web.col.capacity"), Get("web.col.use")],
            resources.Select(r => (IReadOnlyList<string>)[E(r.Name), Number(r.Load), Number(r.Capacity), HtmlReport.UtilBar(Share(r.Load, r.Capacity), r.Limit)])));
        body.Append("<h2>").Append(E(Get("web.host.guests"))).Append("</h2>");
        var workloads = loaded.Estate.Workloads.ToDictionary(w => w.Id, StringComparer.Ordinal);
        body.Append(load.Workloads.Count == 0
            ? $"<p id=\"no-guests\">{E(Get("web.host.spare"))}</p>"
            : Table([Get("web.col.guest"), Get("web.col.service")], load.Workloads.Order(StringComparer.Ordinal).Select(w => (IReadOnlyList<string>)
            [
                $"<a href=\"/guests?estate={record.EstateId}&amp;name={Uri.EscapeDataString(w)}\">{E(w)}</a>",
                E(workloads[w].Software.Length > 0 ? workloads[w].Software : workloads[w].Service),
            ])));
        if (context.Who()?.Role >= Role.Operator)
        {
            body.Append(Form(context, $"/plans/{id}/what-if",
                $"<input type=\"hidden\" name=\"fail\" value=\"{E(host)}\"><button type=\"submit\">{E(Get("web.host.fail"))}</button>", "inline"));
        }

        return Page(context, Format("web.host.title", host), body.ToString());
    }
}
