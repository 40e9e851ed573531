using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Move;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The move plan of a done plan: asked with a button, computed in the background by Core's MovePlanner, shown and downloaded.</summary>
internal static class MovePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/plans/{id:long}/move", AskAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/plans/{id:long}/move", ShowAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/move.json", DownloadAsync).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>The stored move of a plan read back through Core, when it is done and reads; else null.</summary>
    public static async Task<MovePlan?> StoredAsync(ConsoleStore store, long planId) =>
        await store.MoveOfPlanAsync(planId) is { Status: PlanStatus.Done, MoveJson: { } json } && MoveJson.Read(json, "move.json") is { Succeeded: true } read ? read.Value : null;

    /// <summary>A line for the plan's page: where its move is, with the button for an operator.</summary>
    public static string Section(HttpContext context, long planId, MoveRecord? move)
    {
        var html = new StringBuilder("<h2 id=\"move\">Move into the data centre</h2><p>");
        html.Append(move is null ? "No move plan yet." : $"<a href=\"/plans/{planId}/move\">Move plan</a>: {E(move.Status)}{(move.Violations is { } v ? $", {v} violations" : "")}.");
        if (context.Who()?.Role >= Role.Operator && move?.Status is null or PlanStatus.Failed)
        {
            html.Append(' ').Append(Form(context, $"/plans/{planId}/move", "<button type=\"submit\">Plan the move</button>", "inline"))
                .Append(" <span class=\"muted\">Runs Core's move planner in the background, as <code>shuyaku move</code> does.</span>");
        }

        return html.Append("</p>").ToString();
    }

    private static async Task<IResult> AskAsync(HttpContext context, long id, ConsoleStore store, JobQueue jobs)
    {
        if (await store.PlanAsync(id) is not { } plan)
        {
            return NotFound(context, $"Plan #{id}");
        }

        if (plan.Status != PlanStatus.Done)
        {
            return Page(context, $"Plan #{id}", $"<p>The plan is {E(plan.Status)}: only a done plan has a move.</p>", StatusCodes.Status409Conflict);
        }

        if (await store.AddMoveAsync(context.Who()!.Value.Name, id) is { } moveId)
        {
            jobs.EnqueueMove(moveId);
        }

        return Results.Redirect($"/plans/{id}/move");
    }

    private static async Task<IResult> ShowAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.PlanAsync(id) is null)
        {
            return NotFound(context, $"Plan #{id}");
        }

        var record = await store.MoveOfPlanAsync(id);
        var body = new StringBuilder($"<p>Of <a href=\"/plans/{id}\">plan #{id}</a>.</p>");
        if (record is null)
        {
            return Page(context, $"Move of plan #{id}", body + Section(context, id, null));
        }

        body.Append("<p>").Append(E($"Asked {T(record.CreatedAt)} by {record.CreatedBy}")).Append(record.FinishedAt is { } f ? E($", finished {T(f)}") : "").Append(".</p>");
        if (record.Status is PlanStatus.Queued or PlanStatus.Running)
        {
            body.Append("<p class=\"notice\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b>. This page refreshes itself every two seconds.</p>");
            return Page(context, $"Move of plan #{id}", body.ToString(), refreshSeconds: 2);
        }

        if (record.MoveJson is null || MoveJson.Read(record.MoveJson, "move.json") is not { Succeeded: true } read)
        {
            body.Append("<p class=\"error\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b>").Append(record.Message is null ? "" : " — " + E(record.Message)).Append("</p>")
                .Append(Section(context, id, record));
            return Page(context, $"Move of plan #{id}", body.ToString());
        }

        Summary(body, read.Value!);
        body.Append($"<p>Download: <a href=\"/plans/{id}/move.json\" download>move.json</a> · <a href=\"/plans/{id}/report.html\" download>HTML report with the move</a></p>");
        return Page(context, $"Move of plan #{id}", body.ToString());
    }

    /// <summary>Address changes, waves, WAN load and cost before and after, as <c>shuyaku move</c> prints them.</summary>
    private static void Summary(StringBuilder body, MovePlan move)
    {
        var n = move.Network;
        body.Append("<p id=\"move-headline\">Into site <b>").Append(E(move.DataCenter)).Append("</b>: <b id=\"address-changes\">").Append(n.AddressChanges).Append(" address changes</b>, ")
            .Append(n.Subnets.Count(s => s.Fate == SubnetFate.Moved)).Append(" subnets moved whole, ").Append(n.Subnets.Count(s => s.Fate == SubnetFate.Split)).Append(" split, ")
            .Append(n.Subnets.Count(s => s.Fate == SubnetFate.Stays)).Append(" staying; ").Append(n.Routes.Count).Append(" route changes; <b id=\"wave-count\">")
            .Append(move.Waves.Count).Append(" waves</b>, ").Append(F(move.Waves.Sum(w => w.Hours))).Append(" hours in all.</p>");
        body.Append(move.Violations.Count == 0
            ? "<p class=\"ok\" id=\"move-verdict\">Sound: no link overloaded, no wave breaks a rule.</p>"
            : "<div id=\"move-verdict\"><p class=\"bad\">" + move.Violations.Count + " violations:</p>" +
              Table(["kind", "violation"], move.Violations.Select(v => (IReadOnlyList<string>)[E(v.Kind), E(v.Message)])) + "</div>");
        body.Append("<h2>Waves</h2>").Append(Table(["wave", "servers", "workloads", "data (GiB)", "hours", "routes"], move.Waves.Select(w => (IReadOnlyList<string>)
            [N(w.Number), N(w.Servers.Count), N(w.Workloads.Count), F(w.DataMib / 1024), F(w.Hours), E(string.Join(", ", w.Routes))])));
        if (move.Wan.Count > 0)
        {
            body.Append("<h2>WAN load (peak Mbps)</h2>").Append(Table(["link", "between", "bandwidth", "limit", "before", "after", ""], move.Wan.Select(l => (IReadOnlyList<string>)
                [E(l.Link), E($"{l.From}–{l.To}"), F(l.BandwidthMbps), F(l.LimitMbps), F(l.BeforeMbps), F(l.AfterMbps),
                 l.Overloaded ? "<span class=\"bad\">over</span>" : "<span class=\"ok\">within</span>"])));
        }

        var c = move.Cost;
        var currency = c.Currency.Length == 0 ? "" : " " + E(c.Currency);
        body.Append("<h2>Cost over ").Append(c.Years).Append(" years</h2>").Append(Table(["", "before", "after"],
        [
            ["power (kW)", F(c.Before.PowerKw), F(c.After.PowerKw)],
            ["rack units", N(c.Before.RackUnits), N(c.After.RackUnits)],
            ["cost", $"<span id=\"cost-before\">{M(c.Before.Cost.Total)}{currency}</span>", $"<span id=\"cost-after\">{M(c.After.Cost.Total)}{currency}</span>"],
        ]));
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.MoveOfPlanAsync(id) is not { MoveJson: { } json })
        {
            return Page(context, $"Move of plan #{id}", "<p>There is no stored move.json for this plan.</p>",
                await store.PlanAsync(id) is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"move.json\"";
        return Results.Text(json, "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string M(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
