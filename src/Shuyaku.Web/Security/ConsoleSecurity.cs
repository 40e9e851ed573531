using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Security;

/// <summary>Cookie sign-in, the three roles as policies, antiforgery, the login rate limit and the security headers.</summary>
internal static class ConsoleSecurity
{
    /// <summary>Policy names: each admits its role and the roles above it.</summary>
    public const string Viewer = "viewer", Operator = "operator", Admin = "admin";

    /// <summary>The header the JSON API's changes carry their antiforgery token in (from <c>GET /api/antiforgery</c>).</summary>
    public const string AntiforgeryHeader = "X-Shuyaku-Antiforgery";

    /// <summary>The rate-limiter policy of the sign-in form.</summary>
    public const string LoginLimit = "login";

    /// <summary>The Content-Security-Policy of every page: only our own files, no framing, forms only to us.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static void AddConsoleSecurity(this IServiceCollection services, ConsoleOptions options)
    {
        var protection = services.AddDataProtection().SetApplicationName("Shuyaku.Web");
        if (options.KeysFolder is { } folder)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        }
        else if (options.Database.Kind == DatabaseKind.Postgres)
        {
            // On PostgreSQL the keys live in the database itself (table cookie_keys), so a restart keeps sessions.
            services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
                new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                    o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<ConsoleStore>())));
        }
        else
        {
            protection.UseEphemeralDataProtectionProvider();
        }

        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "shuyaku.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            o.Events = new CookieAuthenticationEvents
            {
                // The API answers 401/403 itself; pages send an anonymous visitor to the login page and a user without the role a 403.
                OnRedirectToLogin = c =>
                {
                    if (IsApi(c.Request))
                    {
                        c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        c.Response.Redirect(c.RedirectUri);
                    }

                    return Task.CompletedTask;
                },
                OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                },
                OnValidatePrincipal = ValidateAsync,
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Viewer, p => p.RequireRole(Role.Viewer.Name(), Role.Operator.Name(), Role.Admin.Name()))
            .AddPolicy(Operator, p => p.RequireRole(Role.Operator.Name(), Role.Admin.Name()))
            .AddPolicy(Admin, p => p.RequireRole(Role.Admin.Name()))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "shuyaku.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__token";
            o.HeaderName = AntiforgeryHeader;
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginLimit, c => RateLimitPartition.GetFixedWindowLimiter(
                c.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    /// <summary>Every request re-reads the user, so a removed user or a changed role takes effect at once, not when the cookie expires.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var store = context.HttpContext.RequestServices.GetRequiredService<ConsoleStore>();
        var id = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var n) ? await store.FindUserAsync(n) : null;
        if (user is null || user.Role.Name() != context.Principal?.FindFirstValue(ClaimTypes.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>The principal a signed-in user's cookie carries: id, name, role.</summary>
    public static ClaimsPrincipal Principal(UserRecord user) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, user.Name),
            new Claim(ClaimTypes.Role, user.Role.Name()),
        ],
        CookieAuthenticationDefaults.AuthenticationScheme));

    /// <summary>The signed-in user's name and role, or null for an anonymous request.</summary>
    public static (string Name, Role Role)? Who(this HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && Roles.Parse(context.User.FindFirstValue(ClaimTypes.Role)) is { } role
            ? (context.User.Identity.Name ?? "", role)
            : null;

    /// <summary>The headers every response carries.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        await next(context);
    });

    /// <summary>What a form's body may hold beyond the upload limit: the multipart boundaries, headers and the other fields.</summary>
    public const long FormSlack = 64 * 1024;

    /// <summary>
    /// An endpoint filter that refuses a form without a valid antiforgery token (400) before the endpoint runs, and first a
    /// body larger than an upload may be (413, a page naming the limit; by its Content-Length, or when reading it fails so).
    /// </summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var max = http.RequestServices.GetRequiredService<ConsoleOptions>().MaxUploadBytes;
        if (http.Request.ContentLength > max + FormSlack)
        {
            return TooLarge(http, max);
        }

        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(http);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // A body sent without its length that grew past the server's limit.
            return TooLarge(http, max);
        }

        if (!valid)
        {
            return Results.Text(Get("web.antiforgery.refused") + "\n",
                "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        return await next(context);
    }

    /// <summary>413: a page saying the most an upload may hold.</summary>
    public static IResult TooLarge(HttpContext context, long max) =>
        Html.Page(context, Get("web.upload.too-large.title"), $"<p class=\"error\" id=\"too-large\">{Html.E(Format("web.api.too-large", max))}</p>", StatusCodes.Status413PayloadTooLarge);
}
