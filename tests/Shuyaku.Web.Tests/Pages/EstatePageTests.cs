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
