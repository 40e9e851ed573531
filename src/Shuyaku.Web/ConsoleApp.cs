using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shuyaku.Web.Api;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web;

/// <summary>The web console (<c>shuyaku serve</c>): builds the ASP.NET Core application over a migrated database.</summary>
public static class ConsoleApp
{
    /// <summary>
    /// Migrates the database, prints the one-time set-up token when there are no users, and returns the application,
    /// ready to start: every endpoint needs a signed-in user with a role except sign-in, set-up and the stylesheet (which is
    /// answered before the cookie is read). On PostgreSQL the pool's connections are opened before it returns.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ConsoleOptions options)
    {
        const int MinThreads = 64;
        // Microsoft.Data.Sqlite's "async" calls complete synchronously, so each request holds a pool thread while it reads;
        // with the pool's default minimum (one thread per core) a burst of users waits for threads the pool adds slowly.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, MinThreads), Math.Max(io, MinThreads));
        var store = new ConsoleStore(options.Database, options.Time);
        var applied = await store.MigrateAsync();
        await GuestBackfill.RunAsync(store);
        await store.WarmAsync();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = "Shuyaku.Web" });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxUploadBytes + ConsoleSecurity.FormSlack;
        });
        builder.Logging.ClearProviders();
        if (options.LogWarnings)
        {
            // The keys folder sits beside the database with its permissions; the unencrypted-keys warning would be noise on every start.
            // A failed start (an address taken) is reported by `shuyaku serve` in one line; the host's own log of it is a stack trace.
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error)
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        }

        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes + ConsoleSecurity.FormSlack);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton(_ => store); // made by a factory (and resolved below), so the application disposes it with itself
        builder.Services.AddSingleton<SetupToken>();
        builder.Services.AddSingleton<PlanQueue>();
        builder.Services.AddHostedService<PlanWorker>();
        builder.Services.AddSingleton<JobQueue>();
        builder.Services.AddSingleton<PlanViews>();
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddConsoleSecurity(options);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        var app = builder.Build();
        _ = app.Services.GetRequiredService<ConsoleStore>();
        app.UseSecurityHeaders();
        app.UseConsoleLanguage();
        app.UseRouting();
        // The stylesheet is the same for everyone: answered right after routing (with the security and language headers),
        // before the cookie is read, so it costs no user read from the database.
        app.MapGet("/static/console.css", () => Results.Text(Html.Css, "text/css; charset=utf-8")).AllowAnonymous().ShortCircuit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        AccountPages.Map(app);
        EstatePages.Map(app);
        PlanPages.Map(app);
        HostPages.Map(app);
        UserPages.Map(app);
        GuestPages.Map(app);
        SprawlPages.Map(app);
        WhatIfPages.Map(app);
        ComparePages.Map(app);
        MovePages.Map(app);
        ApiEndpoints.Map(app);
        GuestApi.Map(app);
        WhatIfApi.Map(app);
        ManagementApi.Map(app);
        UploadApi.Map(app);
        PlanFilesApi.Map(app);

        // What no route above takes (an unknown path, or an id that is not a number) is a 404 that says so, in the
        // API's JSON or as a page, rather than an empty answer; catch-alls come after every other route.
        app.MapGet("/api/{**path}", (HttpContext context) => UploadApi.Error(StatusCodes.Status404NotFound, Texts.Format("web.api.no-endpoint", context.Request.Path)))
            .RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/{**path}", (HttpContext context) => Html.NotFound(context, Texts.Format("web.what.page", context.Request.Path)))
            .RequireAuthorization(ConsoleSecurity.Viewer);

        options.Output.WriteLine(applied.Count > 0
            ? Texts.Format("web.serve.database-applied", options.Database.Describe(), Migrations.Latest, string.Join(", ", applied))
            : Texts.Format("web.serve.database", options.Database.Describe(), Migrations.Latest));
        if (await store.UserCountAsync() == 0)
        {
            var token = app.Services.GetRequiredService<SetupToken>().Issue();
            options.Output.WriteLine(Texts.Format("web.serve.no-users", token));
            options.Output.WriteLine(Texts.Get("web.serve.setup"));
        }

        options.Output.Flush();
        return app;
    }

    /// <summary>The addresses a started application listens on (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
