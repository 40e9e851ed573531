using System.Net;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Security;

/// <summary>Every route against every kind of caller: anonymous, viewer, operator, admin.</summary>
public sealed class RoleTests
{
    /// <summary>Who may call a route: anyone, or a signed-in user with at least this role.</summary>
    private sealed record Route(string Method, string Pattern, string Path, Role? Needs, string? Allowed = null)
    {
        public bool Api => Path.StartsWith("/api/", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Path}";
    }

    private static readonly Route[] Routes =
    [
        new("GET", "/login", "/login", null),
        new("POST", "/login", "/login", null),
        new("GET", "/setup", "/setup", null, Allowed: "302 /login"), // set-up is closed once an admin exists
        new("POST", "/setup", "/setup", null),
        new("GET", "/static/console.css", "/static/console.css", null),
        new("GET", "/language/{code}", "/language/ja", null, Allowed: "302 /"), // remembers the language, for anyone
        new("POST", "/logout", "/logout", Role.Viewer),
        new("GET", "/", "/", Role.Viewer),
        new("GET", "/estates/{id:long}", "/estates/1", Role.Viewer),
        new("GET", "/plans/{id:long}", "/plans/1", Role.Viewer),
        new("GET", "/plans/{id:long}/hosts/{host}", "/plans/1/hosts/host-01", Role.Viewer),
        new("GET", "/plans/{id:long}/plan.json", "/plans/1/plan.json", Role.Viewer),
        new("GET", "/plans/{id:long}/placement.csv", "/plans/1/placement.csv", Role.Viewer),
        new("GET", "/plans/{id:long}/report.html", "/plans/1/report.html", Role.Viewer),
        new("GET", "/api/estates", "/api/estates", Role.Viewer),
        new("GET", "/api/estates/{id:long}/plans", "/api/estates/1/plans", Role.Viewer),
        new("GET", "/api/plans/{id:long}", "/api/plans/1", Role.Viewer),
        new("GET", "/guests", "/guests", Role.Viewer),
        new("GET", "/guests/sprawl", "/guests/sprawl", Role.Viewer),
        new("GET", "/guests/{id:long}", "/guests/1", Role.Viewer),
        new("GET", "/api/guests", "/api/guests", Role.Viewer),
        new("GET", "/api/guests/sprawl", "/api/guests/sprawl", Role.Viewer),
        new("GET", "/api/guests/{id:long}", "/api/guests/1", Role.Viewer),
        new("POST", "/guests/{id:long}/mark", "/guests/1/mark", Role.Operator),
        new("POST", "/guests/{id:long}/retire", "/guests/1/retire", Role.Operator),
        new("POST", "/guests/{id:long}/restore", "/guests/1/restore", Role.Operator),
        new("POST", "/guests/{id:long}/edit", "/guests/1/edit", Role.Operator),
        new("POST", "/estates/{id:long}/measurements", "/estates/1/measurements", Role.Operator),
        new("POST", "/api/guests/{id:long}/mark", "/api/guests/1/mark", Role.Operator),
        new("POST", "/api/guests/{id:long}/retire", "/api/guests/1/retire", Role.Operator),
        new("POST", "/api/guests/{id:long}/restore", "/api/guests/1/restore", Role.Operator),
        new("POST", "/api/guests/{id:long}/edit", "/api/guests/1/edit", Role.Operator),
        new("GET", "/estates/new", "/estates/new", Role.Operator),
        new("POST", "/estates", "/estates", Role.Operator),
        new("POST", "/estates/{id:long}/plans", "/estates/1/plans", Role.Operator),
        new("GET", "/users", "/users", Role.Admin),
        new("POST", "/users", "/users", Role.Admin),
        new("POST", "/users/{id:long}/role", "/users/1/role", Role.Admin),
        new("POST", "/users/{id:long}/remove", "/users/1/remove", Role.Admin),
        new("GET", "/audit", "/audit", Role.Admin),
        new("POST", "/plans/{id:long}/what-if", "/plans/1/what-if", Role.Operator),
        new("GET", "/what-ifs/{id:long}", "/what-ifs/1", Role.Viewer),
        new("GET", "/what-ifs/{id:long}/plan.json", "/what-ifs/1/plan.json", Role.Viewer),
        new("GET", "/compare", "/compare?a=1&b=1", Role.Viewer),
        new("POST", "/plans/{id:long}/move", "/plans/1/move", Role.Operator),
        new("GET", "/plans/{id:long}/move", "/plans/1/move", Role.Viewer),
        new("GET", "/plans/{id:long}/move.json", "/plans/1/move.json", Role.Viewer),
        new("GET", "/api/antiforgery", "/api/antiforgery", Role.Viewer),
        new("POST", "/api/plans/{id:long}/what-if", "/api/plans/1/what-if", Role.Operator),
        new("GET", "/api/what-ifs/{id:long}", "/api/what-ifs/1", Role.Viewer),
        new("GET", "/api/what-ifs/{id:long}/plan.json", "/api/what-ifs/1/plan.json", Role.Viewer),
        new("GET", "/api/estates/{id:long}", "/api/estates/1", Role.Viewer),
        new("POST", "/api/estates", "/api/estates", Role.Operator),
        new("POST", "/api/estates/{id:long}/plans", "/api/estates/1/plans", Role.Operator),
        new("GET", "/api/users", "/api/users", Role.Admin),
        new("GET", "/api/users/{id:long}", "/api/users/1", Role.Admin),
        new("POST", "/api/users", "/api/users", Role.Admin),
        new("POST", "/api/users/{id:long}/role", "/api/users/1/role", Role.Admin),
        new("DELETE", "/api/users/{id:long}", "/api/users/1", Role.Admin),
        new("POST", "/api/estates/{id:long}/measurements", "/api/estates/1/measurements", Role.Operator),
        new("POST", "/api/estates/rvtools", "/api/estates/rvtools", Role.Operator),
        new("GET", "/api/plans/{id:long}/plan.json", "/api/plans/1/plan.json", Role.Viewer),
        new("GET", "/api/plans/{id:long}/placement.csv", "/api/plans/1/placement.csv", Role.Viewer),
        new("GET", "/api/plans/{id:long}/report.html", "/api/plans/1/report.html", Role.Viewer),
        new("GET", "/api/plans/{id:long}/move", "/api/plans/1/move", Role.Viewer),
        new("GET", "/api/plans/{id:long}/move.json", "/api/plans/1/move.json", Role.Viewer),
        new("POST", "/api/plans/{id:long}/move", "/api/plans/1/move", Role.Operator),
        new("GET", "/api/{**path}", "/api/plans/x", Role.Viewer, Allowed: "404"), // no such endpoint, or an id that is not a number
        new("GET", "/{**path}", "/estates/x", Role.Viewer, Allowed: "404"),
    ];

