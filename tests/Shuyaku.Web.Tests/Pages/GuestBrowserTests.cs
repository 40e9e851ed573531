using Microsoft.Playwright;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>
/// Guests in headless Chromium: set up the first admin with the token, sign in, upload an estate and its measurements,
/// plan it, open a host and ask what happens when it fails, open the sprawl and the guests, retire an idle guest and
/// find it in the audit log, then switch to Japanese; on SQLite here, on PostgreSQL in <see cref="PostgresBrowserTests"/>.
/// With SHUYAKU_SCREENSHOTS=1 (SQLite only) it also writes docs/console-dashboard.png, docs/console-plan.png,
/// docs/console-host.png, docs/console-sprawl.png, docs/console-ja-plan.png and docs/console-ja-sprawl.png.
/// </summary>
public sealed class GuestBrowserTests
{
    /// <summary>
    /// Each browser wait's bound. `dotnet test` runs the test assemblies side by side, so on a 2-core CI machine the
    /// console shares the processor with the solver tests: one sign-in's redirect once took over 20 s there.
    /// </summary>
    private const int TimeoutMs = 60_000;

    [ChromiumFact]
    public Task An_admin_uploads_an_estate_and_its_measurements_opens_a_host_asks_a_what_if_finds_the_idle_guest_in_the_sprawl_retires_it_and_sees_it_in_the_audit() =>
        FlowAsync(null, Environment.GetEnvironmentVariable("SHUYAKU_SCREENSHOTS") == "1");

    /// <summary>The whole flow on <paramref name="database"/> (SQLite when null).</summary>
    internal static async Task FlowAsync(DatabaseOptions? database, bool screenshots)
    {
        using var folder = new TempFolder();
        var estateFile = folder.Write("estate.yaml", GuestPageTests.Example());
        var measurementsFile = folder.Write("load.csv", GuestPageTests.Measurements);
        await using var host = await ConsoleHost.StartAsync(database: database, time: new FixedClock(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero)));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = TimeoutMs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var errors = new List<string>();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(TimeoutMs);
        var failed = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                failed.Add(r.Url);
            }
        };
        page.Console += (_, m) =>
        {
            // A refused resource is reported below by its address; every other console error fails the test.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(m.Text);
            }
        };

        async Task Shot(string name)
        {
            if (screenshots)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Root, "docs", name), FullPage = true });
            }
        }

        // Set up, sign in, upload the estate and its measurements
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
        await page.GotoAsync(host.BaseUrl + "/estates/new");
        await page.SetInputFilesAsync("input[name=file]", estateFile);
        await page.ClickAsync("button:text-is('Upload')");
        await page.WaitForURLAsync("**/estates/1");
        await page.SetInputFilesAsync("input[name=file]", measurementsFile);
        await page.ClickAsync("button:text-is('Upload measurements')");
        (await page.Locator("#stored").InnerTextAsync()).ShouldBe("load.csv: 3 series read, 2 guests matched by name, 3 days stored.");

        // Plan it, and look at the plan and the dashboard
        await page.GotoAsync(host.BaseUrl + "/estates/1");
        await page.ClickAsync("button:text-is('Plan')");
        await page.WaitForURLAsync("**/plans/1");
        await page.Locator("#host-count").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        await Shot("console-plan.png");

        // Open host-01: its resources with their bars, and its guests
        await page.ClickAsync("#host-links a:text-is('host-01')");
        await page.WaitForURLAsync("**/plans/1/hosts/host-01");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Host host-01");
        (await page.Locator("#host-facts").InnerTextAsync()).ShouldStartWith("Plan #1: host model ");
        (await page.Locator("table").First.Locator("tbody tr").CountAsync()).ShouldBe(4);
        (await page.Locator("table").First.Locator("svg").CountAsync()).ShouldBe(4);
        await Shot("console-host.png");

        // Ask what happens when it fails; the answer page refreshes itself until the background job is done
        await page.ClickAsync("button:text-is('What if this host fails?')");
        await page.WaitForURLAsync("**/what-ifs/1");
        await page.Locator("#verdict").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        (await page.Locator("#failure").InnerTextAsync()).ShouldBe("When host-01 fails");
        (await page.Locator("#verdict").InnerTextAsync()).ShouldBe("Nothing breaks.");
        await page.ClickAsync(".bar a:text-is('Dashboard')");
        (await page.Locator("table tbody tr").CountAsync()).ShouldBe(1);
        await Shot("console-dashboard.png");

        // The sprawl lists kanda-apache-1 as idle; its page retires it
        await page.ClickAsync(".bar a:text-is('Sprawl')");
        (await page.Locator("section#idle tbody tr").CountAsync()).ShouldBe(1);
        await Shot("console-sprawl.png");
        await page.ClickAsync(".bar a:text-is('Guests')");
        await page.SelectOptionAsync("select[name=list]", "idle");
        await page.ClickAsync("button:text-is('Filter')");
        await page.ClickAsync("a:text-is('kanda-apache-1')");
        (await page.Locator("#verdict").InnerTextAsync()).ShouldEndWith("idle");
        await page.ClickAsync("button:text-is('Retire')");
        (await page.Locator("#state").InnerTextAsync()).ShouldBe("retired");
        await page.ClickAsync(".bar a:text-is('Sprawl')");
        (await page.Locator("section#idle").InnerTextAsync()).ShouldContain("None.");

        // The audit log has the retire, by ada
        await page.ClickAsync(".bar a:text-is('Audit log')");
        var row = page.Locator("tr", new PageLocatorOptions { HasText = "guest.retire" });
        (await row.CountAsync()).ShouldBe(1);
        (await row.InnerTextAsync()).ShouldContain("kanda-apache-1");
        (await row.InnerTextAsync()).ShouldContain("active -> retired");

        // 日本語: the bar's link switches the language and comes back to the same page; the plan (Core's report sections
        // included) and the sprawl then read in Japanese
        await page.ClickAsync(".bar .lang a[lang=ja]");
        await page.WaitForURLAsync("**/audit");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("ja");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("監査ログ");
        await page.GotoAsync(host.BaseUrl + "/plans/1");
        (await page.Locator("#host-count").InnerTextAsync()).ShouldStartWith("ホスト ");
        (await page.Locator("section#summary h2").InnerTextAsync()).ShouldBe("概要");
        await Shot("console-ja-plan.png");
        await page.ClickAsync(".bar a:text-is('VM スプロール')");
        (await page.Locator("section#idle h2").InnerTextAsync()).ShouldBe("アイドル状態のゲスト");
        await Shot("console-ja-sprawl.png");
        errors.ShouldBeEmpty();
        failed.ShouldAllBe(u => u == host.BaseUrl + "/favicon.ico", "only the browser's own favicon request may fail: the console has no icon");
    }
}
