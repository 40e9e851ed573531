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
}
