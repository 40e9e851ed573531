using Microsoft.Playwright;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Reporting;

/// <summary>A test that needs Debian's chromium at <see cref="ReportBrowserTests.Chromium"/>; skipped, saying why, when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(ReportBrowserTests.Chromium))
        {
            Skip = $"{ReportBrowserTests.Chromium} is not installed: apt-get install -y chromium (listed in .ci/apt-packages) to run the browser tests.";
        }
    }
}

/// <summary>
/// Opens the report in headless Chromium (Debian's, driven by Playwright; no browser is downloaded): every section is
/// there, no request leaves the page, no console error, no horizontal scroll at 400 px, and it prints. With
/// SHUYAKU_SCREENSHOTS=1 it also writes docs/report-desktop.png and docs/report-phone.png of the example's report.
/// </summary>
public class ReportBrowserTests
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The address the report is served at, by the test's own route: nothing goes to the network.</summary>
    private const string PageUrl = "http://report.invalid/report.html";

    private const int TimeoutMs = 15_000;

    private sealed class Session : IAsyncDisposable
    {
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IPage Page { get; init; }
        public List<string> Requests { get; } = [];
        public List<string> Blocked { get; } = [];
        public List<string> Errors { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await Browser.CloseAsync();
            Playwright.Dispose();
        }
    }

    private static async Task<Session> Open(string html, int width, int height)
    {
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = TimeoutMs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = 1 });
        page.SetDefaultTimeout(TimeoutMs);
        var session = new Session { Playwright = playwright, Browser = browser, Page = page };
        page.Request += (_, r) => session.Requests.Add(r.Url);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                session.Errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => session.Errors.Add(e);
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Url == PageUrl)
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
                return;
            }

            session.Blocked.Add(route.Request.Url);
            await route.AbortAsync();
        });
        await page.GotoAsync(PageUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = TimeoutMs });
        return session;
    }

    private static string SampleReport()
    {
        var (estate, plan) = ReportSamples.Planned();
        return HtmlReport.Render(estate, plan, ReportSamples.Move(estate));
    }

    [ChromiumFact]
    public async Task Every_section_shows_and_nothing_leaves_the_page()
    {
        await using var s = await Open(SampleReport(), 1200, 900);
        foreach (var (id, title) in HtmlReport.Sections)
        {
            (await s.Page.Locator($"#{id} > h2").InnerTextAsync()).ShouldBe(title);
            (await s.Page.Locator($"#{id} > h2").IsVisibleAsync()).ShouldBeTrue(id);
        }

        (await s.Page.Locator("svg").CountAsync()).ShouldBeGreaterThan(10);
        (await s.Page.Locator("script").CountAsync()).ShouldBe(0);
        (await s.Page.TitleAsync()).ShouldStartWith("Shuyaku report — Campus & co <script>");
        s.Blocked.ShouldBeEmpty();
        s.Requests.Where(u => u != PageUrl && !u.StartsWith("data:", StringComparison.Ordinal)).ShouldBeEmpty();
        s.Requests.Count(u => u == PageUrl).ShouldBe(1);
        s.Errors.ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task A_400_pixel_phone_needs_no_horizontal_scroll()
    {
        await using var s = await Open(SampleReport(), 400, 800);
        var scroll = await s.Page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        scroll.ShouldBeLessThanOrEqualTo(402);
        var body = await s.Page.EvaluateAsync<int>("document.body.scrollWidth");
        body.ShouldBeLessThanOrEqualTo(402);

        // Wide tables scroll inside their own box instead.
        var widest = await s.Page.EvaluateAsync<int>("Math.max(...[...document.querySelectorAll('.scroll')].map(e => e.getBoundingClientRect().right))");
        widest.ShouldBeLessThanOrEqualTo(402);
        s.Errors.ShouldBeEmpty();
    }

    [ChromiumFact]
    public async Task It_prints()
    {
        await using var s = await Open(SampleReport(), 1200, 900);
        await s.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await s.Page.EvaluateAsync<string>("getComputedStyle(document.querySelector('nav')).display")).ShouldBe("none");
        (await s.Page.Locator("#cost > h2").IsVisibleAsync()).ShouldBeTrue();
        var pdf = await s.Page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        pdf.Length.ShouldBeGreaterThan(10_000);
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        s.Blocked.ShouldBeEmpty();
        s.Errors.ShouldBeEmpty();
    }

    /// <summary>Writes the screenshots committed under docs/ (SHUYAKU_SCREENSHOTS=1); passes without doing anything otherwise.</summary>
    [ChromiumFact]
    public async Task Screenshots_of_the_example()
    {
        if (Environment.GetEnvironmentVariable("SHUYAKU_SCREENSHOTS") != "1")
        {
            return;
        }

        var estate = EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")).Value!;
        var plan = Planner.Plan(estate, new PlanOptions()).Plan!;
        var html = HtmlReport.Render(estate, plan, Shuyaku.Cli.Commands.ReportCommand.LoadOrComputeMove(estate, plan, null, out _));
        foreach (var (name, width, height) in new[] { ("report-desktop.png", 1200, 2000), ("report-phone.png", 400, 1800) })
        {
            await using var s = await Open(html, width, height);
            await s.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepositoryPaths.Root, "docs", name) });
            s.Errors.ShouldBeEmpty();
        }
    }
}
