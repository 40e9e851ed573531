using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shuyaku.Core.Localization;

namespace Shuyaku.Web.Localization;

/// <summary>
/// The language of each request (docs/console.md, docs/languages.md): the <c>shuyaku.lang</c> cookie when it names a
/// supported language (set by <c>GET /language/{en|ja}</c>, the links in every page's bar), else the browser's
/// <c>Accept-Language</c> (<see cref="Language.FromAcceptLanguage"/>). The request runs in that UI culture, so the
/// console's words and Core's report texts embedded in its pages follow it; the JSON API's keys and values do not
/// depend on it.
/// </summary>
internal static class ConsoleLanguage
{
    /// <summary>The cookie that holds the language a user chose.</summary>
    public const string Cookie = "shuyaku.lang";

    /// <summary>How long the chosen language is remembered.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromDays(365);

    /// <summary>The language of <paramref name="request"/>: the cookie's when valid, else the browser's.</summary>
    public static string Choose(HttpRequest request) =>
        request.Cookies.TryGetValue(Cookie, out var chosen) && Exact(chosen) is { } language
            ? language
            : Language.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());

    /// <summary>A supported language code written exactly (<c>en</c>, <c>ja</c>), else null.</summary>
    public static string? Exact(string? code) => code is not null && Language.Supported.Contains(code) ? code : null;

    /// <summary>Runs every request in its language, and maps <c>GET /language/{code}</c>, which remembers a choice.</summary>
    public static void UseConsoleLanguage(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var language = Choose(context.Request);
            // The UI culture flows with the request's async work only; number formats stay invariant.
            CultureInfo.CurrentUICulture = Language.Culture(language);
            context.Response.Headers.ContentLanguage = language;
            context.Response.Headers.Vary = "Accept-Language, Cookie";
            await next(context);
        });
        app.MapGet("/language/{code}", Remember).AllowAnonymous();
    }

    /// <summary>The address of the link that switches to <paramref name="language"/> and comes back to <paramref name="here"/>.</summary>
    public static string Link(string language, string here) => $"/language/{language}?return={Uri.EscapeDataString(here)}";

    private static IResult Remember(HttpContext context, string code, string? @return)
    {
        if (Exact(code) is not { } language)
        {
            return Results.NotFound();
        }

        context.Response.Cookies.Append(Cookie, language, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = Remembered,
            IsEssential = true,
        });
        return Results.Redirect(Local(@return));
    }

    /// <summary>Only a path on this site is followed back, never another site.</summary>
    public static string Local(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
