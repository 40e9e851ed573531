using Microsoft.Playwright;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>A test that needs Debian's chromium; skipped, saying why, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} is not installed: apt-get install -y chromium (listed in .ci/apt-packages) to run the browser tests.";
        }
    }
}

/// <summary>The console in headless Chromium (Debian's, driven by Playwright): the first admin's whole first session.</summary>
public sealed class BrowserTests
{
    /// <summary>
    /// Each browser wait's bound. `dotnet test` runs the test assemblies side by side, so on a 2-core CI machine the
    /// console shares the processor with the solver tests: one sign-in's redirect once took over 20 s there.
    /// </summary>
    private const int TimeoutMs = 60_000;

    [ChromiumFact]
    public async Task An_admin_sets_up_signs_in_uploads_the_example_plans_it_sees_5_hosts_and_downloads_plan_json()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = TimeoutMs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var requests = new List<string>();
        var blocked = new List<string>();
        var errors = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url.StartsWith(host.BaseUrl + "/", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            blocked.Add(route.Request.Url);
            await route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };

        // Set up the first admin with the printed token, then sign in
        await page.GotoAsync(host.BaseUrl + "/setup");
        await page.FillAsync("input[name=token]", host.Token);
        await page.FillAsync("input[name=name]", "ada");
        await page.FillAsync("input[name=password]", ConsoleHost.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/login?created=ada");
        await page.FillAsync("input[name=name]", "ada");
        await page.FillAsync("input[name=password]", ConsoleHost.Password);
        await page.ClickAsync("form.stack button[type=submit]");
        await page.WaitForURLAsync(host.BaseUrl + "/");
        (await page.Locator(".who").InnerTextAsync()).ShouldBe("ada (admin)");

        // Upload the bundled example
        await page.ClickAsync("text=Upload an estate");
        await page.SetInputFilesAsync("input[name=file]", Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        await page.ClickAsync("form.stack button[type=submit]");
        await page.WaitForURLAsync("**/estates/1");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("University core network services, 2001 design");

        // Plan it: the plan page refreshes itself until the plan is there
        await page.ClickAsync("text=Plan");
        await page.WaitForURLAsync("**/plans/1");
        await page.Locator("#host-count").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        (await page.Locator("#host-count").InnerTextAsync()).ShouldBe("5 hosts");
        (await page.Locator("#headline").InnerTextAsync()).ShouldContain("holds");
        (await page.Locator("section#hosts table tbody tr").CountAsync()).ShouldBe(5);

        // Download plan.json
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href='/plans/1/plan.json']"));
        download.SuggestedFilename.ShouldBe("plan.json");
        var plan = PlanJson.Read(await File.ReadAllTextAsync((await download.PathAsync())!), "plan.json");
        plan.Succeeded.ShouldBeTrue();
        plan.Value!.Hosts.Count.ShouldBe(5);

        // Nothing left 127.0.0.1, and the page broke no rule of its own policy
        blocked.ShouldBeEmpty();
        requests.ShouldAllBe(u => u.StartsWith(host.BaseUrl + "/", StringComparison.Ordinal));
        requests.ShouldContain(host.BaseUrl + "/static/console.css");
        errors.ShouldBeEmpty();
    }
}
