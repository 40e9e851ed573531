using System.Net;
using System.Text.RegularExpressions;

namespace Shuyaku.Web.Tests.Support;

/// <summary>An HTTP client of the console with its own cookies, redirects not followed, and helpers for the forms.</summary>
internal sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(string baseUrl)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public CookieContainer Cookies { get; }

    /// <summary>Sends <paramref name="acceptLanguage"/> as the browser's <c>Accept-Language</c> from now on (null: none).</summary>
    public void Speak(string? acceptLanguage)
    {
        _http.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (acceptLanguage is not null)
        {
            _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<string> TextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The antiforgery token of the first form on <paramref name="page"/>.</summary>
    public async Task<string> TokenAsync(string page)
    {
        var html = await TextAsync(page);
        var match = TokenField().Match(html);
        match.Success.ShouldBeTrue($"{page} has no form with a token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary><paramref name="html"/> with its forms' antiforgery tokens blanked (they differ on every request), to compare two views of a page.</summary>
    public static string WithoutTokens(string html) => TokenField().Replace(html, "name=\"__token\" value=\"\"");

    /// <summary>Posts a form; with <paramref name="tokenPage"/> its antiforgery token is taken from that page first.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string? tokenPage, params (string Name, string Value)[] fields)
    {
        var all = fields.ToList();
        if (tokenPage is not null)
        {
            all.Add(("__token", await TokenAsync(tokenPage)));
        }

        return await _http.PostAsync(path, new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
    }

    public Task<HttpResponseMessage> SetupAsync(string token, string name, string password) =>
        PostAsync("/setup", "/setup", ("token", token), ("name", name), ("password", password));

    public Task<HttpResponseMessage> LoginAsync(string name, string password) =>
        PostAsync("/login", "/login", ("name", name), ("password", password));

    public async Task<HttpResponseMessage> UploadAsync(string fileName, string text)
    {
        var token = await TokenAsync("/estates/new");
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__token" },
            { new StringContent(text), "file", fileName },
        };
        return await _http.PostAsync("/estates", content);
    }

    /// <summary>The id at the end of a redirect's location (/estates/7 → 7).</summary>
    public static long IdFrom(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        return long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
