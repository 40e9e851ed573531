using System.Net;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Security;

/// <summary>The route-by-role walk and the cookie keys on PostgreSQL, as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRoleTests(PostgresServer postgres)
{
    [PostgresFact]
    public Task On_postgres_every_route_answers_anonymous_callers_and_each_role_as_its_role_allows() => RoleTests.WalkAsync(postgres.NewDatabase()());

    [PostgresFact]
    public async Task On_postgres_the_cookie_keys_are_kept_in_the_database_so_a_restart_keeps_sessions()
    {
        // Given an admin signed in on a console over PostgreSQL
        var database = postgres.NewDatabase()();
        var cookies = new CookieContainer();
        await using (var first = await ConsoleHost.StartAsync(database: database))
        {
            using var admin = await first.AdminAsync();
            (await admin.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
            cookies.Add(admin.Cookies.GetAllCookies());
        }

        // When the console restarts on the same database (another process would do the same: the keys are in no file)
        await using var second = await ConsoleHost.StartAsync(database: database);
        using var again = second.Client();
        again.Cookies.Add(cookies.GetAllCookies());

        // Then the session cookie still opens the dashboard, and the key was stored and audited once
        using var response = await again.GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Store.CookieKeysAsync()).Count.ShouldBe(1);
        (await second.Store.AuditAsync()).Count(a => a.Action == "keys.create").ShouldBe(1);
    }
}
