using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Move;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The move plan of a done plan: asked with a button, computed in the background by Core's MovePlanner, shown and downloaded.</summary>
internal static class MovePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/plans/{id:long}/move", AskPageAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/plans/{id:long}/move", ShowAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/move.json", DownloadAsync).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>The stored move of a plan read back through Core, when it is done and reads; else null.</summary>
    public static async Task<MovePlan?> StoredAsync(ConsoleStore store, long planId) =>
        await store.MoveOfPlanAsync(planId) is { Status: PlanStatus.Done, MoveJson: { } json } && MoveJson.Read(json, "move.json") is { Succeeded: true } read ? read.Value : null;

    /// <summary>A line for the plan's page: where its move is, with the button for an operator.</summary>
    public static string Section(HttpContext context, long planId, MoveRecord? move)
    {
        var html = new StringBuilder("<h2 id=\"move\">").Append(E(Get("web.move.heading"))).Append("</h2><p>");
        html.Append(move is null ? E(Get("web.move.none")) : move.Violations is { } v
            ? Markup("web.move.status.violations", $"<a href=\"/plans/{planId}/move\">{E(Get("web.move.link"))}</a>", E(StatusText(move.Status)), v)
            : Markup("web.move.status", $"<a href=\"/plans/{planId}/move\">{E(Get("web.move.link"))}</a>", E(StatusText(move.Status))));
        if (context.Who()?.Role >= Role.Operator && move?.Status is null or PlanStatus.Failed)
        {
            html.Append(' ').Append(Form(context, $"/plans/{planId}/move", $"<button type=\"submit\">{E(Get("web.move.ask"))}</button>", "inline"))
                .Append(" <span class=\"muted\">").Append(Markup("web.move.hint", "<code>shuyaku move</code>")).Append("</span>");
        }

        return html.Append("</p>").ToString();
    }

    /// <summary>What asking a plan's move came to.</summary>
    public enum Asked
    {
        /// <summary>There is no such plan.</summary>
        NoPlan,

        /// <summary>The plan is not done: only a done plan has a move.</summary>
        NotDone,

        /// <summary>The move was queued now (audited <c>move.queue</c>) and handed to the background worker.</summary>
        Queued,

        /// <summary>The plan keeps the move it has (queued, running, done or infeasible); nothing was queued.</summary>
        Kept,
    }

    /// <summary>
    /// Asks the move of a done plan, as <c>shuyaku move</c> without <c>--dc</c>: queues it unless the plan has one queued,
    /// running, done or infeasible (a failed one is asked again). The page's button and the API both ask through here. When
    /// queued now, the move as stored is read before the worker is given it (so its status is queued).
    /// </summary>
    public static async Task<(Asked Asked, PlanRecord? Plan, MoveRecord? Queued)> AskAsync(ConsoleStore store, JobQueue jobs, string actor, long planId)
    {
        if (await store.PlanAsync(planId) is not { } plan)
        {
            return (Asked.NoPlan, null, null);
        }

        if (plan.Status != PlanStatus.Done)
        {
            return (Asked.NotDone, plan, null);
        }

        if (await store.AddMoveAsync(actor, planId) is not { } moveId)
        {
            return (Asked.Kept, plan, null);
        }

        // Read before the worker is given it, so the answer shows it queued, as stored.
        var queued = await store.MoveOfPlanAsync(planId);
        jobs.EnqueueMove(moveId);
        return (Asked.Queued, plan, queued);
    }

    private static async Task<IResult> AskPageAsync(HttpContext context, long id, ConsoleStore store, JobQueue jobs) =>
        await AskAsync(store, jobs, context.Who()!.Value.Name, id) switch
        {
            (Asked.NoPlan, _, _) => NotFound(context, Format("web.what.plan", id)),
            (Asked.NotDone, var plan, _) => Page(context, Format("web.what.plan", id), $"<p>{E(Format("web.move.not-done", StatusText(plan!.Status)))}</p>", StatusCodes.Status409Conflict),
            _ => Results.Redirect($"/plans/{id}/move"),
        };

    private static async Task<IResult> ShowAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.PlanAsync(id) is null)
        {
            return NotFound(context, Format("web.what.plan", id));
        }

        var title = Format("web.move.title", id);
        var record = await store.MoveOfPlanAsync(id);
        var body = new StringBuilder("<p>").Append(Markup("web.move.of", $"<a href=\"/plans/{id}\">{E(Format("web.plan.link", id))}</a>")).Append("</p>");
        if (record is null)
        {
            return Page(context, title, body + Section(context, id, null));
        }

        body.Append("<p>").Append(E(record.FinishedAt is { } f
            ? Format("web.move.asked-finished", T(record.CreatedAt), record.CreatedBy, T(f))
            : Format("web.move.asked", T(record.CreatedAt), record.CreatedBy))).Append("</p>");
        if (record.Status is PlanStatus.Queued or PlanStatus.Running)
        {
            body.Append("<p class=\"notice\" id=\"progress\">").Append(Markup("web.move.running", $"<b>{E(StatusText(record.Status))}</b>")).Append("</p>");
            return Page(context, title, body.ToString(), refreshSeconds: 2);
        }

        if (record.MoveJson is null || MoveJson.Read(record.MoveJson, "move.json") is not { Succeeded: true } read)
        {
            body.Append("<p class=\"error\" id=\"progress\">").Append(Markup("web.progress.status", $"<b>{E(StatusText(record.Status))}</b>"))
                .Append(record.Reason is not { } reason ? "" : " — " + E(reason)).Append("</p>")
                .Append(Section(context, id, record));
            return Page(context, title, body.ToString());
        }

        Summary(body, read.Value!);
        body.Append("<p>").Append(E(Get("web.plan.download"))).Append(' ').Append(Download($"/plans/{id}/move.json", "move.json"))
            .Append(" · ").Append(Download($"/plans/{id}/report.html", E(Get("web.move.report")))).Append("</p>");
        return Page(context, title, body.ToString());
    }

    /// <summary>Address changes, waves, WAN load and cost before and after, as <c>shuyaku move</c> prints them.</summary>
    private static void Summary(StringBuilder body, MovePlan move)
    {
        var n = move.Network;
        body.Append("<p id=\"move-headline\">").Append(Markup("web.move.headline", $"<b>{E(move.DataCenter)}</b>", $"<b id=\"address-changes\">{E(Format("web.move.address-changes", n.AddressChanges))}</b>",
                n.Subnets.Count(s => s.Fate == SubnetFate.Moved), n.Subnets.Count(s => s.Fate == SubnetFate.Split), n.Subnets.Count(s => s.Fate == SubnetFate.Stays), n.Routes.Count,
                $"<b id=\"wave-count\">{E(Format("web.move.waves", move.Waves.Count))}</b>", F(move.Waves.Sum(w => w.Hours)))).Append("</p>");
        body.Append(move.Violations.Count == 0
            ? $"<p class=\"ok\" id=\"move-verdict\">{E(Get("web.move.sound"))}</p>"
            : $"<div id=\"move-verdict\"><p class=\"bad\">{E(Format("web.move.violations", move.Violations.Count))}</p>" +
              Table([Get("web.col.kind"), Get("web.col.violation")], move.Violations.Select(v => (IReadOnlyList<string>)[E(v.Kind), E(MoveTexts.Describe(v.Message))])) + "</div>");
        body.Append("<h2>").Append(E(Get("web.move.waves.heading"))).Append("</h2>").Append(Table([Get("web.col.wave"), Get("web.col.servers"), Get("web.col.workloads"), Get("web.col.data-gib"), Get("web.col.hours"), Get("web.col.routes")], move.Waves.Select(w => (IReadOnlyList<string>)
            [N(w.Number), N(w.Servers.Count), N(w.Workloads.Count), F(w.DataMib / 1024), F(w.Hours), E(string.Join(", ", w.Routes))])));
        if (move.Wan.Count > 0)
        {
            body.Append("<h2>").Append(E(Get("web.move.wan.heading"))).Append("</h2>").Append(Table([Get("web.col.link"), Get("web.col.between"), Get("web.col.bandwidth"), Get("web.col.limit"), Get("web.col.before"), Get("web.col.after"), ""], move.Wan.Select(l => (IReadOnlyList<string>)
                [E(l.Link), E($"{l.From}–{l.To}"), F(l.BandwidthMbps), F(l.LimitMbps), F(l.BeforeMbps), F(l.AfterMbps),
                 l.Overloaded ? $"<span class=\"bad\">{E(Get("web.load.over"))}</span>" : $"<span class=\"ok\">{E(Get("web.load.within"))}</span>"])));
        }

        var c = move.Cost;
        var currency = c.Currency.Length == 0 ? "" : " " + E(c.Currency);
        body.Append("<h2>").Append(E(Format("web.move.cost.heading", c.Years))).Append("</h2>").Append(Table(["", Get("web.col.before"), Get("web.col.after")],
        [
            [E(Get("web.move.power")), F(c.Before.PowerKw), F(c.After.PowerKw)],
            [E(Get("web.move.rack-units")), N(c.Before.RackUnits), N(c.After.RackUnits)],
            [E(Get("web.move.cost")), $"<span id=\"cost-before\">{M(c.Before.Cost.Total)}{currency}</span>", $"<span id=\"cost-after\">{M(c.After.Cost.Total)}{currency}</span>"],
        ]));
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.MoveOfPlanAsync(id) is not { MoveJson: { } json })
        {
            return Page(context, Format("web.move.title", id), $"<p>{E(Get("web.move.no-download"))}</p>",

                await store.PlanAsync(id) is null ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }

        return Send(context, json);
    }

    /// <summary>Sends a stored move.json as an attachment, byte for byte as stored.</summary>
    public static IResult Send(HttpContext context, string moveJson)
    {
        context.Response.Headers.ContentDisposition = "attachment; filename=\"move.json\"";
        return Results.Text(moveJson, "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string M(double v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
