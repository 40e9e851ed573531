using System.Text.Json;

namespace Shuyaku.Web.Tests.Support;

internal sealed partial class ConsoleClient
{
    /// <summary>Sends <paramref name="content"/> with <paramref name="method"/>, with the X-Shuyaku-Antiforgery header when <paramref name="token"/> is given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Add("X-Shuyaku-Antiforgery", token);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>The session's token for the API's changes, from GET /api/antiforgery.</summary>
    public async Task<string> ApiTokenAsync()
    {
        using var doc = JsonDocument.Parse(await TextAsync("/api/antiforgery"));
        return doc.RootElement.GetProperty("token").GetString()!;
    }
}
