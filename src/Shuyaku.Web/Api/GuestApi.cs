using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Api;

/// <summary>
/// The guests in the JSON API: lists with filters and paging, one guest with its activity, the sprawl lists, and the
/// operator's changes. A change needs the header X-Shuyaku-Antiforgery with the session's antiforgery token from GET /api/antiforgery.
/// </summary>
internal static class GuestApi
{
    /// <summary>A guest as the API shows it.</summary>
    public sealed record GuestView(long Id, long EstateId, string EstateName, string Name, string State, string? Owner, string? Purpose, long Vcpus, double MemoryMib,
        double DiskMib, DateOnly? CreatedOn, DateOnly? ExpiresOn, DateOnly? LastActiveDay, double? WindowPeak, string ChangedBy, DateTimeOffset ChangedAt);

    /// <summary>The capacity a list holds.</summary>
    public sealed record HeldView(long Guests, long Vcpus, double MemoryMib, double DiskMib);

    /// <summary>The threshold and window a list was judged by.</summary>
    public sealed record JudgedView(double ThresholdPercent, int WindowDays, DateOnly From, DateOnly To);

    /// <summary>A page of guests: the filters' judgement, the capacity all admitted guests hold, and the page.</summary>
    public sealed record GuestPage(JudgedView Judged, HeldView Held, int Offset, int Limit, IReadOnlyList<GuestView> Guests);

    /// <summary>One guest with its verdict and measured days.</summary>
    public sealed record GuestDetail(GuestView Guest, JudgedView Judged, ActivityVerdict Verdict, bool Idle, IReadOnlyList<ActivityDay> Days);

    /// <summary>One sprawl list: the capacity held and the first guests by name.</summary>
    public sealed record SprawlList(HeldView Held, IReadOnlyList<GuestView> Guests);

    /// <summary>The three sprawl lists.</summary>
    public sealed record SprawlView(JudgedView Judged, SprawlList Idle, SprawlList Unowned, SprawlList Expired);

    /// <summary>An edit: owner, purpose and expiry (yyyy-MM-dd); null or empty clears a field.</summary>
    public sealed record EditBody(string? Owner, string? Purpose, string? Expires);

    /// <summary>The longest owner and purpose an edit takes.</summary>
    private const int MaxOwner = 200, MaxPurpose = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Viewer);
        api.MapGet("/guests", ListAsync);
        api.MapGet("/guests/sprawl", SprawlAsync);
        api.MapGet("/guests/{id:long}", GuestAsync);
        var writes = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(RequireApiToken);
        foreach (var action in ConsoleStore.GuestActions)
        {
            writes.MapPost($"/guests/{{id:long}}/{action}", (HttpContext c, long id, ConsoleStore s, TimeProvider t) => ChangeAsync(c, id, s, t, action));
        }

        writes.MapPost("/guests/{id:long}/edit", EditAsync);
    }

    private static GuestView View(GuestRecord g) => new(g.Id, g.EstateId, g.EstateName, g.Name, g.State, g.Owner, g.Purpose, g.Vcpus, g.MemoryMib, g.DiskMib,
        g.CreatedOn, g.ExpiresOn, g.LastActiveDay, g.WindowPeak, g.ChangedBy, g.ChangedAt);

    private static HeldView View(Held h) => new(h.Guests, h.Vcpus, h.MemoryMib, h.DiskMib);

    private static JudgedView Judged(GuestQuery q) => new(q.ThresholdPercent, q.WindowDays, Activity.WindowStart(q.Today, q.WindowDays), q.Today);

    private static IResult Error(int status, string message) => UploadApi.Error(status, message);

    private static IResult NoGuest(long id) => Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.guest", id)));

    private static async Task<IResult> ListAsync(HttpContext context, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Error(StatusCodes.Status400BadRequest, error!);
        }

        var (rows, held) = await store.GuestsAsync(query);
        return Results.Ok(new GuestPage(Judged(query), View(held), query.Offset, query.Limit, rows.Select(View).ToList()));
    }

    private static async Task<IResult> SprawlAsync(HttpContext context, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time, GuestList.All);
        if (query is null)
        {
            return Error(StatusCodes.Status400BadRequest, error!);
        }

        var lists = (await SprawlPages.ReadAsync(store, query, query.Limit)).Select(l => new SprawlList(View(l.Held), l.Rows.Select(View).ToList())).ToList();
        return Results.Ok(new SprawlView(Judged(query), lists[0], lists[1], lists[2]));
    }

    private static async Task<IResult> GuestAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Error(StatusCodes.Status400BadRequest, error!);
        }

        if (await store.GuestAsync(id, query) is not { } guest)
        {
            return NoGuest(id);
        }

        var days = await store.GuestDaysAsync(id);
        var verdict = Activity.Judge(days, query.Today, query.WindowDays, query.ThresholdPercent);
        return Results.Ok(new GuestDetail(View(guest), Judged(query), verdict, verdict.Idle, days));
    }

    private static async Task<IResult> Answer(ConsoleStore.GuestChange change, long id, ConsoleStore store, TimeProvider time, string action) => change switch
    {
        ConsoleStore.GuestChange.Done => Results.Ok(View((await store.GuestAsync(id, new GuestQuery { Today = GuestQueryText.Today(time) }))!)),
        ConsoleStore.GuestChange.NotFound => NoGuest(id),
        _ => Error(StatusCodes.Status409Conflict, Format("web.api.guest-not-allowed", action)),
    };

    private static async Task<IResult> ChangeAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time, string action) =>
        await Answer(await store.SetGuestStateAsync(context.Who()!.Value.Name, id, action), id, store, time, action);

    private static async Task<IResult> EditAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.edit-json"));
        }

        EditBody? body;
        try
        {
            body = await context.Request.ReadFromJsonAsync<EditBody>();
        }
        catch (System.Text.Json.JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.edit-body"));
        }

        if (body is null)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.edit-body"));
        }

        DateOnly? expires = null;
        if (!string.IsNullOrWhiteSpace(body.Expires) && (expires = GuestInventory.Date(body.Expires.Trim())) is null)
        {
            return Error(StatusCodes.Status400BadRequest, Format("web.api.edit-expires", body.Expires));
        }

        if (body.Owner?.Length > MaxOwner || body.Purpose?.Length > MaxPurpose)
        {
            return Error(StatusCodes.Status400BadRequest, Format("web.api.edit-lengths", MaxOwner, MaxPurpose));
        }

        return await Answer(await store.EditGuestAsync(context.Who()!.Value.Name, id, new GuestEdit(body.Owner, body.Purpose, expires)), id, store, time, "edit");
    }

    /// <summary>Refuses an API write (400) unless its X-Shuyaku-Antiforgery header holds the session's antiforgery token (from GET /api/antiforgery).</summary>
    public static async ValueTask<object?> RequireApiToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.ContainsKey(ConsoleSecurity.AntiforgeryHeader) || !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return Error(StatusCodes.Status400BadRequest, Format("web.api.antiforgery", ConsoleSecurity.AntiforgeryHeader));
        }

        return await next(context);
    }
}
