using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shuyaku.Core.Localization;
using Shuyaku.Web.Tests.Support;
using static Shuyaku.Web.Tests.Support.ApiCallers;
using WebTexts = Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Tests.Api;

/// <summary>
/// The API's error texts in the request's language (Accept-Language, or the shuyaku.lang cookie as the pages), while its
/// status codes and JSON keys stay the same in every language (docs/console.md#languages).
/// </summary>
public sealed class ApiLanguageTests
{
    /// <summary>One refused request: what to send, and the status and text (a resource key's, in a language) it answers.</summary>
    private sealed record Refusal(HttpMethod Method, string Path, Func<HttpContent?> Body, bool Token, HttpStatusCode Status, string Key, Func<string> Text);

    private static string In(string language, Func<string> text)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Language.Culture(language);
        try
        {
            return text();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static async Task<(HttpStatusCode Status, string[] Keys, string Text)> SendAsync(ConsoleClient client, string token, Refusal r)
    {
        using var response = await client.SendAsync(r.Method, r.Path, r.Body(), r.Token ? token : null);
        var json = await JsonAsync(response);
        var keys = json.EnumerateObject().Select(p => p.Name).ToArray();
        var value = json.GetProperty(r.Key);
        var text = value.ValueKind == JsonValueKind.Array ? value[0].ValueKind == JsonValueKind.Object ? value[0].GetProperty("message").GetString()! : value[0].GetString()! : value.GetString()!;
        return (response.StatusCode, keys, text);
    }

    [Fact]
    public async Task The_older_endpoints_refuse_in_the_request_s_language_with_the_same_status_and_keys()
    {
        // Given the first admin, and requests each of the older endpoints refuses
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var token = await admin.ApiTokenAsync();
        var ada = (await host.Store.FindUserAsync(ConsoleHost.AdminName))!.Id;
        static HttpContent Plain(string text) => new StringContent(text, Encoding.UTF8, "text/plain");
        Refusal[] refusals =
        [
            new(HttpMethod.Get, "/api/estates/999", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.estate", 999))),
            new(HttpMethod.Get, "/api/estates/999/plans", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.estate", 999))),
            new(HttpMethod.Get, "/api/plans/999", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.plan", 999))),
            new(HttpMethod.Get, "/api/what-ifs/999", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.what-if", 999))),
            new(HttpMethod.Get, "/api/plans/x", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.api.no-endpoint", "/api/plans/x")),
            new(HttpMethod.Get, "/api/users/999", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.user", 999))),
            new(HttpMethod.Get, "/api/guests/999", () => null, false, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.guest", 999))),
            new(HttpMethod.Get, "/api/guests?threshold=200", () => null, false, HttpStatusCode.BadRequest, "error", () => WebTexts.Get("web.query.threshold")),
            new(HttpMethod.Get, "/api/guests/sprawl?window=0", () => null, false, HttpStatusCode.BadRequest, "error", () => WebTexts.Format("web.query.window", Shuyaku.Core.Traces.Activity.MaxWindowDays)),
            new(HttpMethod.Delete, $"/api/users/{ada}", () => null, true, HttpStatusCode.Conflict, "error", () => WebTexts.Get("web.users.last-admin")),
            new(HttpMethod.Post, "/api/users", () => Plain("x"), true, HttpStatusCode.UnsupportedMediaType, "error", () => WebTexts.Get("web.api.user-json")),
            new(HttpMethod.Post, "/api/users", () => JsonContent.Create(new { name = "eve", password = ConsoleHost.Password, role = "root" }), true, HttpStatusCode.BadRequest, "error",
                () => WebTexts.Get("web.users.bad-role")),
            new(HttpMethod.Post, "/api/users", () => JsonContent.Create(new { name = "eve", password = ConsoleHost.Password, role = "viewer" }), false, HttpStatusCode.BadRequest, "error",
                () => WebTexts.Format("web.api.antiforgery", "X-Shuyaku-Antiforgery")),
            new(HttpMethod.Post, $"/api/users/{ada}/role", () => JsonContent.Create(new { role = "root" }), true, HttpStatusCode.BadRequest, "error", () => WebTexts.Get("web.api.role-body")),
            new(HttpMethod.Post, "/api/estates", () => new FormUrlEncodedContent([new("file", "x")]), true, HttpStatusCode.UnsupportedMediaType, "error", () => WebTexts.Get("web.api.estate-not-a-form")),
            new(HttpMethod.Post, "/api/estates", () => Plain(""), true, HttpStatusCode.BadRequest, "error", () => WebTexts.Get("web.api.empty")),
            new(HttpMethod.Post, "/api/estates/999/plans", () => null, true, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.estate", 999))),
            new(HttpMethod.Post, "/api/guests/999/retire", () => null, true, HttpStatusCode.NotFound, "error", () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.guest", 999))),
            new(HttpMethod.Post, "/api/guests/999/edit", () => JsonContent.Create(new { expires = "soon" }), true, HttpStatusCode.BadRequest, "error", () => WebTexts.Format("web.api.edit-expires", "soon")),
            new(HttpMethod.Post, "/api/plans/999/what-if", () => Plain("x"), true, HttpStatusCode.UnsupportedMediaType, "error", () => WebTexts.Get("web.api.whatif-json")),
            new(HttpMethod.Post, "/api/plans/999/what-if", () => JsonContent.Create(new { fail = new[] { "h1" } }), false, HttpStatusCode.BadRequest, "error",
                () => WebTexts.Format("web.api.antiforgery", "X-Shuyaku-Antiforgery")),
            new(HttpMethod.Post, "/api/plans/999/what-if", () => new StringContent("", Encoding.UTF8, "application/json"), true, HttpStatusCode.BadRequest, "error",
                () => WebTexts.Get("web.api.whatif-empty")),
            new(HttpMethod.Post, "/api/plans/999/what-if", () => JsonContent.Create(new { fail = new[] { "h1" } }), true, HttpStatusCode.NotFound, "error",
                () => WebTexts.Format("web.not-found", WebTexts.Format("web.what.plan", 999))),
            new(HttpMethod.Post, "/api/estates/rvtools", () => new MultipartFormDataContent { { new StringContent("name: e\n"), "file", "estate.yaml" } }, true,
                HttpStatusCode.UnprocessableEntity, "errors", () => WebTexts.Get("web.rvtools.not-export")),
        ];

        // When each is sent without a language, and with Accept-Language: ja
        var english = new List<(HttpStatusCode Status, string[] Keys, string Text)>();
        var byHeader = new List<(HttpStatusCode Status, string[] Keys, string Text)>();
        foreach (var r in refusals)
        {
            admin.Speak(null);
            english.Add(await SendAsync(admin, token, r));
            admin.Speak("ja");
            byHeader.Add(await SendAsync(admin, token, r));
        }

        // And with the cookie of a user who chose Japanese, whose browser asks for English
        admin.Speak("en");
        (await admin.GetAsync("/language/ja")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var byCookie = new List<(HttpStatusCode Status, string[] Keys, string Text)>();
        foreach (var r in refusals)
        {
            byCookie.Add(await SendAsync(admin, token, r));
        }

        // Then the status and the keys are the same in every language, and the text is the resource's in each
        for (var i = 0; i < refusals.Length; i++)
        {
            var (r, en, ja, cookie) = (refusals[i], english[i], byHeader[i], byCookie[i]);
            var what = $"{r.Method} {r.Path}";
            (en.Status, ja.Status, cookie.Status).ShouldBe((r.Status, r.Status, r.Status), what);
            ja.Keys.ShouldBe(en.Keys, what);
            cookie.Keys.ShouldBe(en.Keys, what);
            en.Text.ShouldBe(In("en", r.Text), what);
            ja.Text.ShouldBe(In("ja", r.Text), what);
            cookie.Text.ShouldBe(ja.Text, what);
            ja.Text.ShouldNotBe(en.Text, what);
        }

        // And nothing was changed by any of them
        (await host.Store.EstatesAsync()).ShouldBeEmpty();
        (await host.Store.UsersAsync()).Select(u => u.Name).ShouldBe([ConsoleHost.AdminName]);
    }
}
