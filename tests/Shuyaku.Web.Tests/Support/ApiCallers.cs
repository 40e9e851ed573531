using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shuyaku.Web.Tests.Support;

/// <summary>
/// The callers an API test needs: the admin, an operator "olga" and a viewer "vera" signed in with their API tokens,
/// and an anonymous client; made through the API on a started console and disposed with it.
/// </summary>
internal sealed class ApiCallers : IDisposable
{
    private ApiCallers(ConsoleClient admin, ConsoleClient op, string operatorToken, ConsoleClient viewer, string viewerToken, ConsoleClient anonymous)
    {
        (Admin, Operator, OperatorToken, Viewer, ViewerToken, Anonymous) = (admin, op, operatorToken, viewer, viewerToken, anonymous);
    }

    public ConsoleClient Admin { get; }

    public ConsoleClient Operator { get; }

    public string OperatorToken { get; }

    public ConsoleClient Viewer { get; }

    public string ViewerToken { get; }

    public ConsoleClient Anonymous { get; }

    public static async Task<ApiCallers> SignInAsync(ConsoleHost host)
    {
        var admin = await host.AdminAsync();
        var token = await admin.ApiTokenAsync();
        foreach (var (name, role) in new[] { ("olga", "operator"), ("vera", "viewer") })
        {
            using var created = await admin.SendAsync(HttpMethod.Post, "/api/users", JsonContent.Create(new { name, password = ConsoleHost.Password, role }), token);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var op = host.Client();
        (await op.LoginAsync("olga", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var viewer = host.Client();
        (await viewer.LoginAsync("vera", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return new ApiCallers(admin, op, await op.ApiTokenAsync(), viewer, await viewer.ApiTokenAsync(), host.Client());
    }

    /// <summary>The JSON of a response.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    /// <summary>
    /// A viewer's call (with the viewer's own valid token) answers 403, and an anonymous call (with the operator's token)
    /// 401 with an empty body.
    /// </summary>
    public async Task RefusedToViewerAndAnonymousAsync(HttpMethod method, string path, Func<HttpContent?> body)
    {
        using var asViewer = await Viewer.SendAsync(method, path, body(), ViewerToken);
        asViewer.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{method} {path} as a viewer");
        using var asAnonymous = await Anonymous.SendAsync(method, path, body(), OperatorToken);
        asAnonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{method} {path} anonymously");
        (await asAnonymous.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    public void Dispose()
    {
        Admin.Dispose();
        Operator.Dispose();
        Viewer.Dispose();
        Anonymous.Dispose();
    }
}