    [Fact]
    public async Task The_table_below_names_every_endpoint_the_console_maps()
    {
        await using var host = await ConsoleHost.StartAsync();
        host.Endpoints().ShouldBe(Routes.Select(r => $"{r.Method} {r.Pattern}").Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public Task Every_route_answers_anonymous_callers_and_each_role_as_its_role_allows_and_refuses_forms_without_a_token() => WalkAsync(null);

    /// <summary>The walk of every route by every caller, on SQLite (null) or on the database given.</summary>
    internal static async Task WalkAsync(DatabaseOptions? database)
    {
        // Given an estate with a finished plan, a what-if with a new plan and a move of it, and a user of each role
        await using var host = await ConsoleHost.StartAsync(database: database);
        var clients = new Dictionary<string, ConsoleClient> { ["anonymous"] = host.Client(), ["admin"] = await host.AdminAsync() };
        var estate = ConsoleClient.IdFrom(await clients["admin"].UploadAsync("estate.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"))));
        var plan = ConsoleClient.IdFrom(await clients["admin"].PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (estate, plan).ShouldBe((1, 1));
        var planned = await host.PlannedAsync(plan);
        planned.Status.ShouldBe(PlanStatus.Done);
        var model = Shuyaku.Core.Plans.PlanJson.Read(planned.PlanJson!, "plan.json").Value!.HostModel;
        var asked = await clients["admin"].PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("growth", "10"), ("hostModel", model));
        ConsoleClient.IdFrom(asked).ShouldBe(1);
        (await host.AnsweredAsync(1)).NewPlanJson.ShouldNotBeNull();
        (await clients["admin"].PostAsync($"/plans/{plan}/move", $"/plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.MovedAsync(plan)).Status.ShouldBe(PlanStatus.Done);
        foreach (var role in new[] { Role.Operator, Role.Viewer })
        {
            (await clients["admin"].PostAsync("/users", "/users", ("name", role.Name()), ("password", ConsoleHost.Password), ("role", role.Name()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            clients[role.Name()] = host.Client();
            (await clients[role.Name()].LoginAsync(role.Name(), ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        // When each calls each route (forms sent without their antiforgery token)
        var wrong = new List<string>();
        foreach (var route in Routes)
        {
            foreach (var (who, client) in clients)
            {
                var role = Roles.Parse(who);
                using var response = route.Method switch
                {
                    "GET" => await client.GetAsync(route.Path),
                    "POST" => await client.PostAsync(route.Path, null),
                    _ => await client.SendAsync(new HttpMethod(route.Method), route.Path, null, null),
                };
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                var expected = route.Needs is null || role >= route.Needs
                    ? route.Allowed ?? (route.Method == "GET" ? "200" : "400")
                    : role is null ? route.Api ? "401" : "302 /login" : "403";
                var actual = status == 302 && location.Contains("/login?ReturnUrl=", StringComparison.Ordinal) ? "302 /login"
                    : status == 302 ? $"302 {location}" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (actual != expected)
                {
                    wrong.Add($"{route} as {who}: {actual} ({location}), expected {expected}");
                }

                response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            }
        }

        // Then each got what its role allows, and a form without its token is refused before it does anything
        wrong.ShouldBeEmpty();
        (await host.Store.UsersAsync()).Select(u => (u.Name, u.Role)).ShouldBe([("ada", Role.Admin), ("operator", Role.Operator), ("viewer", Role.Viewer)]);
        (await host.Store.EstatesAsync()).Count.ShouldBe(1);
        (await host.Store.PlansAsync(estate)).Count.ShouldBe(1);
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action.StartsWith("guest.", StringComparison.Ordinal));
        (await host.Store.WhatIfsAsync(plan)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_admin_removes_a_user_from_the_users_page_but_not_the_last_admin()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        (await admin.PostAsync("/users", "/users", ("name", "eve"), ("password", ConsoleHost.Password), ("role", "viewer"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var eve = (await host.Store.FindUserAsync("eve"))!.Id;
        var ada = (await host.Store.FindUserAsync(ConsoleHost.AdminName))!.Id;
        (await (await admin.GetAsync("/users")).Content.ReadAsStringAsync()).ShouldContain($"action=\"/users/{eve}/remove\"");

        (await admin.PostAsync($"/users/{eve}/remove", "/users")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.Store.FindUserAsync("eve")).ShouldBeNull();

        using var refused = await admin.PostAsync($"/users/{ada}/remove", "/users");
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("This is the last admin: make another user admin first.");
        (await host.Store.FindUserAsync(ConsoleHost.AdminName)).ShouldNotBeNull();
        (await host.Store.AuditAsync()).Count(a => a.Action == "user.remove").ShouldBe(2);
    }

    [Fact]
    public async Task A_form_with_its_token_is_accepted_and_the_same_form_without_it_gets_400_and_changes_nothing()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();

        using var refused = await admin.PostAsync("/users", null, ("name", "eve"), ("password", ConsoleHost.Password), ("role", "admin"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldBe("The form's antiforgery token is missing or not valid: reload the page and send the form again.\n");
        (await host.Store.FindUserAsync("eve")).ShouldBeNull();

        using var accepted = await admin.PostAsync("/users", "/users", ("name", "eve"), ("password", ConsoleHost.Password), ("role", "viewer"));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.Store.FindUserAsync("eve"))!.Role.ShouldBe(Role.Viewer);
    }

    [Fact]
    public async Task A_role_taken_away_takes_effect_on_the_next_request_not_when_the_cookie_expires()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        (await admin.PostAsync("/users", "/users", ("name", "olga"), ("password", ConsoleHost.Password), ("role", "operator"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var olga = host.Client();
        (await olga.LoginAsync("olga", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await olga.GetAsync("/estates/new")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = (await host.Store.FindUserAsync("olga"))!.Id;
        (await admin.PostAsync($"/users/{id}/role", "/users", ("role", "viewer"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var after = await olga.GetAsync("/estates/new");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.ShouldContain("/login?ReturnUrl=");
        (await host.Store.AuditAsync()).Select(a => a.Detail).ShouldContain("role operator -> viewer");
    }
}
