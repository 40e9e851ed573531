using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Pages;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Planning;

/// <summary>
/// What the console stores when it happens — a what-if's or a move's failure, a what-if's answer, an audit row's detail,
/// the planner's progress — is kept as key and arguments beside its English (schema 8, docs/console.md#storage-and-migrations):
/// pages say it in the reader's language, the API and the stored English columns stay English, and rows written as text
/// by an older console show their words as stored.
/// </summary>
public sealed class StoredTextsTests
{
    private static string Spread => WhatIfPageTests.Spread;

    private static Task<(ConsoleHost Host, ConsoleClient Admin, long Plan)> PlannedAsync(string yaml) => WhatIfPageTests.PlannedAsync(yaml);

    /// <summary>Writes a row as an older console did: <paramref name="sql"/> on the console's SQLite file.</summary>
    private static async Task OlderConsoleWritesAsync(ConsoleHost host, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={host.DatabaseFile}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_what_if_the_worker_fails_says_why_in_the_reader_s_language_and_in_english_in_the_api_and_audit()
    {
        // Given a done plan and a what-if stored without the page's check, failing a host the plan does not have
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        var request = new WhatIfRequest(["host-99"], null, null, null, null, null);
        var id = await host.Store.AddWhatIfAsync(ConsoleHost.AdminName, plan, request.ToJson(), request.Summary());

        // When the worker runs it
        host.Jobs.EnqueueWhatIf(id);
        var record = await host.AnsweredAsync(id);

        // Then it failed, its message is English, and the page says it in the reader's language
        record.Status.ShouldBe(PlanStatus.Failed);
        const string English = "host 'host-99' is not in the plan; its hosts are host-01, host-02";
        record.Message.ShouldBe(English);
        admin.Speak("ja");
        var ja = await admin.TextAsync($"/what-ifs/{id}");
        ja.ShouldContain("ホスト &#39;host-99&#39; は計画にありません。計画のホストは host-01, host-02 です");
        ja.ShouldNotContain("is not in the plan");
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain("ホスト &#39;host-99&#39; は計画にありません。計画のホストは host-01, host-02 です");
        admin.Speak("en");
        (await admin.TextAsync($"/what-ifs/{id}")).ShouldContain("host &#39;host-99&#39; is not in the plan; its hosts are host-01, host-02");

        // And the API's message and the audit's detail are English whatever the request's language
        admin.Speak("ja");
        using var api = JsonDocument.Parse(await admin.TextAsync($"/api/what-ifs/{id}"));
        api.RootElement.GetProperty("message").GetString().ShouldBe(record.Message);
        (await host.Store.AuditAsync()).ShouldContain(a => a.Action == "whatif.finish" && a.Detail == $"failed: {record.Message}");

        // And a what-if failed by an older console, its message only as text, shows those words
        var old = await host.Store.AddWhatIfAsync(ConsoleHost.AdminName, plan, request.ToJson(), request.Summary());
        await OlderConsoleWritesAsync(host, "UPDATE what_ifs SET status = 'failed', progress = 'failed', message = @m, finished_at = created_at WHERE id = @id",
            ("@m", "ホスト 'host-99' は計画にありません (older words)"), ("@id", old));
        (await admin.TextAsync($"/what-ifs/{old}")).ShouldContain("ホスト &#39;host-99&#39; は計画にありません (older words)");
    }

    [Fact]
    public async Task A_move_the_estate_cannot_make_says_why_in_the_reader_s_language_and_in_english_in_the_api()
    {
        // Given a done plan of an estate with no data centre
        var (host, admin, plan) = await PlannedAsync(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        await using var _ = host;
        using var __ = admin;

        // When its move is asked
        (await admin.PostAsync($"/plans/{plan}/move", $"/plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var record = await host.MovedAsync(plan);

        // Then the page says why in the reader's language, the API in English
        record.Status.ShouldBe(PlanStatus.Infeasible);
        record.Message.ShouldNotBeNull().ShouldContain("no site has role datacenter");
        admin.Speak("ja");
        var ja = await admin.TextAsync($"/plans/{plan}/move");
        ja.ShouldContain("role: datacenter");
        ja.ShouldNotContain("no site has role datacenter");
        using var api = JsonDocument.Parse(await admin.TextAsync($"/api/plans/{plan}/move"));
        api.RootElement.GetProperty("message").GetString().ShouldBe(record.Message);
        admin.Speak("en");
        (await admin.TextAsync($"/plans/{plan}/move")).ShouldContain("no site has role datacenter");

        // And a move stored by an older console, its message only as text, shows those words
        await OlderConsoleWritesAsync(host, "UPDATE moves SET message = @m, message_text = NULL WHERE plan_id = @p", ("@m", "older words"), ("@p", plan));
        admin.Speak("ja");
        (await admin.TextAsync($"/plans/{plan}/move")).ShouldContain("older words");
    }

    [Fact]
    public async Task A_failed_move_asked_again_forgets_why_it_failed_in_every_language()
    {
        // Given a plan whose move failed (an internal error), its reason stored as text and words
        var (host, admin, plan) = await PlannedAsync(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        await using var _ = host;
        using var __ = admin;
        var first = (await host.Store.AddMoveAsync(ConsoleHost.AdminName, plan))!.Value;
        await host.Store.FinishMoveAsync(first, PlanStatus.Failed, null, null, Texts.Phrase("web.planner.bug", "InvalidOperationException", "boom"));
        (await host.Store.MoveOfPlanAsync(plan))!.Reason.ShouldNotBeNull().ShouldContain("boom");

        // When it is asked again
        (await host.Store.AddMoveAsync(ConsoleHost.AdminName, plan)).ShouldBe(first);

        // Then the queued move has no reason, neither its English nor its stored text
        var again = (await host.Store.MoveOfPlanAsync(plan))!;
        again.Status.ShouldBe(PlanStatus.Queued);
        again.Message.ShouldBeNull();
        again.Reason.ShouldBeNull();
    }

    [Fact]
    public async Task A_what_if_s_answer_shows_its_violations_in_the_reader_s_language_and_an_older_answer_as_stored()
    {
        // Given a what-if that fails a spread partner's host
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        var id = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-01")));
        (await host.AnsweredAsync(id)).Holds.ShouldBe(false);
        const string English = "after &#39;host-01&#39; fail: &#39;w1&#39; cannot be restarted on any surviving host";

        // When a Japanese reader opens it, the violations are Japanese; the stored answer keeps English
        admin.Speak("ja");
        var ja = await admin.TextAsync($"/what-ifs/{id}");
        ja.ShouldNotContain(English);
        ja.ShouldContain("&#39;host-01&#39; の故障後: &#39;w1&#39; は残るどのホストでも再起動できません");
        (await host.Store.WhatIfAsync(id))!.ResultJson.ShouldNotBeNull().ShouldContain("after 'host-01' fail: 'w1' cannot be restarted on any surviving host");
        admin.Speak("en");
        (await admin.TextAsync($"/what-ifs/{id}")).ShouldContain(English);

        // And an answer stored by an older console (no texts kept) shows its stored words
        await OlderConsoleWritesAsync(host, "UPDATE what_ifs SET answer_text = NULL WHERE id = @id", ("@id", id));
        admin.Speak("ja");
        (await admin.TextAsync($"/what-ifs/{id}")).ShouldContain(English);

        // And a re-plan's changes are said in the reader's language too, the stored answer keeping English
        var grown = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("growth", "10")));
        (await host.AnsweredAsync(grown)).ResultJson.ShouldNotBeNull().ShouldContain("\"growth 10% on every workload\"");
        var grownJa = await admin.TextAsync($"/what-ifs/{grown}");
        grownJa.ShouldContain("全ワークロードの需要を 10% 増加");
        grownJa.ShouldNotContain("growth 10% on every workload");
    }

    [Fact]
    public async Task The_audit_log_shows_details_in_the_reader_s_language_keeps_english_stored_and_older_rows_as_stored()
    {
        // Given a console with an admin, a plan and a what-if that breaks
        var (host, admin, plan) = await PlannedAsync(Spread);
        await using var _ = host;
        using var __ = admin;
        var id = ConsoleClient.IdFrom(await admin.PostAsync($"/plans/{plan}/what-if", $"/plans/{plan}", ("fail", "host-01")));
        await host.AnsweredAsync(id);
        await OlderConsoleWritesAsync(host, "INSERT INTO audit_log (actor, at, action, object, detail) VALUES ('ada', '2026-12-01T00:00:00.000Z', 'user.create', 'user bob', 'role operator (older words)')");

        // Then the stored details are English, as before
        var audit = await host.Store.AuditAsync();
        audit.ShouldContain(a => a.Action == "user.create" && a.Detail == "role admin");
        audit.ShouldContain(a => a.Action == "whatif.finish" && a.Detail == "done, breaks");
        audit.ShouldContain(a => a.Action == "plan.queue" && a.Detail.StartsWith("of estate #", StringComparison.Ordinal));

        // And the audit page says them in Japanese to a Japanese reader, in English to an English one, older rows as stored
        admin.Speak("ja");
        var ja = await admin.TextAsync("/audit");
        ja.ShouldContain("ロール: 管理者");
        ja.ShouldContain("完了、問題あり");
        ja.ShouldContain($"計画 #{plan} について: 障害 host-01");
        ja.ShouldNotContain("done, breaks");
        ja.ShouldContain("role operator (older words)");
        admin.Speak("en");
        var en = await admin.TextAsync("/audit");
        en.ShouldContain("done, breaks");
        en.ShouldContain($"of plan #{plan}: fail host-01");
    }

    [Fact]
    public async Task The_planner_s_progress_stored_in_english_is_shown_in_the_reader_s_language_and_older_lines_as_stored()
    {
        // Given two plans left waiting (not handed to the planner), one at a progress line of Core's planner in English,
        // the other at a line an older console stored in the language it ran in
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", Spread));
        var english = (await host.Store.AddPlanAsync(ConsoleHost.AdminName, estate))!.Value;
        await host.Store.SetProgressAsync(english, "searching: 12 hosts, lower bound 10, 1.5 s");
        var older = (await host.Store.AddPlanAsync(ConsoleHost.AdminName, estate))!.Value;
        await host.Store.SetProgressAsync(older, "探索中: ホスト 9 台 (older words)");

        // When a Japanese reader opens them
        admin.Speak("ja");

        // Then the English line is said in Japanese, on the plan's page and the estate's, and the older one as stored
        (await admin.TextAsync($"/plans/{english}")).ShouldContain("探索中: ホスト 12 台、下界 10、1.5 秒");
        (await admin.TextAsync($"/estates/{estate}")).ShouldContain("探索中: ホスト 12 台、下界 10、1.5 秒");
        (await admin.TextAsync($"/plans/{older}")).ShouldContain("探索中: ホスト 9 台 (older words)");

        // And the API gives the stored English
        using var api = JsonDocument.Parse(await admin.TextAsync($"/api/plans/{english}"));
        api.RootElement.GetProperty("progress").GetString().ShouldBe("searching: 12 hosts, lower bound 10, 1.5 s");
    }
}
