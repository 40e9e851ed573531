using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>What-ifs from the plan page and the API, two plans compared, and a plan's move stored and shown.</summary>
public sealed class WhatIfPageTests
{
    /// <summary>w1 and w2 spread over two hosts, planned for N+0: failing either host breaks the spread.</summary>
    internal static readonly string Spread = TestEstates.Estate(TestEstates.Workloads(2, 1, 1), "  - spread: [w1, w2]");

    /// <summary>A console with an admin signed in, <paramref name="yaml"/> uploaded and planned (done).</summary>
    internal static async Task<(ConsoleHost Host, ConsoleClient Admin, long Plan)> PlannedAsync(string yaml)
    {
        var host = await ConsoleHost.StartAsync();
        var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", yaml));
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (await host.PlannedAsync(plan)).Status.ShouldBe(PlanStatus.Done);
        return (host, admin, plan);
    }

    [Fact]
    public async Task Failing_a_spread_partners_host_from_the_plan_page_shows_what_breaks_and_is_audited()
    {
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain("<h2 id=\"what-if\">What-if</h2>");

        var id = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-01")));
        var record = await host.AnsweredAsync(id);

        record.Status.ShouldBe(PlanStatus.Done);
        record.Holds.ShouldBe(false);
        record.NewPlanJson.ShouldBeNull();
        var page = await admin.TextAsync($"/what-ifs/{id}");
        page.ShouldContain("<b class=\"bad\">Something breaks.</b>");
        page.ShouldContain("<h2 id=\"failure\">When host-01 fails</h2>");
        page.ShouldContain("after &#39;host-01&#39; fail: &#39;w1&#39; cannot be restarted on any surviving host");
        page.ShouldContain("if &#39;w1&#39; restarted on &#39;host-02&#39;: spread");
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain($"<a href=\"/what-ifs/{id}\">what-if #{id}</a>");
        var audit = await host.Store.AuditAsync();
        audit.ShouldContain(a => a.Action == "whatif.run" && a.Actor == ConsoleHost.AdminName && a.Detail == $"of plan #{plan}: fail host-01");
        audit.ShouldContain(a => a.Action == "whatif.finish" && a.Actor == ConsoleStore.PlannerActor && a.Detail == "done, breaks");
    }

