using System.Net;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

public sealed class EstatePageTests
{
    private static string Example => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));

    [Fact]
    public async Task Page_uploads_over_the_limit_answer_413_with_the_limit_and_store_nothing()
    {
        // Given a console that takes at most 1 KiB per upload, an operator's session, and an estate stored without a page
        await using var host = await ConsoleHost.StartAsync(maxUploadBytes: 1024);
        using var admin = await host.AdminAsync();
        var estate = await host.Store.AddEstateAsync("ada", "e", "e.yaml", "name: e", "digest", [new NewGuest("g", 1, 1024, 0, null, null, null, null)]);
        var rows = new string('#', 700);

        // When an estate file over the limit, two files that are each under it but over it together, a body over the limit and
        // the form's slack (refused by its length before the form is read), and measurements over the limit are uploaded
        using var one = await admin.UploadAsync("estate.yaml", "name: e\n" + new string('#', 4096));
        using var together = await admin.PostFilesAsync("/estates", "/estates/new", ("file", "RVTools_tabvInfo.csv", rows), ("file", "RVTools_tabvHost.csv", rows));
        using var huge = await admin.UploadAsync("estate.yaml", "name: e\n" + new string('#', 200 * 1024));
        using var measurements = await admin.PostFileAsync($"/estates/{estate}/measurements", $"/estates/{estate}", "load.csv", "workload,timestamp,metric,value\n" + rows + rows);

        // Then each answers 413 with a page that names the limit, never an error of the form's token nor a server error
        foreach (var response in new[] { one, together, huge, measurements })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("1024");
            html.ShouldContain("<html lang=\"en\">");
        }

        (await host.Store.EstatesAsync()).Count.ShouldBe(1);
        var audit = await host.Store.AuditAsync();
        audit.Count(a => a.Action == "estate.upload").ShouldBe(1, "only the estate stored without a page");
        audit.ShouldNotContain(a => a.Action == "guest.measurements");
    }

    [Fact]
    public async Task An_invalid_estate_shows_each_error_with_line_and_column_and_nothing_is_stored()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var broken = Example.Replace("name: University core network services, 2001 design", "name: [unclosed", StringComparison.Ordinal);

        using var response = await admin.UploadAsync("broken.yaml", broken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("broken.yaml has 1 error; nothing was stored.");
        html.ShouldMatch(@"<li><code>broken\.yaml:\d+:\d+</code> ");
        (await host.Store.EstatesAsync()).ShouldBeEmpty();
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action == "estate.upload");
    }

    [Fact]
    public async Task An_uploaded_estate_is_planned_in_the_background_and_its_plan_page_and_downloads_show_the_plan()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Example));
        (await admin.TextAsync($"/estates/{estate}")).ShouldContain("University core network services, 2001 design");

        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        var record = await host.PlannedAsync(plan);

        record.Status.ShouldBe(PlanStatus.Done);
        record.CheckerValid.ShouldBe(true);
        var page = await admin.TextAsync($"/plans/{plan}");
        page.ShouldContain($"<b id=\"host-count\">{record.Hosts} hosts</b>");
        page.ShouldContain("<section id=\"hosts\">");
        page.ShouldContain("<span class=\"u\"><svg");
        var json = PlanJson.Read(await admin.TextAsync($"/plans/{plan}/plan.json"), "plan.json");
        json.Succeeded.ShouldBeTrue();
        json.Value!.Hosts.Count.ShouldBe((int)record.Hosts!.Value);
        (await admin.TextAsync($"/plans/{plan}/placement.csv")).Split('\n')[0].ShouldBe(Shuyaku.Core.Reporting.PlacementCsv.Header);
        using var report = await admin.GetAsync($"/plans/{plan}/report.html");
        report.Content.Headers.ContentDisposition!.FileName.ShouldBe("report.html");
        report.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("default-src 'none'; style-src 'unsafe-inline'");
        (await admin.TextAsync("/")).ShouldContain($"<a href=\"/plans/{plan}\">plan #{plan}</a> done");
        (await admin.TextAsync("/api/estates")).ShouldContain($"\"hosts\":{record.Hosts}");
    }
}
