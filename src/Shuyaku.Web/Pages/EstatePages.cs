using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
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
        ? ["no plan yet", "", "", ""]
        :
        [
            $"<a href=\"/plans/{plan.Id}\">plan #{plan.Id}</a> {E(plan.Status)}",
            N(plan.Hosts),
            N(plan.LowerBound),
            plan.CheckerValid switch
            {
                true => $"<span class=\"ok\">N+{N(plan.Failures)} holds</span>",
                false => $"<span class=\"bad\">N+{N(plan.Failures)} violated</span>",
                null => "—",
            },
        ];

    private static async Task<IResult> DashboardAsync(HttpContext context, ConsoleStore store)
    {
        var estates = await store.EstatesAsync();
        var body = estates.Count == 0
            ? "<p>No estate yet." + (context.Who()?.Role >= Role.Operator ? " <a href=\"/estates/new\">Upload one</a>." : " An operator can upload one.") + "</p>"
            : Table(["estate", "uploaded", "latest plan", "hosts", "lower bound", "N+k"], estates.Select(e => (IReadOnlyList<string>)
                [$"<a href=\"/estates/{e.Estate.Id}\">{E(e.Estate.Name)}</a>", E($"{T(e.Estate.UploadedAt)} by {e.Estate.UploadedBy}"), .. PlanCells(e.LatestPlan)]));
        return Page(context, "Dashboard", body, refreshSeconds: estates.Any(e => IsRunning(e.LatestPlan)) ? 2 : null);
    }

    public static bool IsRunning(PlanRecord? plan) => plan?.Status is PlanStatus.Queued or PlanStatus.Running;

    private static IResult UploadForm(HttpContext context, string? errors, int status = StatusCodes.Status200OK) =>
        Page(context, "Upload an estate",
            "<p>An estate file in Shuyaku's YAML (or JSON) format, as <code>shuyaku plan</code> reads it (docs/estate-format.md), or an RVTools export " +
            "(the .xlsx workbook, or the CSV files of its CSV export) with a catalog file of the host models to buy. It is checked first; nothing is stored when it has errors.</p>" +
            (errors ?? "") +
            Form(context, "/estates", "<label>Estate file or RVTools export<input type=\"file\" name=\"file\" accept=\".yaml,.yml,.json,.xlsx,.xls,.csv\" multiple required></label>" +
                "<label>Catalog file (RVTools only)<input type=\"file\" name=\"catalog\" accept=\".yaml,.yml\"></label><button type=\"submit\">Upload</button>", multipart: true),
            status);

    private static async Task<IResult> UploadAsync(HttpContext context, ConsoleStore store, ConsoleOptions options)
    {
        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return UploadForm(context, "<p class=\"error\">Choose an estate file to upload.</p>", StatusCodes.Status400BadRequest);
        }

        if (file.Length > options.MaxUploadBytes)
        {
            return UploadForm(context, $"<p class=\"error\">The file has {file.Length} bytes; at most {options.MaxUploadBytes} are accepted.</p>", StatusCodes.Status413PayloadTooLarge);
        }

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes);
        }

        var fileName = Path.GetFileName(file.FileName.Replace('\\', '/'));
        fileName = fileName.Length > 0 ? fileName : "estate.yaml";
        var files = form.Files.GetFiles("file");
        if (RvToolsUpload.Is(files, bytes))
        {
            var converted = await RvToolsUpload.ConvertAsync(files, form.Files.GetFile("catalog"));
            if (converted.Text is null)
            {
                return Errors(context, converted.FileName, converted.Errors);
            }

            (bytes, fileName) = (Encoding.UTF8.GetBytes(converted.Text), converted.FileName);
        }

        var read = EstateFit.ReadAndCheck(bytes, fileName);
        if (!read.Succeeded)
        {
            return Errors(context, fileName, read.Errors);
        }

        var name = read.Value!.Name.Length > 0 ? read.Value.Name : fileName;
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = Encoding.UTF8.GetString(bytes);
        var id = await store.AddEstateAsync(context.Who()!.Value.Name, name, fileName, text, digest, GuestInventory.Of(read.Value, text));
        return Results.Redirect($"/estates/{id}");
    }

    private static IResult Errors(HttpContext context, string fileName, IReadOnlyList<Shuyaku.Core.Diagnostics.Diagnostic> errors) =>
        UploadForm(context,
            $"<div class=\"notice\"><p class=\"error\">{E(fileName)} has {errors.Count} error{(errors.Count == 1 ? "" : "s")}; nothing was stored.</p><ul>" +
            string.Concat(errors.Select(d => $"<li><code>{E($"{d.File}:{d.Line}:{d.Column}")}</code> {E(d.Message)}</li>")) + "</ul></div>",
            StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> EstateAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        if (await store.EstateAsync(id) is not { } estate)
        {
            return NotFound(context, $"Estate #{id}");
        }

        var plans = await store.PlansAsync(id);
        var body = new StringBuilder();
        body.Append("<p>").Append(E($"{estate.FileName}, uploaded {T(estate.UploadedAt)} by {estate.UploadedBy}; SHA-256 ")).Append("<code>").Append(E(estate.Digest)).Append("</code></p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            body.Append(Form(context, $"/estates/{id}/plans", "<button type=\"submit\">Plan</button>", "inline"))
                .Append(" <span class=\"muted\">Runs Core's planner in the background, as <code>shuyaku plan</code> does, and checks the plan.</span>");
        }

        body.Append(await GuestPages.EstateSectionAsync(context, id, store, time));
        body.Append("<h2>Plans</h2>").Append(plans.Count == 0 ? "<p>No plan yet.</p>" : Table(["plan", "hosts", "lower bound", "N+k", "progress", "created"],
            plans.Select(p => (IReadOnlyList<string>)[.. PlanCells(p), E(p.Progress), E($"{T(p.CreatedAt)} by {p.CreatedBy}")])))
            .Append(ComparePages.Chooser(plans));
        return Page(context, estate.Name, body.ToString(), refreshSeconds: plans.Any(IsRunning) ? 2 : null);
    }

    private static async Task<IResult> PlanAsync(HttpContext context, long id, ConsoleStore store, PlanQueue queue)
    {
        if (await store.AddPlanAsync(context.Who()!.Value.Name, id) is not { } planId)
        {
            return NotFound(context, $"Estate #{id}");
        }

        queue.Enqueue(planId);
        return Results.Redirect($"/plans/{planId}");
    }
}
