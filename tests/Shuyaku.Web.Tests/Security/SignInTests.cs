using System.Net;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Security;

public sealed class SignInTests
{
    [Fact]
    public async Task The_setup_token_works_once_a_wrong_one_does_not_use_it_up_and_afterwards_setup_is_closed()
    {
        await using var host = await ConsoleHost.StartAsync();
        host.Token.ShouldMatch("^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$");
        using var client = host.Client();

        using var wrong = await client.SetupAsync("AAAA-AAAA-AAAA-AAAA-AAAA", "mallory", ConsoleHost.Password);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("The set-up token is wrong or has been used.");
        (await host.Store.UserCountAsync()).ShouldBe(0);

        (await client.SetupAsync(host.Token, "ada", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.Store.FindUserAsync("ada"))!.Role.ShouldBe(Role.Admin);

        // The same token again: set-up is closed now that a user exists.
        using var second = host.Client();
        using var page = await second.GetAsync("/setup");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.ShouldBe("/login");
        using var again = await second.PostAsync("/setup", "/login", ("token", host.Token), ("name", "mallory"), ("password", ConsoleHost.Password));
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.Store.UsersAsync()).Select(u => u.Name).ShouldBe(["ada"]);
        (await host.Store.AuditAsync()).Select(a => (a.Actor, a.Action)).ShouldBe([("setup", "user.create"), ("mallory", "setup.refused")]);
    }

    [Fact]
    public async Task The_password_is_stored_only_as_an_identity_hash_and_a_wrong_one_is_refused()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var stored = (await host.Store.FindUserAsync(ConsoleHost.AdminName))!.PasswordHash;
        stored.ShouldNotContain(ConsoleHost.Password);
        Convert.FromBase64String(stored)[0].ShouldBe((byte)1, "format marker of ASP.NET Core Identity's v3 hash (PBKDF2)");

        using var other = host.Client();
        using var refused = await other.LoginAsync(ConsoleHost.AdminName, "wrong password!");
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The name or the password is wrong.");
        (await other.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = host.Client();
        (await client.SetupAsync(host.Token, "ada", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var token = await client.TokenAsync("/login");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = client.Cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = new Uri(host.BaseUrl) };
        using var login = await http.PostAsync("/login", new FormUrlEncodedContent([new("name", "ada"), new("password", ConsoleHost.Password), new("__token", token)]));
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shuyaku.session=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");
    }

    [Fact]
    public async Task A_sixth_sign_in_within_a_minute_from_one_address_gets_429_even_with_the_right_password()
    {
        await using var host = await ConsoleHost.StartAsync(loginAttemptsPerMinute: 5);
        using var client = host.Client();
        (await client.SetupAsync(host.Token, "ada", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        for (var i = 0; i < 5; i++)
        {
            (await client.LoginAsync("ada", "wrong password " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await client.LoginAsync("ada", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await host.Store.AuditAsync()).Count(a => a.Action == "session.refused").ShouldBe(5);
        (await host.Store.AuditAsync()).Count(a => a.Action == "session.login").ShouldBe(0);
    }

    [Fact]
    public async Task Every_page_says_load_only_our_own_files_and_never_be_framed()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var client = host.Client();
        using var page = await client.GetAsync("/login");
        page.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'");
        page.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        page.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("<script");
    }

    [Fact]
    public async Task The_stylesheet_is_answered_before_the_session_is_read_so_it_reads_no_user_while_a_page_still_ends_a_removed_users_session()
    {
        // Given bob signed in, then removed by the admin
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<UserRecord>().HashPassword(null!, ConsoleHost.Password);
        var bob = (await host.Store.CreateUserAsync("ada", "bob", hash, Role.Viewer))!.Value;
        using var client = host.Client();
        (await client.LoginAsync("bob", ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await host.Store.RemoveUserAsync("ada", bob)).ShouldBe(ConsoleStore.UserChange.Done);

        // When bob's browser asks for the stylesheet, then for the dashboard
        using var css = await client.GetAsync("/static/console.css");
        using var page = await client.GetAsync("/");

        // Then the stylesheet comes with the security headers and leaves the cookie alone (the session was not read),
        // and the page, which reads the user, ends the session and sends bob to the sign-in page
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        css.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(ConsoleSecurityPolicy);
        css.Content.Headers.ContentLanguage.ShouldBe(["en"]);
        css.Headers.Contains("Set-Cookie").ShouldBeFalse();
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("shuyaku.session=;", StringComparison.Ordinal));
    }

    private const string ConsoleSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
}
