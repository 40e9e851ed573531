using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Api;

/// <summary>The API's changes of estates, plans and users: who may make them, what they answer, and their audit rows.</summary>
public sealed class ManagementApiTests
{
    private static string Example() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>Each write of this API: method, path and a body that would succeed for an admin.</summary>
    private static (HttpMethod Method, string Path, Func<HttpContent?> Body)[] Writes(long estate, long user) =>
    [
        (HttpMethod.Post, "/api/estates?fileName=e.yaml", () => Yaml(Example())),
        (HttpMethod.Post, $"/api/estates/{estate}/plans", () => null),
        (HttpMethod.Post, "/api/users", () => JsonContent.Create(new { name = "mallory", password = ConsoleHost.Password, role = "admin" })),
        (HttpMethod.Post, $"/api/users/{user}/role", () => JsonContent.Create(new { role = "admin" })),
        (HttpMethod.Delete, $"/api/users/{user}", () => null),
    ];

    [Fact]
    public Task A_viewer_gets_403_and_an_anonymous_caller_401_on_every_write_even_with_a_valid_token_and_nothing_changes() => RefusedWritesAsync(null);

    /// <summary>The test above on <paramref name="database"/> (SQLite when null); <see cref="PostgresManagementApiTests"/> runs it on PostgreSQL.</summary>
    internal static async Task RefusedWritesAsync(DatabaseOptions? database)
    {
        // Given an admin, an estate, and a viewer and an operator signed in with their own antiforgery tokens
        await using var host = await ConsoleHost.StartAsync(database: database);
        using var admin = await host.AdminAsync();
        var adminToken = await admin.ApiTokenAsync();
        var estate = (await JsonAsync(await admin.SendAsync(HttpMethod.Post, "/api/estates", Yaml(Example()), adminToken))).GetProperty("id").GetInt64();
        var ids = new Dictionary<string, long>();
        foreach (var role in new[] { "viewer", "operator" })
        {
            using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = role, password = ConsoleHost.Password, role }), adminToken);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
            ids[role] = (await JsonAsync(created)).GetProperty("id").GetInt64();
        }

        using var viewer = host.Client();
        (await viewer.LoginAsync("viewer", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var viewerToken = await viewer.ApiTokenAsync();
        using var op = host.Client();
        (await op.LoginAsync("operator", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var operatorToken = await op.ApiTokenAsync();
        using var anonymous = host.Client();
        var audited = (await host.Store.AuditAsync()).Count;

        // When each calls each write: the viewer with its token, the anonymous caller with the admin's token
        foreach (var (method, path, body) in Writes(estate, ids["viewer"]))
        {
            using var asViewer = await viewer.SendAsync(method, path, body(), viewerToken);
            asViewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} as a viewer");
            using var asAnonymous = await anonymous.SendAsync(method, path, body(), adminToken);
            asAnonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path} anonymously");
            (await asAnonymous.Content.ReadAsStringAsync()).ShouldBeEmpty();
        }

        // And the operator calls the admin's writes
        foreach (var (method, path, body) in Writes(estate, ids["viewer"]).Skip(2))
        {
            using var asOperator = await op.SendAsync(method, path, body(), operatorToken);
            asOperator.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} as an operator");
        }

        // Then nothing changed and nothing was audited
        (await host.Store.AuditAsync()).Count.ShouldBe(audited);
        (await host.Store.EstatesAsync()).Count.ShouldBe(1);
        (await host.Store.PlansAsync(estate)).ShouldBeEmpty();
        (await host.Store.UsersAsync()).Select(u => (u.Name, u.Role)).ShouldBe([("ada", Role.Admin), ("operator", Role.Operator), ("viewer", Role.Viewer)]);
    }

    [Fact]
    public Task An_operator_uploads_an_estate_and_plans_it_and_a_file_with_errors_answers_422_with_line_and_column() => OperatorWritesAsync(null);

    /// <summary>The test above on <paramref name="database"/> (SQLite when null); <see cref="PostgresManagementApiTests"/> runs it on PostgreSQL.</summary>
    internal static async Task OperatorWritesAsync(DatabaseOptions? database)
    {
        // Given an operator signed in
        await using var host = await ConsoleHost.StartAsync(database: database);
        using var admin = await host.AdminAsync();
        (await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = "olga", password = ConsoleHost.Password, role = "operator" }),
            await admin.ApiTokenAsync())).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var olga = host.Client();
        (await olga.LoginAsync("olga", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await olga.ApiTokenAsync();

        // When a file with an error is sent, then 422 names the file, line and column, and nothing is stored
        var example = Example();
        var at = example.IndexOf("memory: 512MiB", StringComparison.Ordinal);
        var broken = example[..at] + "memory: lots" + example[(at + "memory: 512MiB".Length)..];
        using var refused = await olga.SendAsync(HttpMethod.Post, "/api/estates?fileName=broken.yaml", Yaml(broken), token);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = (await JsonAsync(refused)).GetProperty("errors")[0];
        error.GetProperty("file").GetString().ShouldBe("broken.yaml");
        var line = broken.Split('\n').Select((text, i) => (text, i)).First(l => l.text.Contains("memory: lots", StringComparison.Ordinal));
        (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()).ShouldBe((line.i + 1, line.text.IndexOf("lots", StringComparison.Ordinal) + 1));
        error.GetProperty("message").GetString().ShouldNotBeNullOrEmpty();
        (error.GetProperty("sheet").ValueKind, error.GetProperty("columnLetter").ValueKind).ShouldBe((JsonValueKind.Null, JsonValueKind.Null), "a YAML file has no sheet");
        (await host.Store.EstatesAsync()).ShouldBeEmpty();

        // And without the token, or with a form, or with nothing, it is refused before anything runs
        (await olga.SendAsync(HttpMethod.Post, "/api/estates", Yaml(Example()), null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await olga.SendAsync(HttpMethod.Post, "/api/estates", new FormUrlEncodedContent([new("file", Example())]), token)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await olga.SendAsync(HttpMethod.Post, "/api/estates", Yaml(""), token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // When the example is sent, then 201 with the estate at its Location, and its guests are made
        using var created = await olga.SendAsync(HttpMethod.Post, "/api/estates?fileName=tdu.yaml", Yaml(Example()), token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var estate = await JsonAsync(created);
        var id = estate.GetProperty("id").GetInt64();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/estates/{id}");
        (estate.GetProperty("fileName").GetString(), estate.GetProperty("uploadedBy").GetString()).ShouldBe(("tdu.yaml", "olga"));
        (await JsonAsync(await olga.GetAsync($"/api/estates/{id}"))).GetProperty("digest").GetString().ShouldBe(estate.GetProperty("digest").GetString());
        (await host.Store.GuestsAsync(new GuestQuery { EstateId = id, Today = new DateOnly(2026, 12, 6) })).Held.Guests.ShouldBeGreaterThan(0);

        // And a plan started through the API answers 202 with its id, and GET shows it through to done
        using var started = await olga.SendAsync(HttpMethod.Post, $"/api/estates/{id}/plans", null, token);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var queued = await JsonAsync(started);
        var plan = queued.GetProperty("id").GetInt64();
        started.Headers.Location!.OriginalString.ShouldBe($"/api/plans/{plan}");
        foreach (var link in new[] { "planJson", "placementCsv", "reportHtml" })
        {
            queued.GetProperty(link).ValueKind.ShouldBe(JsonValueKind.Null, link);
        }

        var record = await host.PlannedAsync(plan);
        record.Status.ShouldBe(PlanStatus.Done);
        var done = await JsonAsync(await olga.GetAsync($"/api/plans/{plan}"));
        done.GetProperty("status").GetString().ShouldBe("done");

        // And its links are the API's downloads, which answer the files (plan.json byte for byte as stored)
        (done.GetProperty("planJson").GetString(), done.GetProperty("placementCsv").GetString(), done.GetProperty("reportHtml").GetString())
            .ShouldBe(($"/api/plans/{plan}/plan.json", $"/api/plans/{plan}/placement.csv", $"/api/plans/{plan}/report.html"));
        (await olga.TextAsync(done.GetProperty("planJson").GetString()!)).ShouldBe(record.PlanJson);
        (await olga.TextAsync(done.GetProperty("placementCsv").GetString()!)).ShouldStartWith(Shuyaku.Core.Reporting.PlacementCsv.Header + "\n");
        (await olga.TextAsync(done.GetProperty("reportHtml").GetString()!)).ShouldContain("<html");
        done.GetProperty("hosts").GetInt64().ShouldBeGreaterThan(0);
        (await olga.SendAsync(HttpMethod.Post, "/api/estates/999/plans", null, token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // And both are audited as olga's
        var audit = await host.Store.AuditAsync();
        audit.ShouldContain(a => a.Action == "estate.upload" && a.Actor == "olga" && a.Object == $"estate #{id}");
        audit.ShouldContain(a => a.Action == "plan.queue" && a.Actor == "olga" && a.Object == $"plan #{plan}");
    }

    [Fact]
    public Task An_admin_adds_a_user_changes_its_role_and_removes_it_and_the_last_admin_can_be_neither_demoted_nor_removed() => UserChangesAsync(null);

    /// <summary>The test above on <paramref name="database"/> (SQLite when null); <see cref="PostgresManagementApiTests"/> runs it on PostgreSQL.</summary>
    internal static async Task UserChangesAsync(DatabaseOptions? database)
    {
        // Given the first admin
        await using var host = await ConsoleHost.StartAsync(database: database);
        using var admin = await host.AdminAsync();
        var token = await admin.ApiTokenAsync();
        var ada = (await host.Store.FindUserAsync(ConsoleHost.AdminName))!.Id;

        // When they add a user, then 201 with the user (no hash), at its Location; a taken name is 409, a short password 400
        using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = "bob", password = ConsoleHost.Password, role = "operator" }), token);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var bob = await JsonAsync(created);
        var id = bob.GetProperty("id").GetInt64();
        (bob.GetProperty("name").GetString(), bob.GetProperty("role").GetString(), bob.GetProperty("createdBy").GetString()).ShouldBe(("bob", "operator", "ada"));
        bob.TryGetProperty("passwordHash", out _).ShouldBeFalse();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/users/{id}");
        (await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = "bob", password = ConsoleHost.Password, role = "viewer" }), token))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = "eve", password = "short", role = "viewer" }), token))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name = "eve", password = ConsoleHost.Password, role = "root" }), token))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // And bob signed in loses operator rights at once when made a viewer, and his session ends when removed
        using var bobClient = host.Client();
        (await bobClient.LoginAsync("bob", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bobClient.GetAsync("/estates/new")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var demoted = await admin.SendAsync(HttpMethod.Post, $"/api/users/{id}/role", JsonContent.Create(new { role = "viewer" }), token);
        demoted.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await JsonAsync(demoted)).GetProperty("role").GetString().ShouldBe("viewer");
        (await bobClient.GetAsync("/estates/new")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bobClient.LoginAsync("bob", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bobClient.GetAsync("/api/estates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/users/{id}", null, token)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bobClient.GetAsync("/api/estates")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await admin.GetAsync($"/api/users/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.SendAsync(HttpMethod.Delete, $"/api/users/{id}", null, token)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // And the last admin can be neither demoted nor removed (409), nor can anything be changed without the token (400)
        (await admin.SendAsync(HttpMethod.Post, $"/api/users/{ada}/role", JsonContent.Create(new { role = "viewer" }), token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var last = await admin.SendAsync(HttpMethod.Delete, $"/api/users/{ada}", null, token);
        last.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(last)).GetProperty("error").GetString().ShouldBe("This is the last admin: make another user admin first.");
        (await admin.SendAsync(HttpMethod.Delete, $"/api/users/{ada}", null, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(await admin.GetAsync("/api/users"))).EnumerateArray().Select(u => u.GetProperty("name").GetString()).ShouldBe(["ada"]);

        // And every change and refusal is in the audit log
        var audit = (await host.Store.AuditAsync()).Select(a => (a.Action, a.Object, a.Detail)).ToList();
        audit.ShouldContain(("user.create", "user bob", "role operator"));
        audit.ShouldContain(("user.role", "user bob", "role operator -> viewer"));
        audit.ShouldContain(("user.remove", "user bob", "role viewer"));
        audit.ShouldContain(("user.role", "user ada", "refused: ada is the last admin"));
        audit.ShouldContain(("user.remove", "user ada", "refused: ada is the last admin"));
    }
}
