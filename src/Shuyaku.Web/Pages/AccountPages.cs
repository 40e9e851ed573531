using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>Sign-in, sign-out and the one-time set-up of the first admin.</summary>
internal static class AccountPages
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 10;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext c, string? returnUrl) => LoginForm(c, returnUrl, null)).AllowAnonymous();
        app.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(ConsoleSecurity.LoginLimit).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapPost("/logout", LogoutAsync).RequireAuthorization(ConsoleSecurity.Viewer).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/setup", SetupFormAsync).AllowAnonymous();
        app.MapPost("/setup", SetupAsync).AllowAnonymous().AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
    }

    private static IResult LoginForm(HttpContext context, string? returnUrl, string? error, int status = StatusCodes.Status200OK) =>
        Page(context, Get("web.login.title"),
            (error is null ? "" : $"<p class=\"error\">{E(error)}</p>") +
            Form(context, "/login",
                $"<input type=\"hidden\" name=\"returnUrl\" value=\"{E(LocalOrHome(returnUrl))}\">" +
                Field(Get("web.login.name"), "name", "text", "autocomplete=\"username\" required autofocus") +
                Field(Get("web.login.password"), "password", "password", "autocomplete=\"current-password\" required") +
                $"<button type=\"submit\">{E(Get("web.login.submit"))}</button>"),
            status);

    /// <summary>Only a path on this site is followed after sign-in, never another site.</summary>
    private static string LocalOrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";

    private static async Task<IResult> LoginAsync(HttpContext context, ConsoleStore store, IPasswordHasher<UserRecord> hasher)
    {
        var form = await context.Request.ReadFormAsync();
        var name = form.Value("name").Trim();
        var user = await store.FindUserAsync(name);
        // An unknown name costs a hash check too, so the time taken does not tell which names exist.
        var verified = hasher.VerifyHashedPassword(user ?? Dummy, user?.PasswordHash ?? DummyHash, form.Value("password"));
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            await store.RecordAsync(name.Length > 0 ? name : "(no name)", "session.refused", "session", Phrase("web.audit.wrong-password", context.Connection.RemoteIpAddress?.ToString()));
            return LoginForm(context, form.Value("returnUrl"), Get("web.login.wrong"), StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ConsoleSecurity.Principal(user));
        await store.RecordAsync(user.Name, "session.login", "session", Phrase("web.audit.from", context.Connection.RemoteIpAddress?.ToString()));
        return Results.Redirect(LocalOrHome(form.Value("returnUrl")));
    }

    private static readonly UserRecord Dummy = new(0, "", "", Role.Viewer, "", default);

    private static readonly string DummyHash = new PasswordHasher<UserRecord>().HashPassword(Dummy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    private static async Task<IResult> LogoutAsync(HttpContext context, ConsoleStore store)
    {
        var who = context.Who();
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        await store.RecordAsync(who?.Name ?? "", "session.logout", "session", null);
        return Results.Redirect("/login");
    }

    private static async Task<IResult> SetupFormAsync(HttpContext context, ConsoleStore store, SetupToken token) =>
        await store.UserCountAsync() > 0 || !token.Pending ? Results.Redirect("/login") : SetupForm(context, null);

    private static IResult SetupForm(HttpContext context, string? error, int status = StatusCodes.Status200OK) =>
        Page(context, Get("web.setup.title"),
            $"<p>{Markup("web.setup.intro", "<code>shuyaku serve</code>")}</p>" +
            (error is null ? "" : $"<p class=\"error\">{E(error)}</p>") +
            Form(context, "/setup",
                Field(Get("web.setup.token"), "token", "text", "autocomplete=\"off\" required") +
                Field(Get("web.setup.name"), "name", "text", "autocomplete=\"username\" required") +
                Field(Format("web.password.new", MinPasswordLength), "password", "password", $"autocomplete=\"new-password\" minlength=\"{MinPasswordLength}\" required") +
                $"<button type=\"submit\">{E(Get("web.setup.submit"))}</button>"),
            status);

    private static async Task<IResult> SetupAsync(HttpContext context, ConsoleStore store, SetupToken token, IPasswordHasher<UserRecord> hasher)
    {
        if (await store.UserCountAsync() > 0)
        {
            return Results.Redirect("/login");
        }

        var form = await context.Request.ReadFormAsync();
        var name = form.Value("name").Trim();
        var password = form.Value("password");
        if (UserPages.Invalid(name, password) is { } invalid)
        {
            return SetupForm(context, invalid, StatusCodes.Status400BadRequest);
        }

        if (!token.TryConsume(form.Value("token")))
        {
            await store.RecordAsync(name, "setup.refused", "setup", Phrase("web.audit.wrong-token", context.Connection.RemoteIpAddress?.ToString()));
            return SetupForm(context, Get("web.setup.wrong")
, StatusCodes.Status403Forbidden);
        }

        var hash = hasher.HashPassword(new UserRecord(0, name, "", Role.Admin, "", default), password);
        var id = await store.CreateUserAsync("setup", name, hash, Role.Admin, onlyIfNone: true);
        return id is null ? Results.Redirect("/login") : Results.Redirect("/login?created=" + Uri.EscapeDataString(name));
    }
}
