using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Shuyaku.Web;
using Shuyaku.Web.Storage;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku serve</c>: the web console (docs/console.md) over a SQLite file or a PostgreSQL database.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var db = new Option<string?>("--db")
        {
            Description = "SQLite file to keep users, estates, plans and the audit log in; created on first start. Default: ./shuyaku.db.",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "PostgreSQL connection string (Npgsql's form, e.g. \"Host=127.0.0.1;Database=shuyaku;Username=shuyaku;Password=...\") instead of --db.",
        };
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on, separated by semicolons.",
            DefaultValueFactory = _ => ConsoleOptions.DefaultUrls,
        };
        var command = new Command("serve", "Run the web console: sign in, upload estates, plan them in the background, read and download plans.")
        {
            db, postgres, urls,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(db) is not null && r.GetValue(postgres) is not null)
            {
                r.AddError("--db and --postgres cannot be used together: give one database.");
            }
        });
        command.SetAction(parse => Run(context, parse.GetValue(db), parse.GetValue(postgres), parse.GetValue(urls)!));
        return command;
    }

    private static int Run(CliContext context, string? db, string? postgres, string urls)
    {
        string? keys = null;
        DatabaseOptions database;
        if (postgres is not null)
        {
            database = DatabaseOptions.Postgres(postgres);
        }
        else
        {
            var path = context.Resolve(db ?? "shuyaku.db");
            if (Path.GetDirectoryName(path) is { } dir && !Directory.Exists(dir))
            {
                context.Error.WriteLine($"error: --db {db}: the folder {dir} does not exist; create it or give another path.");
                return ExitCodes.BadInput;
            }

            database = DatabaseOptions.SqliteFile(path);
            keys = path + ".keys";
        }

        var options = new ConsoleOptions
        {
            Database = database,
            Urls = urls,
            Output = context.Out.Profile.Out.Writer,
            KeysFolder = keys,
            LogWarnings = true,
            // The same search as `shuyaku plan` with its default budgets.
            Search = () => PlanCommand.Search(10, PlanCommand.DefaultMoves),
        };
        var app = ConsoleApp.BuildAsync(options).GetAwaiter().GetResult();
        app.StartAsync().GetAwaiter().GetResult();
        options.Output.WriteLine($"Shuyaku console listening on {string.Join(" ", ConsoleApp.Addresses(app))}; Ctrl+C stops it.");
        options.Output.Flush();
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
