using System.Net;
using System.Text;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Storage;
using Shuyaku.Web.Tests.Support;
using static Shuyaku.Web.Tests.Support.ApiCallers;

namespace Shuyaku.Web.Tests.Api;

/// <summary>
/// A plan's downloads and its move through the API, on SQLite and PostgreSQL: the same bytes as the pages' downloads,
/// JSON errors for a plan that is not done or does not exist, the move asked, followed and downloaded, and the roles.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PlanFilesApiTests(PostgresServer postgres)
{
    private static readonly string[] Files = ["plan.json", "placement.csv", "report.html"];

    private DatabaseOptions? Database(string database) => database == "sqlite" ? null : postgres.NewDatabase()();

    private static string Example() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task A_viewer_downloads_a_done_plan_s_files_as_the_pages_serve_them_and_a_plan_not_done_answers_409(string database)
    {
        // Given a done plan and a plan left queued, both of an estate uploaded and planned through the API
        await using var host = await ConsoleHost.StartAsync(database: Database(database));
        using var callers = await SignInAsync(host);
        using var uploaded = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates?fileName=tdu.yaml", new StringContent(Example(), Encoding.UTF8, "application/yaml"), callers.OperatorToken);
        var estate = (await JsonAsync(uploaded)).GetProperty("id").GetInt64();
        using var started = await callers.Operator.SendAsync(HttpMethod.Post, $"/api/estates/{estate}/plans", null, callers.OperatorToken);
        var plan = (await JsonAsync(started)).GetProperty("id").GetInt64();
        var record = await host.PlannedAsync(plan);
        record.Status.ShouldBe(PlanStatus.Done);
        var queued = (await host.Store.AddPlanAsync("ada", estate))!.Value; // stored but never handed to the planner

        foreach (var file in Files)
        {
            // When the viewer asks for each file through the API and through the page
            using var api = await callers.Viewer.GetAsync($"/api/plans/{plan}/{file}");
            using var page = await callers.Viewer.GetAsync($"/plans/{plan}/{file}");

            // Then both answer the same bytes, type and disposition (the report with its own policy)
            api.StatusCode.ShouldBe(HttpStatusCode.OK, file);
            (await api.Content.ReadAsByteArrayAsync()).ShouldBe(await page.Content.ReadAsByteArrayAsync(), file);
            api.Content.Headers.ContentType!.ToString().ShouldBe(page.Content.Headers.ContentType!.ToString());
            api.Content.Headers.ContentDisposition!.ToString().ShouldBe($"attachment; filename=\"{file}\"");
            api.Headers.GetValues("Content-Security-Policy").Single().Contains("sandbox", StringComparison.Ordinal).ShouldBe(file == "report.html");

            // And a plan not done answers 409 naming its status, an unknown plan 404, an anonymous caller 401 with nothing
            using var notDone = await callers.Viewer.GetAsync($"/api/plans/{queued}/{file}");
            notDone.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await JsonAsync(notDone)).GetProperty("error").GetString().ShouldBe($"The plan is queued: there is no {file} to download.");
            using var unknown = await callers.Viewer.GetAsync($"/api/plans/999/{file}");
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await JsonAsync(unknown)).GetProperty("error").GetString().ShouldBe("Plan #999 does not exist.");
            using var anonymous = await callers.Anonymous.GetAsync($"/api/plans/{plan}/{file}");
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await anonymous.Content.ReadAsStringAsync()).ShouldBeEmpty();
        }

        (await callers.Viewer.TextAsync($"/api/plans/{plan}/plan.json")).ShouldBe(record.PlanJson);
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task An_operator_asks_a_plan_s_move_through_the_api_follows_it_to_done_and_downloads_move_json(string database)
    {
        // Given a done plan and a plan left queued
        await using var host = await ConsoleHost.StartAsync(database: Database(database));
        using var callers = await SignInAsync(host);
        var estate = ConsoleClient.IdFrom(await callers.Admin.UploadAsync("estate.yaml", Example()));
        var plan = ConsoleClient.IdFrom(await callers.Admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (await host.PlannedAsync(plan)).Status.ShouldBe(PlanStatus.Done);
        var queued = (await host.Store.AddPlanAsync("ada", estate))!.Value;
        var path = $"/api/plans/{plan}/move";

        // When nothing was asked yet, then the move is 404 and move.json 409, each with its reason
        using var none = await callers.Viewer.GetAsync(path);
        none.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(none)).GetProperty("error").GetString().ShouldBe("No move plan yet.");
        using var noFile = await callers.Viewer.GetAsync(path + ".json");
        noFile.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(noFile)).GetProperty("error").GetString().ShouldBe("There is no stored move.json for this plan.");

        // And a viewer, an anonymous caller, a missing token, a plan not done and an unknown plan are refused, and nothing is queued
        await callers.RefusedToViewerAndAnonymousAsync(HttpMethod.Post, path, () => null);
        (await callers.Operator.SendAsync(HttpMethod.Post, path, null, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var notDone = await callers.Operator.SendAsync(HttpMethod.Post, $"/api/plans/{queued}/move", null, callers.OperatorToken);
        notDone.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(notDone)).GetProperty("error").GetString().ShouldBe("The plan is queued: only a done plan has a move.");
        (await callers.Operator.SendAsync(HttpMethod.Post, "/api/plans/999/move", null, callers.OperatorToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        callers.Operator.Speak("ja");
        using var japanese = await callers.Operator.SendAsync(HttpMethod.Post, $"/api/plans/{queued}/move", null, callers.OperatorToken);
        (await JsonAsync(japanese)).GetProperty("error").GetString().ShouldBe("計画の状態は「待機中」です。移行計画を作れるのは完了した計画だけです。");
        callers.Operator.Speak(null);
        (await callers.Anonymous.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await host.Store.MoveOfPlanAsync(plan)).ShouldBeNull();
        (await host.Store.MoveOfPlanAsync(queued)).ShouldBeNull();

        // When the operator asks it, then 202 with the queued move at its Location, and it runs to done
        using var asked = await callers.Operator.SendAsync(HttpMethod.Post, path, null, callers.OperatorToken);
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        asked.Headers.Location!.OriginalString.ShouldBe(path);
        var move = await JsonAsync(asked);
        (move.GetProperty("planId").GetInt64(), move.GetProperty("status").GetString(), move.GetProperty("createdBy").GetString()).ShouldBe((plan, "queued", "olga"));
        var moved = await host.MovedAsync(plan);
        moved.Status.ShouldBe(PlanStatus.Done);

        // Then the viewer sees it done with its download, and move.json is the stored file; asked again, the plan keeps it (200, nothing queued)
        var done = await JsonAsync(await callers.Viewer.GetAsync(path));
        (done.GetProperty("status").GetString(), done.GetProperty("moveJson").GetString()).ShouldBe(("done", $"/api/plans/{plan}/move.json"));
        done.GetProperty("violations").GetInt64().ShouldBe(moved.Violations!.Value);
        (await callers.Viewer.TextAsync($"/api/plans/{plan}/move.json")).ShouldBe(moved.MoveJson);
        using var again = await callers.Operator.SendAsync(HttpMethod.Post, path, null, callers.OperatorToken);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(again)).GetProperty("status").GetString().ShouldBe("done");
        (await host.Store.AuditAsync()).Count(a => a.Action == "move.queue" && a.Actor == "olga" && a.Detail == $"of plan #{plan}").ShouldBe(1);
    }
}
