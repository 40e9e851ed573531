using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>A test that needs both Debian's chromium and the private PostgreSQL server; skipped, saying which is missing and why.</summary>
public sealed class PostgresChromiumFactAttribute : FactAttribute
{
    public PostgresChromiumFactAttribute()
    {
        var missing = new[] { PostgresServer.Unavailable, new ChromiumFactAttribute().Skip }.Where(why => why is not null).ToList();
        if (missing.Count > 0)
        {
            Skip = string.Join(" ", missing);
        }
    }
}

/// <summary>The browser's main flow (<see cref="GuestBrowserTests"/>) on PostgreSQL, as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBrowserTests(PostgresServer postgres)
{
    [PostgresChromiumFact]
    public Task On_postgres_an_admin_sets_up_uploads_plans_opens_a_host_asks_a_what_if_and_retires_an_idle_guest_in_the_browser() =>
        GuestBrowserTests.FlowAsync(postgres.NewDatabase()(), screenshots: false);
}