    [Fact]
    public async Task Growth_replans_in_the_background_and_the_answer_shows_the_new_host_count_against_the_old()
    {
        var (host, admin, plan) = await PlannedAsync(TestEstates.Estate(TestEstates.Workloads(8, 4, 1)));
        await using var _ = host;
        using var __ = admin;

        var id = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("growth", "50")));
        var record = await host.AnsweredAsync(id);

        record.Holds.ShouldBe(true);
        var page = await admin.TextAsync($"/what-ifs/{id}");
        page.ShouldContain("<h2 id=\"replan\">With growth 50% on every workload</h2>");
        page.ShouldContain("<tr><td>hosts</td><td>2</td><td><b id=\"new-hosts\">4</b></td><td>+2</td></tr>");
        (await admin.TextAsync($"/what-ifs/{id}/plan.json")).ShouldBe(record.NewPlanJson);

        // And the API links the new plan to its own download, which answers the same bytes
        using var view = JsonDocument.Parse(await admin.TextAsync($"/api/what-ifs/{id}"));
        view.RootElement.GetProperty("newPlanJson").GetString().ShouldBe($"/api/what-ifs/{id}/plan.json");
        (await admin.TextAsync($"/api/what-ifs/{id}/plan.json")).ShouldBe(record.NewPlanJson);

        // And the plan's list of what-ifs leaves the answers out, while the plan page still shows the row and its verdict
        record.NewPlanJson.ShouldNotBeNull();
        record.ResultJson.ShouldNotBeNull();
        (await host.Store.WhatIfsAsync(plan)).Single().ShouldBe(record with { ResultJson = null, NewPlanJson = null, AnswerText = null });
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain($"<a href=\"/what-ifs/{id}\">what-if #{id}</a>");
    }

    [Fact]
    public async Task An_unknown_host_is_refused_with_422_naming_the_plans_hosts_and_nothing_is_stored()
    {
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;

        using var response = await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-9"), ("growth", "lots"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<li>--growth &#39;lots&#39; is not PCT or RESOURCE=PCT (resources: cpu, mem, net, disk)</li>");
        (await host.Store.WhatIfsAsync(plan)).ShouldBeEmpty();

        using var unknown = await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-9"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("<li>host &#39;host-9&#39; is not in the plan; its hosts are host-01, host-02</li>");
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action == "whatif.run");
    }

    [Fact]
    public async Task The_api_takes_a_what_if_as_json_with_the_antiforgery_header_and_answers_it()
    {
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = admin.Cookies, UseProxy = false }) { BaseAddress = new Uri(host.BaseUrl) };
        var body = new { fail = new[] { "host-02" } };

        // Without the header the change is refused before anything runs
        using var refused = await http.PostAsJsonAsync($"/api/plans/{plan}/what-if", body);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await refused.Content.ReadAsStringAsync()).ShouldBe(
            "{\"error\":\"An API write needs the header X-Shuyaku-Antiforgery with the token GET /api/antiforgery gives for this session.\"}");
        (await host.Store.WhatIfsAsync(plan)).ShouldBeEmpty();

        // With it, the what-if is queued (202) and its answer read back
        using var tokens = JsonDocument.Parse(await http.GetStringAsync("/api/antiforgery"));
        tokens.RootElement.GetProperty("headerName").GetString().ShouldBe("X-Shuyaku-Antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{plan}/what-if") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Shuyaku-Antiforgery", tokens.RootElement.GetProperty("token").GetString());
        using var accepted = await http.SendAsync(request);
        accepted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var queued = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync());
        var id = queued.RootElement.GetProperty("id").GetInt64();
        accepted.Headers.Location!.OriginalString.ShouldBe($"/api/what-ifs/{id}");
        await host.AnsweredAsync(id);

        using var answer = JsonDocument.Parse(await http.GetStringAsync($"/api/what-ifs/{id}"));
        var root = answer.RootElement;
        root.GetProperty("status").GetString().ShouldBe("done");
        root.GetProperty("holds").GetBoolean().ShouldBeFalse();
        root.GetProperty("request").GetProperty("fail").EnumerateArray().Select(h => h.GetString()).ShouldBe(["host-02"]);
        root.GetProperty("result").GetProperty("failure").GetProperty("notRestarted").EnumerateArray().Select(w => w.GetString()).ShouldBe(["w2"]);

        // A failure alone makes no new plan: newPlanJson is null and its download answers 409 saying so; an unknown what-if 404
        root.GetProperty("newPlanJson").ValueKind.ShouldBe(JsonValueKind.Null);
        using var none = await http.GetAsync($"/api/what-ifs/{id}/plan.json");
        none.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await none.Content.ReadAsStringAsync()).ShouldBe("{\"error\":\"The what-if is done and has no new plan to download.\"}");
        (await http.GetAsync("/api/what-ifs/999/plan.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{\"fail\": [null]}", "The body is not a what-if: $.fail[0]: the value is null where the format has a value")]
    [InlineData("{\"new\": [\"a,cpu=1,mem=1\", null]}", "The body is not a what-if: $.new[1]: the value is null where the format has a value")]
    [InlineData("{\"fial\": [\"host-01\"]}", "The body is not a what-if: $.fial: unknown field 'fial'")]
    [InlineData("{\"fail\": \"host-01\"}", "The body is not a what-if: $.fail: the value is not a list")]
    [InlineData("{\"growth\": 5}", "The body is not a what-if: $.growth: the value has the wrong type")]
    [InlineData("{\"fail\": [\"host-01\"],}", "The body is not a what-if: a comma ends an object or list: remove it")]
    [InlineData("[]", "The body must be one JSON object with the fields fail, growth, add, new, headroom and hostModel.")]
    [InlineData("null", "The body is empty: send the what-if as a JSON object.")]
    public async Task The_api_refuses_a_body_that_is_not_a_what_if_with_a_sentence_and_stores_nothing(string body, string error)
    {
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        var token = await admin.ApiTokenAsync();

        using var response = await admin.SendAsync(HttpMethod.Post, $"/api/plans/{plan}/what-if", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), token);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("error").GetString().ShouldBe(error);
        (await host.Store.WhatIfsAsync(plan)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_plans_compare_side_by_side_with_the_workloads_only_in_one()
    {
        var (host, admin, first) = await PlannedAsync(TestEstates.Estate(TestEstates.Workloads(4, 4, 1)));
        await using var _ = host;
        using var __ = admin;
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("more.yaml", TestEstates.Estate(TestEstates.Workloads(6, 4, 1))));
        var second = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (await host.PlannedAsync(second)).Status.ShouldBe(PlanStatus.Done);

        var page = await admin.TextAsync($"/compare?a={first}&b={second}");

        page.ShouldContain("<tr><td>hosts</td><td>1</td><td>2</td><td>+1</td></tr>");
        page.ShouldContain("<tr><td>cpu: mean utilisation</td><td>100%</td><td>75%</td><td>-25 points</td></tr>");
        page.ShouldContain($"Only in plan #{first}: none; only in plan #{second}: w5, w6.");
        var a = Shuyaku.Core.Plans.PlanJson.Read((await host.Store.PlanAsync(first))!.PlanJson!, "a").Value!.Assignments;
        var b = Shuyaku.Core.Plans.PlanJson.Read((await host.Store.PlanAsync(second))!.PlanJson!, "b").Value!.Assignments.ToDictionary(x => x.Workload, x => x.Host);
        var moved = a.Where(x => b[x.Workload] != x.Host).ToList();
        page.ShouldContain($"<p id=\"moved-count\"><b>{moved.Count}</b> of 4 workloads");
        foreach (var m in moved)
        {
            page.ShouldContain($"<tr><td>{m.Workload}</td><td>{m.Host}</td><td>{b[m.Workload]}</td></tr>");
        }

        (await admin.GetAsync("/compare?a=1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync($"/compare?a={first}&b=99")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_move_of_the_example_plan_is_stored_shown_downloaded_and_in_the_report()
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        var (host, admin, plan) = await PlannedAsync(example);
        await using var _ = host;
        using var __ = admin;
        (await admin.TextAsync($"/plans/{plan}/move")).ShouldContain("No move plan yet.");

        (await admin.PostAsync($"/plans/{plan}/move", $"/plans/{plan}")).Headers.Location!.OriginalString.ShouldBe($"/plans/{plan}/move");
        var move = await host.MovedAsync(plan);

        move.Status.ShouldBe(PlanStatus.Done);
        var page = await admin.TextAsync($"/plans/{plan}/move");
        page.ShouldContain("address changes</b>");
        page.ShouldContain("<b id=\"wave-count\">");
        page.ShouldContain("id=\"cost-before\"");
        (await admin.TextAsync($"/plans/{plan}/move.json")).ShouldBe(move.MoveJson);
        var report = await admin.TextAsync($"/plans/{plan}/report.html");
        report.ShouldNotContain("was not computed");
        report.ShouldContain("<section id=\"waves\"");
        (await host.Store.AuditAsync()).Select(a => a.Action).Take(2).ShouldBe(["move.finish", "move.queue"]);
    }
}
