using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Api;

/// <summary>
/// The JSON API's reads of estates and plans, under the same sign-in and roles as the pages (anonymous: 401; a role too
/// low: 403); their changes are in <see cref="ManagementApi"/>.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>
    /// A plan as the API shows it: everything but its files, which have their own downloads under the API
    /// (<c>PlanJson</c>, <c>PlacementCsv</c>, <c>ReportHtml</c>: their paths, null until the plan is stored done).
    /// </summary>
    public sealed record PlanView(long Id, long EstateId, string Status, string Progress, string? InputsDigest, long? Hosts, long? LowerBound, long? Failures,
        bool? CheckerValid, string? Message, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? PlanJson, string? PlacementCsv, string? ReportHtml);

    /// <summary>An estate as the API shows it, with its newest plan; the source file is left out.</summary>
    public sealed record EstateView(long Id, string Name, string FileName, string Digest, string UploadedBy, DateTimeOffset UploadedAt, PlanView? LatestPlan);

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Viewer);
        api.MapGet("/estates", async (ConsoleStore store) => (await store.EstatesAsync()).Select(e => View(e.Estate, e.LatestPlan)));
        api.MapGet("/estates/{id:long}/plans", async (long id, ConsoleStore store) =>
            await store.EstateAsync(id) is null ? ManagementApi.NoEstate(id) : Results.Ok((await store.PlansAsync(id)).Select(View)));
        api.MapGet("/plans/{id:long}", async (long id, ConsoleStore store) => await store.PlanAsync(id) is { } p
            ? Results.Ok(View(p))
            : UploadApi.Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.plan", id))));
    }

    public static EstateView View(EstateRecord e, PlanRecord? latest) => new(e.Id, e.Name, e.FileName, e.Digest, e.UploadedBy, e.UploadedAt, latest is null ? null : View(latest));

    public static PlanView View(PlanRecord p) => new(p.Id, p.EstateId, p.Status, p.Progress, p.InputsDigest, p.Hosts, p.LowerBound, p.Failures, p.CheckerValid,
        p.Message, p.CreatedBy, p.CreatedAt, p.FinishedAt, Download(p, "plan.json"), Download(p, "placement.csv"), Download(p, "report.html"));

    /// <summary>The API path of one of a plan's files (<see cref="PlanFilesApi"/>), or null while the plan has no stored plan.json.</summary>
    private static string? Download(PlanRecord p, string file) => !p.HasPlanJson ? null : $"/api/plans/{p.Id}/{file}";
}
