using System.Net;
using System.Text.Json;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>Guests: made at upload with what the estate's comments say, judged by uploaded measurements, retired, restored, edited, audited.</summary>
public sealed class GuestPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The bundled example with comments on two workloads: owner, purpose and expiry on kanda-apache-1, an owner on kanda-apache-2.</summary>
    public static string Example()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        string After(string id, string comments)
        {
            var start = text.IndexOf($"  - {{ id: {id},", StringComparison.Ordinal);
            var end = text.IndexOf('\n', start) + 1;
            return text[..end] + comments + text[end..];
        }

        text = After("kanda-apache-1", "    # owner: team-web\n    # Purpose: public web site\n    # created 2019-04-01\n    # expiry: 2026-01-31\n");
        return After("kanda-apache-2", "    # owner: team-web\n");
    }

    /// <summary>Measurements in csv-long: apache-1 at 1-2 % (idle under 5 %), apache-2 at 40 %, and a series no guest has.</summary>
    public const string Measurements = """
        workload,timestamp,metric,value
        kanda-apache-1,2026-12-04T00:00:00Z,cpu,1
        kanda-apache-1,2026-12-04T12:00:00Z,cpu,2
        kanda-apache-1,2026-12-05T00:00:00Z,cpu,1.5
        kanda-apache-1,2026-12-05T12:00:00Z,cpu,1
        kanda-apache-2,2026-12-04T00:00:00Z,cpu,40
        kanda-apache-2,2026-12-04T12:00:00Z,cpu,40
        ghost,2026-12-04T00:00:00Z,cpu,3
        ghost,2026-12-04T12:00:00Z,cpu,3
        """;

    private static async Task<long> GuestIdAsync(ConsoleStore store, string name) =>
        (await store.GuestsAsync(new GuestQuery { Name = name, Today = DateOnly.FromDateTime(Now.UtcDateTime) })).Rows.Single(g => g.Name == name).Id;

    [Fact]
    public async Task Guests_take_owner_purpose_and_dates_from_the_estate_and_the_sprawl_lists_idle_unowned_and_expired_guests_with_their_capacity()
    {
        // Given an estate with comments, uploaded, and its measurements
        await using var host = await ConsoleHost.StartAsync(time: new FixedClock(Now));
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Example()));
        using var stored = await admin.PostFileAsync($"/estates/{estate}/measurements", $"/estates/{estate}", "load.csv", Measurements);
        stored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stored.Content.ReadAsStringAsync()).ShouldContain("load.csv: 3 series read, 2 guests matched by name, 3 days stored.");

        // Then apache-1 has what its comments say, and is idle at the default threshold; apache-2 is not
        var apache1 = await GuestIdAsync(host.Store, "kanda-apache-1");
        var page = await admin.TextAsync($"/guests/{apache1}");
        page.ShouldContain("<tr><th>owner</th><td>team-web</td></tr><tr><th>purpose</th><td>public web site</td></tr>");
        page.ShouldContain("<tr><th>created</th><td>2019-04-01</td></tr><tr><th>expires</th><td>2026-01-31</td></tr>");
        page.ShouldContain("<td id=\"verdict\">4 samples, mean 1.38 %, peak 2 % — idle</td>");
        var guests = (await host.Store.GuestsAsync(new GuestQuery { EstateId = estate, Today = DateOnly.FromDateTime(Now.UtcDateTime), Limit = 1000 })).Rows;
        var apache2 = guests.Single(g => g.Name == "kanda-apache-2");
        apache2.LastActiveDay.ShouldBe(new DateOnly(2026, 12, 4));

        // And the sprawl lists it as idle and expired, and every guest but the two with an owner as unowned
        var sprawl = await admin.TextAsync("/guests/sprawl");
        var idle = Section(sprawl, "idle");
        idle.ShouldContain($"<a href=\"/guests/{apache1}\">kanda-apache-1</a>");
        idle.ShouldNotContain("kanda-apache-2");
        idle.ShouldContain("1 guest holding 1 vCPU, 0.5 GiB memory, 36 GiB disk.");
        Section(sprawl, "expired").ShouldContain("1 guest holding");
        var unowned = guests.Where(g => g.Owner is null).ToList();
        unowned.Count.ShouldBe(guests.Count - 2);
        Section(sprawl, "unowned").ShouldContain($"{unowned.Count} guests holding {unowned.Sum(g => g.Vcpus)} vCPU");

        // And a threshold below its peak makes it active
        Section(await admin.TextAsync("/guests/sprawl?threshold=1.5"), "idle").ShouldContain("0 guests holding");
        (await admin.GetAsync("/guests/sprawl?window=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_operator_marks_retires_restores_and_edits_a_guest_each_audited_and_a_plan_after_a_retire_leaves_the_guest_out()
    {
        await using var host = await ConsoleHost.StartAsync(time: new FixedClock(Now));
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Example()));
        var id = await GuestIdAsync(host.Store, "kanda-apache-1");

        // Mark, retire; restoring twice is refused the second time; retire again
        (await admin.PostAsync($"/guests/{id}/mark", $"/guests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostAsync($"/guests/{id}/retire", $"/guests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostAsync($"/guests/{id}/restore", $"/guests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostAsync($"/guests/{id}/restore", $"/guests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsync($"/guests/{id}/retire", $"/guests/{id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostAsync($"/guests/{id}/edit", $"/guests/{id}", ("owner", "team-ops"), ("purpose", ""), ("expires", "2027-03-01"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PostAsync($"/guests/{id}/edit", $"/guests/{id}", ("owner", "x"), ("expires", "March"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.TextAsync($"/guests/{id}")).ShouldContain("<td id=\"state\">retired</td>");

        var audit = (await host.Store.AuditAsync()).Where(a => a.Action.StartsWith("guest.", StringComparison.Ordinal)).Reverse()
            .Select(a => $"{a.Action} {a.Object}: {a.Detail}").ToList();
        audit.ShouldBe([
            $"guest.mark guest #{id} kanda-apache-1 of estate #{estate}: active -> marked",
            $"guest.retire guest #{id} kanda-apache-1 of estate #{estate}: marked -> retired",
            $"guest.restore guest #{id} kanda-apache-1 of estate #{estate}: retired -> active",
            $"guest.restore guest #{id} kanda-apache-1 of estate #{estate}: refused: the guest is active",
            $"guest.retire guest #{id} kanda-apache-1 of estate #{estate}: active -> retired",
            $"guest.edit guest #{id} kanda-apache-1: owner team-web -> team-ops; purpose public web site -> none; expiry 2026-01-31 -> 2027-03-01",
        ]);

        // A plan made now leaves the retired guest out, says so, and its check against the estate without it holds
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        var record = await host.PlannedAsync(plan);
        record.Status.ShouldBe(PlanStatus.Done);
        record.CheckerValid.ShouldBe(true);
        record.PlanJson!.ShouldNotContain("\"kanda-apache-1\"");
        record.PlanJson!.ShouldContain("\"kanda-apache-2\"");
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain("This plan leaves out 1 guest retired when it ran: kanda-apache-1.");
        (await host.Store.PlanExcludedAsync(plan)).ShouldBe(["kanda-apache-1"]);
    }

    [Fact]
    public async Task The_api_lists_and_pages_guests_and_a_write_needs_the_token_header()
    {
        await using var host = await ConsoleHost.StartAsync(time: new FixedClock(Now));
        using var admin = await host.AdminAsync();
        ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Example()));
        var id = await GuestIdAsync(host.Store, "kanda-apache-1");

        using var list = JsonDocument.Parse(await admin.TextAsync("/api/guests?limit=5&page=2&owner=team-web"));
        list.RootElement.GetProperty("held").GetProperty("guests").GetInt64().ShouldBe(2);
        list.RootElement.GetProperty("offset").GetInt32().ShouldBe(5);
        list.RootElement.GetProperty("guests").GetArrayLength().ShouldBe(0);
        using var all = JsonDocument.Parse(await admin.TextAsync("/api/guests?owner=team-web"));
        all.RootElement.GetProperty("guests").EnumerateArray().Select(g => g.GetProperty("name").GetString()).ShouldBe(["kanda-apache-1", "kanda-apache-2"]);
        using var one = JsonDocument.Parse(await admin.TextAsync($"/api/guests/{id}"));
        one.RootElement.GetProperty("guest").GetProperty("expiresOn").GetString().ShouldBe("2026-01-31");
        using var sprawl = JsonDocument.Parse(await admin.TextAsync("/api/guests/sprawl"));
        sprawl.RootElement.GetProperty("expired").GetProperty("held").GetProperty("guests").GetInt64().ShouldBe(1);
        (await admin.GetAsync("/api/guests?threshold=200")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.GetAsync("/api/guests/999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A write without the header, or with a wrong token, is refused and changes nothing
        (await admin.PostJsonAsync($"/api/guests/{id}/retire", null, null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostJsonAsync($"/api/guests/{id}/retire", null, "not-a-token")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action == "guest.retire");

        // With the session's token it is done, answered with the guest, and audited
        using var tokenDoc = JsonDocument.Parse(await admin.TextAsync("/api/antiforgery"));
        tokenDoc.RootElement.GetProperty("headerName").GetString().ShouldBe("X-Shuyaku-Antiforgery");
        var token = tokenDoc.RootElement.GetProperty("token").GetString()!;
        using var retired = await admin.PostJsonAsync($"/api/guests/{id}/retire", null, token);
        retired.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var retiredDoc = JsonDocument.Parse(await retired.Content.ReadAsStringAsync());
        retiredDoc.RootElement.GetProperty("state").GetString().ShouldBe("retired");
        (await admin.PostJsonAsync($"/api/guests/{id}/retire", null, token)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var edited = await admin.PostJsonAsync($"/api/guests/{id}/edit", new { owner = "team-ops", expires = "2027-01-01" }, token);
        edited.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await host.Store.AuditAsync()).Select(a => a.Action).Take(3).ShouldBe(["guest.edit", "guest.retire", "guest.retire"]);
    }

    private static string Section(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no section {id}");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
