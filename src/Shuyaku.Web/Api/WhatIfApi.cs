using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Plans;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Api;

/// <summary>
/// The what-if API: ask one of a done plan (operator, with the antiforgery token in a header) and read its answer.
/// </summary>
internal static class WhatIfApi
{
    /// <summary>A what-if as the API shows it: the request, where it is, and the answer as WhatIfJson wrote it (null until done).</summary>
    public sealed record WhatIfView(long Id, long PlanId, string Status, string Progress, WhatIfRequest Request, string Summary, bool? Holds, string? Message,
        string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, JsonElement? Result, string? NewPlanJson);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return Results.Ok(new { headerName = tokens.HeaderName, token = tokens.RequestToken });
        }).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapPost("/api/plans/{id:long}/what-if", AskAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(GuestApi.RequireApiToken);
        app.MapGet("/api/what-ifs/{id:long}", async (long id, ConsoleStore store) => await store.WhatIfAsync(id) is { } w
            ? Results.Ok(View(w))
            : UploadApi.Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.what-if", id))))
            .RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/api/what-ifs/{id:long}/plan.json", NewPlanAsync).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>The new plan a what-if made, as the page's download: 404 no such what-if, 409 when it made none.</summary>
    private static async Task<IResult> NewPlanAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.WhatIfAsync(id) is not { } record)
        {
            return UploadApi.Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.what-if", id)));
        }

        if (record.NewPlanJson is null)
        {
            return UploadApi.Error(StatusCodes.Status409Conflict, Format("web.whatif.no-download", Html.StatusText(record.Status)));
        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"plan.json\"";
        return Results.Text(record.NewPlanJson, "application/json; charset=utf-8", System.Text.Encoding.UTF8);
    }

    /// <summary>
    /// Queues a what-if. Every refusal is <c>{"error": …}</c> as elsewhere in the API, but for 422, which lists every
    /// reason the what-if cannot be asked as <c>{"errors": […]}</c>.
    /// </summary>
    private static async Task<IResult> AskAsync(HttpContext context, long id, ConsoleStore store, JobQueue jobs, ConsoleOptions options)
    {
        if (!context.Request.HasJsonContentType())
        {
            return UploadApi.Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.whatif-json"));
        }

        if (await UploadApi.BodyAsync(context.Request, options.MaxUploadBytes) is not { } bytes)
        {
            return UploadApi.TooLarge(options);
        }

        if (bytes.Length == 0)
        {
            return UploadApi.Error(StatusCodes.Status400BadRequest, Get("web.api.whatif-empty"));
        }

        WhatIfRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<WhatIfRequest>(bytes, BodyOptions);
        }
        catch (JsonException e)
        {
            var (path, plainly) = JsonReasons.Of(e);
            return UploadApi.Error(StatusCodes.Status400BadRequest, path is null && plainly == JsonReasons.WrongType
                ? Get("web.api.whatif-not-object")
                : Format("web.api.whatif-body", path is null ? plainly : $"{path}: {plainly}"));
        }

        if (request is null)
        {
            return UploadApi.Error(StatusCodes.Status400BadRequest, Get("web.api.whatif-empty"));
        }

        if (FirstNull(request) is { } hole)
        {
            return UploadApi.Error(StatusCodes.Status400BadRequest, Format("web.api.whatif-body", $"{hole}: {Shuyaku.Core.Localization.Texts.Get("json.null")}"));
        }

        var (whatIf, errors, status) = await WhatIfPages.QueueAsync(store, jobs, context.Who()!.Value.Name, id, request);
        if (whatIf is { } created)
        {
            return Results.Accepted($"/api/what-ifs/{created.Id}", View(created));
        }

        return status switch
        {
            StatusCodes.Status422UnprocessableEntity => Results.Json(new { errors }, statusCode: status),
            StatusCodes.Status404NotFound => UploadApi.Error(status, Format("web.not-found", Format("web.what.plan", id))),
            _ => UploadApi.Error(status, errors[0]),
        };
    }

    /// <summary>The body's reading: the API's field names, and a field it does not know is an error rather than ignored.</summary>
    private static readonly JsonSerializerOptions BodyOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The JSON path of the first null inside a list of the request (<c>$.fail[0]</c>), or null when there is none.</summary>
    private static string? FirstNull(WhatIfRequest r) =>
        new (string Name, string[]? Items)[] { ("fail", r.Fail), ("add", r.Add), ("new", r.New) }
            .SelectMany(f => (f.Items ?? []).Select((item, i) => item is null ? $"$.{f.Name}[{i}]" : null))
            .FirstOrDefault(p => p is not null);

    private static WhatIfView View(WhatIfRecord w)
    {
        JsonElement? result = null;
        if (w.ResultJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            result = doc.RootElement.Clone();
        }

        return new WhatIfView(w.Id, w.PlanId, w.Status, w.Progress, WhatIfRequest.FromJson(w.RequestJson), w.Summary, w.Holds, w.Message, w.CreatedBy, w.CreatedAt,
            w.FinishedAt, result, w.NewPlanJson is null ? null : $"/api/what-ifs/{w.Id}/plan.json");
    }
}
