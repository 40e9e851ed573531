using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The admin's pages: users (add one with a role, change a role, remove one) and the audit log.</summary>
internal static class UserPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/users", (HttpContext c, ConsoleStore s) => UsersAsync(c, s, null)).RequireAuthorization(ConsoleSecurity.Admin);
        app.MapPost("/users", AddAsync).RequireAuthorization(ConsoleSecurity.Admin).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapPost("/users/{id:long}/role", SetRoleAsync).RequireAuthorization(ConsoleSecurity.Admin).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapPost("/users/{id:long}/remove", RemoveAsync).RequireAuthorization(ConsoleSecurity.Admin).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/audit", AuditAsync).RequireAuthorization(ConsoleSecurity.Admin);
    }

    /// <summary>Why a new user's name or password is refused, or null when both are fine.</summary>
    public static string? Invalid(string name, string password) =>
        name.Length is 0 or > 64 || name.Any(ch => char.IsControl(ch) || char.IsWhiteSpace(ch))
            ? Format("web.users.bad-name", 1, 64)
            : password.Length < AccountPages.MinPasswordLength
                ? Format("web.users.short-password", AccountPages.MinPasswordLength)
                : null;

    private static async Task<IResult> UsersAsync(HttpContext context, ConsoleStore store, string? error, int status = StatusCodes.Status200OK)
    {
        var users = await store.UsersAsync();
        var body = (error is null ? "" : $"<p class=\"error\">{E(error)}</p>") +
                   Table([Get("web.col.name"), Get("web.col.role"), Get("web.col.created-by"), Get("web.col.created-at"), Get("web.col.change-role"), Get("web.col.remove")], users.Select(u => (IReadOnlyList<string>)
                   [
                       E(u.Name), E(RoleText(u.Role)), E(u.CreatedBy), E(T(u.CreatedAt)),
                       Form(context, $"/users/{u.Id}/role", RoleSelect("role", u.Role) + $"<button type=\"submit\">{E(Get("web.users.change"))}</button>", "inline"),
                       Form(context, $"/users/{u.Id}/remove", $"<button type=\"submit\">{E(Format("web.users.remove", u.Name))}</button>", "inline"),
                   ])) +
                   "<h2>" + E(Get("web.users.add")) + "</h2>" +
                   Form(context, "/users",
                       Field(Get("web.login.name"), "name", "text", "autocomplete=\"off\" required") +
                       Field(Format("web.password.new", AccountPages.MinPasswordLength), "password", "password", $"autocomplete=\"new-password\" minlength=\"{AccountPages.MinPasswordLength}\" required") +
                       $"<label>{E(Get("web.users.role"))}{RoleSelect("role", Role.Viewer)}</label><button type=\"submit\">{E(Get("web.users.add-submit"))}</button>");
        return Page(context, Get("web.nav.users"), body, status);
    }

    private static async Task<IResult> AddAsync(HttpContext context, ConsoleStore store, IPasswordHasher<UserRecord> hasher)
    {
        var form = await context.Request.ReadFormAsync();
        var name = form.Value("name").Trim();
        var password = form.Value("password");
        var invalid = Invalid(name, password) ?? (Roles.Parse(form.Value("role")) is null ? Get("web.users.bad-role") : null);
        if (invalid is not null)
        {
            return await UsersAsync(context, store, invalid, StatusCodes.Status400BadRequest);
        }

        var role = Roles.Parse(form.Value("role"))!.Value;
        var hash = hasher.HashPassword(new UserRecord(0, name, "", role, "", default), password);
        return await store.CreateUserAsync(context.Who()!.Value.Name, name, hash, role) is null
            ? await UsersAsync(context, store, Format("web.users.exists", name), StatusCodes.Status409Conflict)
            : Results.Redirect("/users");
    }

    private static async Task<IResult> SetRoleAsync(HttpContext context, long id, ConsoleStore store)
    {
        var form = await context.Request.ReadFormAsync();
        if (Roles.Parse(form.Value("role")) is not { } role)
        {
            return await UsersAsync(context, store, Get("web.users.bad-role"), StatusCodes.Status400BadRequest);
        }

        return await store.SetRoleAsync(context.Who()!.Value.Name, id, role) switch
        {
            ConsoleStore.UserChange.Done => Results.Redirect("/users"),
            ConsoleStore.UserChange.LastAdmin => await UsersAsync(context, store, Get("web.users.last-admin"), StatusCodes.Status409Conflict),
            _ => NotFound(context, Format("web.what.user", id)),
        };
    }

    /// <summary>Removes a user (audited); the last admin is refused, as a change of role away from admin is.</summary>
    private static async Task<IResult> RemoveAsync(HttpContext context, long id, ConsoleStore store) =>
        await store.RemoveUserAsync(context.Who()!.Value.Name, id) switch
        {
            ConsoleStore.UserChange.Done => Results.Redirect("/users"),
            ConsoleStore.UserChange.LastAdmin => await UsersAsync(context, store, Get("web.users.last-admin"), StatusCodes.Status409Conflict),
            _ => NotFound(context, Format("web.what.user", id)),
        };

    private static async Task<IResult> AuditAsync(HttpContext context, ConsoleStore store)
    {
        var entries = await store.AuditAsync();
        return Page(context, Get("web.nav.audit"),
            $"<p>{E(Format("web.audit.intro", 500))}</p>" +
            Table([Get("web.col.when"), Get("web.col.who"), Get("web.col.action"), Get("web.col.object"), Get("web.col.detail")], entries.Select(a => (IReadOnlyList<string>)

                [E(T(a.At)), E(a.Actor), E(a.Action), E(a.Object), E(a.ShownDetail)])));
    }
}
