using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Api;

/// <summary>
/// A plan's downloads (plan.json, placement.csv, the HTML report) and its move through the API: ask it (operator, with
/// the header X-Shuyaku-Antiforgery), follow it, download move.json. The files are the pages' downloads, byte for byte.
/// </summary>
internal static class PlanFilesApi
{
    /// <summary>A plan's move as the API shows it; <c>MoveJson</c> is the path of its download, or null while there is none.</summary>
    public sealed record MoveView(long Id, long PlanId, string Status, long? Violations, string? Message, string CreatedBy, DateTimeOffset CreatedAt,
        DateTimeOffset? FinishedAt, string? MoveJson);

    public static void Map(IEndpointRouteBuilder app)
    {
        var viewers = app.MapGroup("/api/plans/{id:long}").RequireAuthorization(ConsoleSecurity.Viewer);
        foreach (var file in PlanPages.Files)
        {
            viewers.MapGet("/" + file, (HttpContext c, long id, ConsoleStore s, PlanViews v) => DownloadAsync(c, id, s, v, file));
        }

        viewers.MapGet("/move", MoveAsync);
        viewers.MapGet("/move.json", MoveJsonAsync);
        app.MapPost("/api/plans/{id:long}/move", AskAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(GuestApi.RequireApiToken);
    }

    private static MoveView View(MoveRecord m) =>
        new(m.Id, m.PlanId, m.Status, m.Violations, m.Message, m.CreatedBy, m.CreatedAt, m.FinishedAt, m.MoveJson is null ? null : $"/api/plans/{m.PlanId}/move.json");

    private static IResult NoPlan(long id) => UploadApi.Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.plan", id)));

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store, PlanViews views, string file)
    {
        if (await store.PlanAsync(id) is not { } record)
        {
            return NoPlan(id);
        }

        return await PlanPages.FileAsync(store, views, record, file) is { } download
            ? PlanPages.Send(context, file, download)
            : UploadApi.Error(StatusCodes.Status409Conflict, Format("web.plan.no-download", StatusText(record.Status), file));
    }

    private static async Task<IResult> AskAsync(HttpContext context, long id, ConsoleStore store, JobQueue jobs)
    {
        var (asked, plan, queued) = await MovePages.AskAsync(store, jobs, context.Who()!.Value.Name, id);
        if (asked == MovePages.Asked.NoPlan)
        {
            return NoPlan(id);
        }

        if (asked == MovePages.Asked.NotDone)
        {
            return UploadApi.Error(StatusCodes.Status409Conflict, Format("web.move.not-done", StatusText(plan!.Status)));
        }

        return asked == MovePages.Asked.Queued
            ? Results.Accepted($"/api/plans/{id}/move", View(queued!))
            : Results.Ok(View((await store.MoveOfPlanAsync(id))!));
    }

    private static async Task<IResult> MoveAsync(long id, ConsoleStore store)
    {
        if (await store.PlanAsync(id) is null)
        {
            return NoPlan(id);
        }

        return await store.MoveOfPlanAsync(id) is { } move ? Results.Ok(View(move)) : UploadApi.Error(StatusCodes.Status404NotFound, Get("web.move.none"));
    }

    private static async Task<IResult> MoveJsonAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.PlanAsync(id) is null)
        {
            return NoPlan(id);
        }

        return await store.MoveOfPlanAsync(id) is { MoveJson: { } json }
            ? MovePages.Send(context, json)
            : UploadApi.Error(StatusCodes.Status409Conflict, Get("web.move.no-download"));
    }
}
