using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The plan page (progress while it runs; summary, hosts and N+k once done) and its downloads.</summary>
internal static class PlanPages
{
    /// <summary>The report's sections the plan page shows, rendered by Core as the HTML report renders them.</summary>
    private static readonly string[] Sections = ["summary", "sizing", "hosts", "failover"];

    /// <summary>The policy of the downloaded HTML report: it is self-contained, with inline CSS and SVG, and loads nothing.</summary>
    private const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; sandbox";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plans/{id:long}", PlanAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/plan.json", (HttpContext c, long id, ConsoleStore s, PlanViews v) => DownloadAsync(c, id, s, v, "plan.json")).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/placement.csv", (HttpContext c, long id, ConsoleStore s, PlanViews v) => DownloadAsync(c, id, s, v, "placement.csv")).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/report.html", (HttpContext c, long id, ConsoleStore s, PlanViews v) => DownloadAsync(c, id, s, v, "report.html")).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>A done plan's view: kept by <paramref name="views"/>, or read back through Core; null when the plan is not done or does not read.</summary>
    public static async Task<PlanViews.View?> LoadAsync(ConsoleStore store, PlanViews views, PlanRecord record)
    {
        if (record.Status != PlanStatus.Done || record.PlanJson is null || await store.EstateAsync(record.EstateId) is not { } estateRecord)
        {
            return null;
        }

        return await views.GetAsync(record, estateRecord, async () =>
            await JobWorker.ReadAsync(store, record, estateRecord) is { Estate: { } estate, Plan: { } plan } ? (estate, plan) : null);
    }

    private static async Task<IResult> PlanAsync(HttpContext context, long id, ConsoleStore store, PlanViews views)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NotFound(context, Format("web.what.plan", id));
        }

        var estateRecord = await store.EstateAsync(record.EstateId);
        var body = new StringBuilder();
        var estateLink = $"<a href=\"/estates/{record.EstateId}\">{E(estateRecord?.Name ?? $"#{record.EstateId}")}</a>";
        body.Append("<p>").Append(record.FinishedAt is { } f
                ? Markup("web.plan.asked-finished", estateLink, E(T(record.CreatedAt)), E(record.CreatedBy), E(T(f)))
                : Markup("web.plan.asked", estateLink, E(T(record.CreatedAt)), E(record.CreatedBy))).Append("</p>");
        var title = Format("web.what.plan", id);
        if (EstatePages.IsRunning(record))
        {
            body.Append("<p class=\"notice\" id=\"progress\">").Append(Markup("web.progress.running", $"<b>{E(StatusText(record.Status))}</b>", E(ProgressLine(record.Progress)))).Append("</p>");
            return Page(context, title, body.ToString(), refreshSeconds: 2);
        }

        if (await LoadAsync(store, views, record) is not { } loaded)
        {
            body.Append("<p class=\"error\" id=\"progress\">").Append(Markup("web.progress.status", $"<b>{E(StatusText(record.Status))}</b>"))
                .Append(record.Reason is not { } reason ? "" : " — " + E(reason)).Append("</p>");
            return Page(context, title, body.ToString());
        }

        body.Append("<p id=\"headline\">").Append(Markup("web.plan.headline", $"<b id=\"host-count\">{E(Count("web.count.host", record.Hosts ?? 0))}</b>", N(record.LowerBound), N(record.Failures),
                record.CheckerValid == true ? $"<span class=\"ok\">{E(Get("web.verdict.holds"))}</span>" : $"<span class=\"bad\">{E(Get("web.verdict.violated"))}</span>",
                $"<code>{E(record.InputsDigest)}</code>"))

            .Append("</p><p>").Append(E(Get("web.plan.download"))).Append(' ').Append(Download($"/plans/{id}/plan.json", "plan.json")).Append(" · ")
            .Append(Download($"/plans/{id}/placement.csv", "placement.csv")).Append(" · ").Append(Download($"/plans/{id}/report.html", E(Get("web.plan.html-report")))).Append("</p>");
        if (await store.PlanExcludedAsync(id) is { Count: > 0 } excluded)
        {
            body.Append("<p class=\"notice\" id=\"excluded\">").Append(E(Format("web.plan.excluded", Count("web.count.guest", excluded.Count), string.Join(", ", excluded)))).Append("</p>");
        }

        body.Append(HostPages.Links(id, loaded.Plan));
        body.Append(loaded.Sections(Language.Current, () => HtmlReport.RenderSections(loaded.Estate, loaded.Plan, Sections, loaded.Check)))
            .Append(MovePages.Section(context, id, await store.MoveOfPlanAsync(id)))
            .Append(WhatIfPages.Section(context, id, loaded.Estate, loaded.Plan, await store.WhatIfsAsync(id)));
        return Page(context, title, body.ToString());
    }

    /// <summary>A download of a done plan: its text, content type, and the Content-Security-Policy it is served with (null: the console's own).</summary>
    public sealed record PlanFile(string Text, string ContentType, string? Policy);

    /// <summary>The downloads of a plan, by file name.</summary>
    public static readonly string[] Files = ["plan.json", "placement.csv", "report.html"];

    /// <summary>
    /// One download of a done plan (<paramref name="file"/> is one of <see cref="Files"/>), rendered by Core from the stored
    /// plan and its estate without the guests it left out; null when the plan is not done or does not read.
    /// </summary>
    public static async Task<PlanFile?> FileAsync(ConsoleStore store, PlanViews views, PlanRecord record, string file)
    {
        if (await LoadAsync(store, views, record) is not { } loaded)
        {
            return null;
        }

        return file switch
        {
            "plan.json" => new PlanFile(record.PlanJson!, "application/json; charset=utf-8", null),
            // The console plans with the default sizing and no traces, as shuyaku plan does without sizing options.
            "placement.csv" => new PlanFile(PlacementCsv.Write(loaded.Estate, loaded.Plan, SizingOptions.Default, null), "text/csv; charset=utf-8", null),
            // With its move when one is stored, as 'shuyaku report --move' renders it.
            _ => new PlanFile(HtmlReport.Render(loaded.Estate, loaded.Plan, await MovePages.StoredAsync(store, record.Id)), "text/html; charset=utf-8", ReportPolicy),
        };
    }

    /// <summary>Sends a download as an attachment named <paramref name="file"/>.</summary>
    public static IResult Send(HttpContext context, string file, PlanFile download)
    {
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        if (download.Policy is { } policy)
        {
            context.Response.Headers.ContentSecurityPolicy = policy;
        }

        return Results.Text(download.Text, download.ContentType, Encoding.UTF8);
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store, PlanViews views, string file)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NotFound(context, Format("web.what.plan", id));
        }

        return await FileAsync(store, views, record, file) is { } download
            ? Send(context, file, download)
            : Page(context, Format("web.what.plan", id), $"<p>{E(Format("web.plan.no-download", StatusText(record.Status), file))}</p>", StatusCodes.Status409Conflict);
    }
}
