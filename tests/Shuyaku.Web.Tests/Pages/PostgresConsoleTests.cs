using System.Net;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>The whole console on PostgreSQL: set-up, sign-in, upload, background plan, plan page, download, audit.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConsoleTests(PostgresServer postgres)
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
}
