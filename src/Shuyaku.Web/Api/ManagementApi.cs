using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Api;

/// <summary>
/// The API's changes of estates, plans and users: upload an estate, start a plan (operator), add a user, change a role,
/// remove a user (admin). Each needs the header X-Shuyaku-Antiforgery with the session's token from GET /api/antiforgery.
/// </summary>
internal static class ManagementApi
{
    /// <summary>A user as the API shows it (never the password hash).</summary>
    public sealed record UserView(long Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt);

    /// <summary>A new user: name, password and role.</summary>
    public sealed record NewUserBody(string? Name, string? Password, string? Role);

    /// <summary>A role to give.</summary>
    public sealed record RoleBody(string? Role);

    /// <summary>
    /// One error of an uploaded file, where it is: in a workbook (an RVTools .xlsx or .xls) also its <c>Sheet</c> and the
    /// column's letter (<c>Line</c> is then the sheet's row); both null for any other file (YAML, JSON, CSV, measurements).
    /// </summary>
    public sealed record FileError(string File, int Line, int Column, string Message, string? Sheet, string? ColumnLetter);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/estates/{id:long}", EstateAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        var operators = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(GuestApi.RequireApiToken);
        operators.MapPost("/estates", UploadAsync);
        operators.MapPost("/estates/{id:long}/plans", PlanAsync);
        var admins = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Admin);
        admins.MapGet("/users", async (ConsoleStore store) => (await store.UsersAsync()).Select(View));
        admins.MapGet("/users/{id:long}", async (long id, ConsoleStore store) => await store.FindUserAsync(id) is { } u ? Results.Ok(View(u)) : NoUser(id));
        var adminWrites = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Admin).AddEndpointFilter(GuestApi.RequireApiToken);
        adminWrites.MapPost("/users", AddUserAsync);
        adminWrites.MapPost("/users/{id:long}/role", SetRoleAsync);
        adminWrites.MapDelete("/users/{id:long}", RemoveUserAsync);
    }

    private static UserView View(UserRecord u) => new(u.Id, u.Name, u.Role.Name(), u.CreatedBy, u.CreatedAt);

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    private static IResult NoUser(long id) => Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.user", id)));

    private static IResult LastAdmin() => Error(StatusCodes.Status409Conflict, Get("web.users.last-admin"));

    /// <summary>404 <c>{"error": "Estate #ID does not exist."}</c>, in the request's language.</summary>
    public static IResult NoEstate(long id) => Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.estate", id)));

    private static async Task<IResult> EstateAsync(long id, ConsoleStore store) =>
        await store.EstateAsync(id) is { } estate
            ? Results.Ok(ApiEndpoints.View(estate, (await store.PlansAsync(id)).FirstOrDefault()))
            : NoEstate(id);

    /// <summary>The estate file is the body itself; its name comes from the query parameter fileName (estate.yaml by default).</summary>
    private static async Task<IResult> UploadAsync(HttpContext context, ConsoleStore store, ConsoleOptions options)
    {
        if (context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.estate-not-a-form"));
        }

        if (UploadApi.FileName(context.Request, "estate.yaml") is not { } fileName)
        {
            return Error(StatusCodes.Status400BadRequest, Format("web.api.file-name", UploadApi.MaxFileName));
        }

        if (await UploadApi.BodyAsync(context.Request, options.MaxUploadBytes) is not { } bytes)
        {
            return UploadApi.TooLarge(options);
        }

        if (bytes.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.empty"));
        }

        var stored = await Uploads.StoreEstateAsync(store, context.Who()!.Value.Name, bytes, fileName);
        return stored.Id is { } id
            ? Results.Created($"/api/estates/{id}", ApiEndpoints.View((await store.EstateAsync(id))!, null))
            : UploadApi.FileErrors(stored.Errors);
    }

    private static async Task<IResult> PlanAsync(HttpContext context, long id, ConsoleStore store, PlanQueue queue)
    {
        if (await store.AddPlanAsync(context.Who()!.Value.Name, id) is not { } planId)
        {
            return NoEstate(id);
        }

        // Read before the worker is given it, so the answer shows it queued, as stored.
        var queued = ApiEndpoints.View((await store.PlanAsync(planId))!);
        queue.Enqueue(planId);
        return Results.Accepted($"/api/plans/{planId}", queued);
    }

    private static async Task<T?> BodyAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<IResult> AddUserAsync(HttpContext context, ConsoleStore store, IPasswordHasher<UserRecord> hasher)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.user-json"));
        }

        if (await BodyAsync<NewUserBody>(context.Request) is not { } body)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.user-body"));
        }

        var name = (body.Name ?? "").Trim();
        var invalid = UserPages.Invalid(name, body.Password ?? "") ?? (Roles.Parse(body.Role) is null ? Get("web.users.bad-role") : null);
        if (invalid is not null)
        {
            return Error(StatusCodes.Status400BadRequest, invalid);
        }

        var role = Roles.Parse(body.Role)!.Value;
        var hash = hasher.HashPassword(new UserRecord(0, name, "", role, "", default), body.Password!);
        return await store.CreateUserAsync(context.Who()!.Value.Name, name, hash, role) is { } id
            ? Results.Created($"/api/users/{id}", View((await store.FindUserAsync(id))!))
            : Error(StatusCodes.Status409Conflict, Format("web.users.exists", name));
    }

    private static async Task<IResult> SetRoleAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.role-json"));
        }

        if (Roles.Parse((await BodyAsync<RoleBody>(context.Request))?.Role) is not { } role)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.role-body"));
        }

        return await store.SetRoleAsync(context.Who()!.Value.Name, id, role) switch
        {
            ConsoleStore.UserChange.Done => Results.Ok(View((await store.FindUserAsync(id))!)),
            ConsoleStore.UserChange.LastAdmin => LastAdmin(),
            _ => NoUser(id),
        };
    }

    private static async Task<IResult> RemoveUserAsync(HttpContext context, long id, ConsoleStore store) =>
        await store.RemoveUserAsync(context.Who()!.Value.Name, id) switch
        {
            ConsoleStore.UserChange.Done => Results.NoContent(),
            ConsoleStore.UserChange.LastAdmin => LastAdmin(),
            _ => NoUser(id),
        };
}
