using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The dashboard, the estate upload and the estate page with its plans.</summary>
internal static class EstatePages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", DashboardAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/estates/new", (HttpContext c) => UploadForm(c, null)).RequireAuthorization(ConsoleSecurity.Operator);
        app.MapPost("/estates", UploadAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/estates/{id:long}", EstateAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapPost("/estates/{id:long}/plans", PlanAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
    }

    /// <summary>A plan's headline: its hosts, lower bound and N+k verdict, or where it is when not done.</summary>
    public static IReadOnlyList<string> PlanCells(PlanRecord? plan) => plan is null
        ? [E(Get("web.plan.none-yet")), "", "", ""]
        :
        [
            $"<a href=\"/plans/{plan.Id}\">{E(Format("web.plan.link", plan.Id))}</a> {E(StatusText(plan.Status))}",
            N(plan.Hosts),
            N(plan.LowerBound),
            plan.CheckerValid switch
            {
                true => $"<span class=\"ok\">{E(Format("web.plan.holds", N(plan.Failures)))}</span>",
                false => $"<span class=\"bad\">{E(Format("web.plan.violated", N(plan.Failures)))}</span>",
                null => "—",
            },
        ];

    private static async Task<IResult> DashboardAsync(HttpContext context, ConsoleStore store)
    {
        var estates = await store.EstatesAsync();
        var body = estates.Count == 0
            ? "<p>" + E(Get("web.dashboard.empty")) + (context.Who()?.Role >= Role.Operator
                ? " " + Markup("web.dashboard.upload-one", $"<a href=\"/estates/new\">{E(Get("web.dashboard.upload-link"))}</a>")
                : " " + E(Get("web.dashboard.operator-uploads"))) + "</p>"
            : Table([Get("web.col.estate"), Get("web.col.uploaded"), Get("web.col.latest-plan"), Get("web.col.hosts"), Get("web.col.lower-bound"), "N+k"], estates.Select(e => (IReadOnlyList<string>)
                [$"<a href=\"/estates/{e.Estate.Id}\">{E(e.Estate.Name)}</a>", E(Format("web.when-by", T(e.Estate.UploadedAt), e.Estate.UploadedBy)), .. PlanCells(e.LatestPlan)]));
        return Page(context, Get("web.nav.dashboard"), body, refreshSeconds: estates.Any(e => IsRunning(e.LatestPlan)) ? 2 : null);
    }

    public static bool IsRunning(PlanRecord? plan) => plan?.Status is PlanStatus.Queued or PlanStatus.Running;

    private static IResult UploadForm(HttpContext context, string? errors, int status = StatusCodes.Status200OK) =>
        Page(context, Get("web.nav.upload"),
            $"<p>{Markup("web.upload.intro", "<code>shuyaku plan</code>")}</p>" +
            (errors ?? "") +
            Form(context, "/estates", $"<label>{E(Get("web.upload.file"))}<input type=\"file\" name=\"file\" accept=\".yaml,.yml,.json,.xlsx,.xls,.csv\" multiple required></label>" +
                $"<label>{E(Get("web.upload.catalog"))}<input type=\"file\" name=\"catalog\" accept=\".yaml,.yml\"></label><button type=\"submit\">{E(Get("web.upload.submit"))}</button>", multipart: true),
            status);

    private static async Task<IResult> UploadAsync(HttpContext context, ConsoleStore store, ConsoleOptions options)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return UploadForm(context, $"<p class=\"error\">{E(Get("web.upload.choose"))}</p>", StatusCodes.Status400BadRequest);
        }

        // Every file and the catalog together, as the API counts them (several files are an RVTools CSV export).
        var total = form.Files.Where(f => f.Name is "file" or "catalog").Sum(f => f.Length);
        if (total > options.MaxUploadBytes)
        {
            return UploadForm(context, $"<p class=\"error\">{E(Format("web.upload.too-large", total, options.MaxUploadBytes))}</p>", StatusCodes.Status413PayloadTooLarge);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes);
        }

        var files = form.Files.GetFiles("file");
        if (files.Count > 1 && RvToolsUpload.NotAnExport(files, bytes) is { } notAnExport)
        {
            // Only an RVTools CSV export is several files; an estate file is one, and the others would be dropped unread.
            return Errors(context, notAnExport.File, [notAnExport]);
        }

        var who = context.Who()!.Value.Name;
        var stored = RvToolsUpload.Is(files, bytes)
            ? await Uploads.StoreRvToolsAsync(store, who, files, form.Files.GetFile("catalog"))
            : await Uploads.StoreEstateAsync(store, who, bytes, Uploads.FileName(file.FileName, "estate.yaml"));
        if (stored.Id is not { } id)
        {
            return Errors(context, stored.FileName, stored.Errors);
        }

        return Results.Redirect($"/estates/{id}");
    }

    private static IResult Errors(HttpContext context, string fileName, IReadOnlyList<Shuyaku.Core.Diagnostics.Diagnostic> errors) =>
        UploadForm(context,
            $"<div class=\"notice\"><p class=\"error\">{E(Format("web.file-errors", fileName, Count("web.count.error", errors.Count)))}</p><ul>" +
            string.Concat(errors.Select(d => $"<li><code>{E($"{d.File}:{d.Line}:{d.Column}")}</code> {E(d.Message)}</li>")) + "</ul></div>",
            StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> EstateAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        if (await store.EstateAsync(id) is not { } estate)
        {
            return NotFound(context, Format("web.what.estate", id));
        }

        var plans = await store.PlansAsync(id);
        var body = new StringBuilder();
        body.Append("<p>").Append(Markup("web.estate.facts", E(estate.FileName), E(T(estate.UploadedAt)), E(estate.UploadedBy), $"<code>{E(estate.Digest)}</code>")).Append("</p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            body.Append(Form(context, $"/estates/{id}/plans", $"<button type=\"submit\">{E(Get("web.estate.plan"))}</button>", "inline"))
                .Append(" <span class=\"muted\">").Append(Markup("web.estate.plan-hint", "<code>shuyaku plan</code>")).Append("</span>");
        }

        body.Append(await GuestPages.EstateSectionAsync(context, id, store, time));
        body.Append("<h2>").Append(E(Get("web.estate.plans"))).Append("</h2>").Append(plans.Count == 0 ? $"<p>{E(Get("web.plan.none"))}</p>" : Table([Get("web.col.plan"), Get("web.col.hosts"), Get("web.col.lower-bound"), "N+k", Get("web.col.progress"), Get("web.col.created")],
            plans.Select(p => (IReadOnlyList<string>)[.. PlanCells(p), E(ProgressLine(p.Progress)), E(Format("web.when-by", T(p.CreatedAt), p.CreatedBy))])))
            .Append(ComparePages.Chooser(plans));
        return Page(context, estate.Name, body.ToString(), refreshSeconds: plans.Any(IsRunning) ? 2 : null);
    }

    private static async Task<IResult> PlanAsync(HttpContext context, long id, ConsoleStore store, PlanQueue queue)
    {
        if (await store.AddPlanAsync(context.Who()!.Value.Name, id) is not { } planId)
        {
            return NotFound(context, Format("web.what.estate", id));

        }

        queue.Enqueue(planId);
        return Results.Redirect($"/plans/{planId}");
    }
}
