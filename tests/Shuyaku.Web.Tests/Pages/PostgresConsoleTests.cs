using System.Net;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>The whole console on PostgreSQL: set-up, sign-in, upload, background plan, plan page, download, audit.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class PostgresConsoleTests(PostgresServer postgres)
{
    [PostgresFact]
    public async Task On_postgres_an_admin_sets_up_uploads_the_example_plans_it_and_downloads_plan_json()
    {
        await using var host = await ConsoleHost.StartAsync(database: postgres.NewDatabase()());
        host.Output.ShouldStartWith("Database: PostgreSQL 127.0.0.1/t");
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"))));
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));

        var record = await host.PlannedAsync(plan);

        record.Status.ShouldBe(PlanStatus.Done);
        record.CheckerValid.ShouldBe(true);
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain($"<b id=\"host-count\">{record.Hosts} hosts</b>");
        (await admin.TextAsync($"/plans/{plan}/plan.json")).ShouldBe(record.PlanJson);
        (await admin.GetAsync("/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // On PostgreSQL the cookie key is stored in the database too, audited once by the console.
        var actions = (await host.Store.AuditAsync()).Select(a => a.Action).ToList();
        actions.Where(a => a != "keys.create").ShouldBe(["plan.finish", "plan.queue", "estate.upload", "session.login", "user.create"]);
        actions.Count(a => a == "keys.create").ShouldBe(1);
    }

    [PostgresFact]
    public async Task The_pages_read_the_same_on_postgres_as_on_sqlite_in_both_languages()
    {
        // Given the same estate, plan and what-if on each database, at the same fixed time
        var pages = new Dictionary<string, string>[2];
        var databases = new[] { (DatabaseOptions?)null, postgres.NewDatabase()() };
        for (var d = 0; d < databases.Length; d++)
        {
            var clock = new FixedClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
            await using var host = await ConsoleHost.StartAsync(database: databases[d], time: clock);
            using var admin = await host.AdminAsync();
            var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"))));
            var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
            (await host.PlannedAsync(plan)).Status.ShouldBe(PlanStatus.Done);
            var whatIf = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-01")));
            await host.AnsweredAsync(whatIf);

            // When the pages the screenshots show are read, in English and in Japanese
            pages[d] = [];
            foreach (var language in new[] { "en", "ja" })
            {
                admin.Speak(language);
                foreach (var path in new[] { "/", $"/estates/{estate}", $"/plans/{plan}", $"/plans/{plan}/hosts/host-01", "/guests", "/guests/sprawl", $"/what-ifs/{whatIf}", "/guests/1", "/users" })
                {
                    // The forms' antiforgery tokens differ per session by design.
                    pages[d][$"{language} {path}"] = Token().Replace(await admin.TextAsync(path), "TOKEN");
                }
            }
        }

        // Then each reads the same, byte for byte
        foreach (var (page, sqlite) in pages[0])
        {
            pages[1][page].ShouldBe(sqlite, page);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"__token\" value=\"[^\"]+\"")]
    private static partial System.Text.RegularExpressions.Regex Token();
}
