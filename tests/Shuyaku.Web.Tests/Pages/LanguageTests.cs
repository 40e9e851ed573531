using System.Net;
using Shuyaku.Web.Storage;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>
/// The console's pages in English and Japanese (docs/console.md#languages): chosen by the browser's Accept-Language, or
/// by the language a user picked (the shuyaku.lang cookie); forms post in both; the JSON API is the same in both.
/// </summary>
public sealed class LanguageTests
{
    private static string Example => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));

    [Theory]
    [InlineData("ja", "ja")]
    [InlineData("ja-JP,ja;q=0.9,en;q=0.8", "ja")]
    [InlineData("fr-FR, ja;q=0.5", "ja")]
    [InlineData("en-US,en;q=0.9", "en")]
    [InlineData("de", "en")]
    [InlineData(null, "en")]
    public async Task A_page_speaks_the_language_the_browser_asks_for_and_html_lang_says_which(string? acceptLanguage, string expected)
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = host.Client();
        client.Speak(acceptLanguage);

        using var response = await client.GetAsync("/login");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLanguage.ShouldBe([expected]);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain($"<html lang=\"{expected}\">");
        if (expected == "ja")
        {
            html.ShouldContain("<title>サインイン — Shuyaku</title>");
            html.ShouldContain("<label>パスワード<input name=\"password\"");
            html.ShouldNotContain(">Password<", Case.Sensitive);
            html.ShouldContain("<b lang=\"ja\">日本語</b>");
        }
        else
        {
            html.ShouldContain("<title>Sign in — Shuyaku</title>");
            html.ShouldContain("<label>Password<input name=\"password\"");
            html.ShouldContain("<a lang=\"ja\" hreflang=\"ja\" href=\"/language/ja?return=%2Flogin\">日本語</a>");
        }
    }

    [Fact]
    public async Task The_start_up_lines_are_in_the_language_serve_runs_in_and_the_token_reads_the_same()
    {
        // Given a console started in Japanese on a new database
        ConsoleHost host;
        using (Shuyaku.Core.Localization.Language.Use(Shuyaku.Core.Localization.Language.Japanese))
        {
            host = await ConsoleHost.StartAsync();
        }

        await using var _ = host;

        // Then its lines are Japanese, and the token it printed sets up the first admin
        host.Output.ShouldMatch(@"^データベース: SQLite .+console\.db、スキーマのバージョン \d+ \(今回適用: " + string.Join(", ", Migrations.All.Select(m => m.Version)) + @"\)。\nユーザはまだいません。一回限りの設定トークン: [0-9A-Z-]{24}\n" +
                                "コンソールで /setup を開き、このトークンを入力して最初の管理者を作成してください。");
        host.Output.ShouldNotContain("token", Case.Insensitive);
        using var admin = await host.AdminAsync();
    }

    [Fact]
    public async Task A_what_if_s_request_reads_in_the_viewer_s_language_while_the_audit_keeps_english()
    {
        // Given a done plan and a what-if asked of it
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1))));
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (await host.PlannedAsync(plan)).Status.ShouldBe(PlanStatus.Done);
        var whatIf = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-01")));
        await host.AnsweredAsync(whatIf);

        // When a Japanese reader opens the what-if and the plan
        admin.Speak("ja");
        var page = await admin.TextAsync($"/what-ifs/{whatIf}");
        var planPage = await admin.TextAsync($"/plans/{plan}");

        // Then both say what was asked in Japanese; the audit and the API keep the English summary
        page.ShouldContain("障害 host-01");
        planPage.ShouldContain("<td>障害 host-01</td>");
        page.ShouldNotContain("fail host-01");
        (await host.Store.AuditAsync()).ShouldContain(a => a.Action == "whatif.run" && a.Detail == $"of plan #{plan}: fail host-01");
        (await admin.TextAsync($"/api/what-ifs/{whatIf}")).ShouldContain("\"summary\":\"fail host-01\"");
    }

    [Fact]
    public void The_console_s_own_progress_lines_and_a_request_in_a_line_are_said_in_the_reader_s_language()
    {
        var request = new Shuyaku.Web.Planning.WhatIfRequest(["h1", "h2"], "10", ["w=2"], null, "cpu=80", "big");
        request.Describe().ShouldBe("fail h1,h2; growth 10; add w=2; headroom cpu=80; host model big");
        request.Describe(Shuyaku.Core.Localization.Language.Culture("ja")).ShouldBe("障害 h1,h2; 増加 10; 追加 w=2; 余裕率 cpu=80; ホスト機種 big");
        new Shuyaku.Web.Planning.WhatIfRequest(null, " ", null, null, null, null).Describe(Shuyaku.Core.Localization.Language.Culture("ja")).ShouldBe("変更なし");
        using (Shuyaku.Core.Localization.Language.Use("ja"))
        {
            Shuyaku.Web.Pages.Html.ProgressLine("waiting for the planner").ShouldBe("プランナの順番を待っています");
            Shuyaku.Web.Pages.Html.ProgressLine("reading the estate and the plan").ShouldBe("estate と計画を読んでいます");
            Shuyaku.Web.Pages.Html.ProgressLine("done").ShouldBe("完了");
            Shuyaku.Web.Pages.Html.ProgressLine("placing on model m1").ShouldBe("model m1 に配置中");
            Shuyaku.Web.Pages.Html.ProgressLine("searching: 12 hosts, lower bound 10, 1.5 s").ShouldBe("探索中: ホスト 12 台、下界 10、1.5 秒");
            Shuyaku.Web.Pages.Html.ProgressLine("model m1 に配置中").ShouldBe("model m1 に配置中");
            Shuyaku.Web.Pages.Html.ProgressLine("placing the model m1").ShouldBe("placing the model m1");
        }
    }

    [Fact]
    public async Task A_page_that_does_not_exist_says_so_in_the_reader_s_language()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        admin.Speak("ja");

        using var response = await admin.GetAsync("/estates/x");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<p>ページ /estates/x は存在しません。</p>");
    }

    [Fact]
    public async Task Errors_for_people_are_in_japanese_and_keep_file_line_and_column()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        admin.Speak("ja");
        var broken = Example.Replace("name: University core network services, 2001 design", "name: [unclosed", StringComparison.Ordinal);

        using var response = await admin.UploadAsync("broken.yaml", broken);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("broken.yaml にエラーが 1 件あります。何も保存していません。");
        html.ShouldMatch(@"<li><code>broken\.yaml:\d+:\d+</code> ");
        html.ShouldContain("が閉じられていません"); // Core's estate reader ("this '[' is not closed"), in the request's language
    }

    [Fact]
    public async Task The_chosen_language_overrides_the_browser_s_forms_still_post_and_the_api_answers_the_same_in_both()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        admin.Speak("en-US,en;q=0.9");

        // Choosing Japanese: a cookie, and back to the page the link was on (only ever a page of this site)
        using (var chosen = await admin.GetAsync("/language/ja?return=%2Fguests%3Flist%3Didle"))
        {
            chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            chosen.Headers.Location!.OriginalString.ShouldBe("/guests?list=idle");
            chosen.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("shuyaku.lang=ja;", StringComparison.Ordinal));
        }

        using (var elsewhere = await admin.GetAsync("/language/ja?return=%2F%2Fevil.example%2F"))
        {
            elsewhere.Headers.Location!.OriginalString.ShouldBe("/");
        }

        (await admin.GetAsync("/language/fr")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var dashboard = await admin.TextAsync("/");
        dashboard.ShouldContain("<html lang=\"ja\">");
        dashboard.ShouldContain("<h1>ダッシュボード</h1>");
        dashboard.ShouldContain("<span class=\"who\">ada (管理者)</span>");

        // Forms post in Japanese: the upload and the plan carry their antiforgery tokens; a post without one is refused
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Example));
        (await admin.TextAsync($"/estates/{estate}")).ShouldContain("<button type=\"submit\">計画する</button>");
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        (await admin.PostAsync($"/estates/{estate}/plans", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var record = await host.PlannedAsync(plan);
        record.Status.ShouldBe(PlanStatus.Done);

        // The plan page in Japanese: the console's words and Core's report sections embedded in it
        var ja = await admin.TextAsync($"/plans/{plan}");
        ja.ShouldContain($"<b id=\"host-count\">ホスト {record.Hosts} 台</b>");
        ja.ShouldContain("<h2>概要</h2>");
        ja.ShouldContain("<h2 id=\"what-if\">What-if</h2>");
        ja.ShouldContain("データセンタへの移行");
        var apiJa = await admin.TextAsync("/api/estates");
        var planJa = await admin.TextAsync($"/api/plans/{plan}");
        var fileJa = await admin.TextAsync($"/plans/{plan}/plan.json");

        // Back to English by the other link: the same pages in English, the same API answers and files
        (await admin.GetAsync("/language/en")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        admin.Speak("ja");
        var en = await admin.TextAsync($"/plans/{plan}");
        en.ShouldContain("<html lang=\"en\">");
        en.ShouldContain($"<b id=\"host-count\">{record.Hosts} hosts</b>");
        en.ShouldContain("<h2>Summary</h2>");
        en.ShouldContain("Move into the data centre");
        (await admin.TextAsync("/api/estates")).ShouldBe(apiJa);
        (await admin.TextAsync($"/api/plans/{plan}")).ShouldBe(planJa);
        (await admin.TextAsync($"/plans/{plan}/plan.json")).ShouldBe(fileJa);
    }
}
