using System.Net.Http.Json;

namespace Shuyaku.Web.Tests.Support;

internal sealed partial class ConsoleClient
{
    /// <summary>Posts a file as the form field "file" to <paramref name="path"/>, with the token of <paramref name="tokenPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string path, string tokenPage, string fileName, string text)
    {
        var token = await TokenAsync(tokenPage);
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__token" },
            { new StringContent(text), "file", fileName },
        };
        return await _http.PostAsync(path, content);
    }

    /// <summary>Posts JSON to the API, with the X-Shuyaku-Antiforgery header when <paramref name="token"/> is given.</summary>
    public async Task<HttpResponseMessage> PostJsonAsync(string path, object? body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("X-Shuyaku-Antiforgery", token);
        }

        return await _http.SendAsync(request);
    }
}

internal sealed partial class ConsoleClient
{
    /// <summary>Posts several files, each under its form field, with the token of <paramref name="tokenPage"/>.</summary>
    public async Task<HttpResponseMessage> PostFilesAsync(string path, string tokenPage, params (string Field, string FileName, string Text)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(await TokenAsync(tokenPage)), "__token" } };
        foreach (var (field, fileName, text) in files)
        {
            content.Add(new StringContent(text), field, fileName);
        }

        return await _http.PostAsync(path, content);
    }
}
