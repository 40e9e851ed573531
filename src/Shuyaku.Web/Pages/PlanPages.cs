using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
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
        app.MapGet("/plans/{id:long}/plan.json", (HttpContext c, long id, ConsoleStore s) => DownloadAsync(c, id, s, "plan.json")).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/placement.csv", (HttpContext c, long id, ConsoleStore s) => DownloadAsync(c, id, s, "placement.csv")).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/plans/{id:long}/report.html", (HttpContext c, long id, ConsoleStore s) => DownloadAsync(c, id, s, "report.html")).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>A finished plan with its estate, both read back through Core; null when the plan is not done or does not read.</summary>
    private sealed record Loaded(PlanRecord Record, EstateRecord EstateRecord, Estate Estate, Plan Plan);

    private static async Task<Loaded?> LoadAsync(ConsoleStore store, PlanRecord record)
    {
        if (record.Status != PlanStatus.Done || record.PlanJson is null || await store.EstateAsync(record.EstateId) is not { } estateRecord)
        {
            return null;
        }

        var estate = EstateFit.ReadAndCheck(estateRecord.SourceText, estateRecord.FileName);
        var plan = PlanJson.Read(record.PlanJson, "plan.json");
        // The plan is checked against the estate it was made of: without the guests that were retired when it ran.
        return estate.Succeeded && plan.Succeeded
            ? new Loaded(record, estateRecord, GuestInventory.Without(estate.Value!, await store.PlanExcludedAsync(record.Id)), plan.Value!)
            : null;
    }

    private static async Task<IResult> PlanAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NotFound(context, $"Plan #{id}");
        }

        var estateRecord = await store.EstateAsync(record.EstateId);
        var body = new StringBuilder();
        body.Append("<p>Estate <a href=\"/estates/").Append(record.EstateId).Append("\">").Append(E(estateRecord?.Name ?? $"#{record.EstateId}")).Append("</a>; ")
            .Append(E($"asked for {T(record.CreatedAt)} by {record.CreatedBy}")).Append(record.FinishedAt is { } f ? E($", finished {T(f)}") : "").Append(".</p>");
        if (EstatePages.IsRunning(record))
        {
            body.Append("<p class=\"notice\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b> — ").Append(E(record.Progress))
                .Append(". This page refreshes itself every two seconds.</p>");
            return Page(context, $"Plan #{id}", body.ToString(), refreshSeconds: 2);
        }

        if (await LoadAsync(store, record) is not { } loaded)
        {
            body.Append("<p class=\"error\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b>").Append(record.Message is null ? "" : " — " + E(record.Message)).Append("</p>");
            return Page(context, $"Plan #{id}", body.ToString());
        }

        body.Append("<p id=\"headline\"><b id=\"host-count\">").Append(N(record.Hosts)).Append(" hosts</b>, lower bound ").Append(N(record.LowerBound))
            .Append(", N+").Append(N(record.Failures)).Append(record.CheckerValid == true ? " <span class=\"ok\">holds</span>" : " <span class=\"bad\">violated</span>")
            .Append("; inputs digest <code>").Append(E(record.InputsDigest)).Append("</code>.</p>")
            .Append("<p>Download: <a href=\"/plans/").Append(id).Append("/plan.json\" download>plan.json</a> · <a href=\"/plans/").Append(id)
            .Append("/placement.csv\" download>placement.csv</a> · <a href=\"/plans/").Append(id).Append("/report.html\" download>HTML report</a></p>");
        if (await store.PlanExcludedAsync(id) is { Count: > 0 } excluded)
        {
            body.Append("<p class=\"notice\" id=\"excluded\">This plan leaves out ").Append(excluded.Count).Append(excluded.Count == 1 ? " guest" : " guests")
                .Append(" retired when it ran: ").Append(E(string.Join(", ", excluded))).Append(".</p>");
        }

        var check = Checker.Check(loaded.Estate, loaded.Plan, null, loaded.Plan.Inputs.Failures);
        body.Append(HtmlReport.RenderSections(loaded.Estate, loaded.Plan, Sections, check))
            .Append(MovePages.Section(context, id, await store.MoveOfPlanAsync(id)))
            .Append(WhatIfPages.Section(context, id, loaded.Estate, loaded.Plan, await store.WhatIfsAsync(id)));
        return Page(context, $"Plan #{id}", body.ToString());
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store, string file)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NotFound(context, $"Plan #{id}");
        }

        if (await LoadAsync(store, record) is not { } loaded)
        {
            return Page(context, $"Plan #{id}", $"<p>The plan is {E(record.Status)}: there is no {E(file)} to download.</p>", StatusCodes.Status409Conflict);
        }

        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        switch (file)
        {
            case "plan.json":
                return Results.Text(loaded.Record.PlanJson!, "application/json; charset=utf-8", Encoding.UTF8);
            case "placement.csv":
                // The console plans with the default sizing and no traces, as shuyaku plan does without sizing options.
                return Results.Text(PlacementCsv.Write(loaded.Estate, loaded.Plan, SizingOptions.Default, null), "text/csv; charset=utf-8", Encoding.UTF8);
            default:
                context.Response.Headers.ContentSecurityPolicy = ReportPolicy;
                // With its move when one is stored, as 'shuyaku report --move' renders it.
                return Results.Text(HtmlReport.Render(loaded.Estate, loaded.Plan, await MovePages.StoredAsync(store, id)), "text/html; charset=utf-8", Encoding.UTF8);
        }
    }
}
