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
