using Shuyaku.Cli.Commands;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public class ServeCommandTests
{
    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var exit = ShuyakuCli.Run(args, new CliContext(new TestConsole(), error, Path.GetTempPath()));
        return (exit, error.ToString());
    }

    [Fact]
    public void Serve_refuses_a_sqlite_file_and_a_postgres_database_together()
    {
        var (exit, error) = Run("serve", "--db", "a.db", "--postgres", "Host=127.0.0.1");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith("error: --db and --postgres cannot be used together: give one database.\n");
    }

    [Fact]
    public void Serve_refuses_a_database_in_a_folder_that_does_not_exist()
    {
        var missing = Path.Combine(Path.GetTempPath(), "shuyaku-no-such-folder-7f3a", "console.db");
        var (exit, error) = Run("serve", "--db", missing);
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldBe($"error: --db {missing}: the folder {Path.GetDirectoryName(missing)} does not exist; create it or give another path.\n");
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:0;garbage")]
    [InlineData("http://:5000")]
    public void Serve_refuses_an_address_it_cannot_listen_on_as_bad_input_before_it_starts(string urls)
    {
        var bad = urls.Split(';')[^1];
        var (exit, error) = Run("serve", "--urls", urls, "--db", Path.Combine(Path.GetTempPath(), "shuyaku-never-made-3c1e", "x.db"));
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith($"error: --urls: '{bad}' is not an address to listen on: write http://HOST:PORT or https://HOST:PORT");
        error.ShouldNotContain("internal error");
        Run("serve", "--urls", urls, "--lang", "ja").Error.ShouldStartWith($"エラー: --urls: '{bad}' は待ち受けるアドレスではありません。");
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:80")]
    [InlineData("http://[::1]:0")]
    [InlineData("https://localhost:5001; http://127.0.0.1:0")]
    [InlineData("http://unix:/run/shuyaku.sock")]
    [InlineData("HTTP://console.example.org")]
    public void Serve_takes_the_addresses_asp_net_core_listens_on(string urls)
    {
        ServeCommand.BadUrl(urls).ShouldBeNull();
    }

    [Fact]
    public void Serve_reports_a_malformed_postgres_connection_string_as_bad_input_not_as_a_bug()
    {
        var (exit, error) = Run("serve", "--postgres", "Bogus=1");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith("error: --postgres: the connection string is not valid: ");
        error.ShouldNotContain("internal error");
    }

    [Fact]
    public void Serve_reports_a_postgres_server_it_cannot_reach_as_bad_input_not_as_a_bug()
    {
        // Port 1 on loopback: nothing listens there, so the connection is refused at once (Timeout bounds it anyway).
        var (exit, error) = Run("serve", "--postgres", "Host=127.0.0.1;Port=1;Timeout=2;Username=x;Database=x");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith("error: the console could not start: ");
        error.ShouldNotContain("internal error");
    }
}
