using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Planning;

/// <summary>
/// Why a plan failed is stored as a key and its arguments beside its English (docs/console.md#languages): the plan's page
/// says it in the viewer's language, the API and the audit in English, and plans stored before still read.
/// </summary>
public sealed class PlanReasonTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    [Fact]
    public async Task A_failed_plan_s_reason_is_shown_in_the_viewer_s_language_and_stays_english_in_the_api_and_audit()
    {
        // Given an estate whose every guest is retired
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1))));
        var (guests, _) = await host.Store.GuestsAsync(new GuestQuery { EstateId = estate, Today = Today, Limit = 1000 });
        foreach (var guest in guests)
        {
            (await host.Store.SetGuestStateAsync(ConsoleHost.AdminName, guest.Id, "retire")).ShouldBe(ConsoleStore.GuestChange.Done);
        }

        // When it is planned
        var plan = ConsoleClient.IdFrom(await admin.PostAsync($"/estates/{estate}/plans", $"/estates/{estate}"));
        var record = await host.PlannedAsync(plan);

        // Then the page says why in Japanese to a Japanese reader and in English to an English one
        record.Status.ShouldBe(PlanStatus.Failed);
        const string English = "every guest of the estate is retired: there is nothing to plan";
        record.Message.ShouldBe(English);
        admin.Speak("ja");
        var ja = await admin.TextAsync($"/plans/{plan}");
        ja.ShouldContain("estate のゲストがすべて廃止済みのため、計画するものがありません");
        ja.ShouldNotContain(English);
        admin.Speak("en");
        (await admin.TextAsync($"/plans/{plan}")).ShouldContain(English);

        // And the API's message and the audit's detail are English whatever the request's language
        admin.Speak("ja");
        using var api = JsonDocument.Parse(await admin.TextAsync($"/api/plans/{plan}"));
        api.RootElement.GetProperty("message").GetString().ShouldBe(English);
        (await host.Store.AuditAsync()).ShouldContain(a => a.Action == "plan.finish" && a.Detail == $"failed: {English}");

        // And a what-if asked of it is refused in the request's language, the reason inside it too
        using var refused = await admin.SendAsync(HttpMethod.Post, $"/api/plans/{plan}/what-if", JsonContent.Create(new { fail = new[] { "host-01" } }), await admin.ApiTokenAsync());
        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        error.ShouldBe($"計画 #{plan} の状態は「失敗」です。what-if には完了した計画が必要です (計画 #{plan} は完了していません)");
    }

    [Fact]
    public async Task A_plan_stored_with_english_only_or_with_a_text_this_build_does_not_know_shows_its_stored_words()
    {
        // Given plans finished as before the reason was kept (English only), and one whose kept text names an unknown key
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var estate = ConsoleClient.IdFrom(await admin.UploadAsync("estate.yaml", TestEstates.Estate(TestEstates.Workloads(1, 1, 1))));
        var old = (await host.Store.AddPlanAsync(ConsoleHost.AdminName, estate))!.Value;
        await host.Store.FinishPlanAsync(old, new PlanResult(PlanStatus.Failed, null, null, null, null, null, null, "the estate no longer reads: e.yaml:1:1 broken"));
        var unknown = (await host.Store.AddPlanAsync(ConsoleHost.AdminName, estate))!.Value;
        await host.Store.FinishPlanAsync(unknown, new PlanResult(PlanStatus.Failed, null, null, null, null, null, null, "a reason from a newer build",
            StoredText.Of("web.planner.from-the-future")));

        // When a Japanese reader opens them
        admin.Speak("ja");

        // Then each shows the words it stored
        (await admin.TextAsync($"/plans/{old}")).ShouldContain("the estate no longer reads: e.yaml:1:1 broken");
        (await admin.TextAsync($"/plans/{unknown}")).ShouldContain("a reason from a newer build");
    }

    [Fact]
    public void A_stored_text_keeps_core_s_phrases_console_keys_and_words_said_in_each_language_through_json()
    {
        // Given a console text around a Core phrase and around words said in each language
        var core = Shuyaku.Core.Localization.Texts.Phrase("planner.infeasible.host-model", "box", "m1, m2");
        var text = StoredText.Of("web.planner.unreadable", StoredText.From(core));
        var said = StoredText.Of("web.planner.unreadable", StoredText.InEachLanguage(() => Language.Current == Language.Japanese ? "日本語で" : "in English"));

        // When they are stored and read back
        var back = StoredText.FromJson(text.ToJson())!;
        var saidBack = StoredText.FromJson(said.ToJson())!;

        // Then each reads the same in both languages as before it was stored, Core's part as Core says it
        var ja = Language.Culture(Language.Japanese);
        back.In(ja).ShouldBe(text.In(ja));
        back.In(ja).ShouldContain(core.In(ja));
        back.English.ShouldBe("the estate no longer reads: " + core.English);
        saidBack.In(ja).ShouldBe(WebText(ja, "web.planner.unreadable", "日本語で"));
        saidBack.English.ShouldBe("the estate no longer reads: in English");
        StoredText.FromJson("not json").ShouldBeNull();
        StoredText.FromJson("""{"key":"web.planner.unreadable"}""").ShouldBeNull();
    }

    private static string WebText(CultureInfo culture, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Shuyaku.Web.Localization.Texts.In(culture, key), args);
}
