using System.CommandLine;
using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Shuyaku.Cli.Localization;
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
            Description = Texts.Get("cli.serve.db"),
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = Texts.Get("cli.serve.postgres"),
        };
        var urls = new Option<string>("--urls")
        {
            Description = Texts.Get("cli.serve.urls"),
            DefaultValueFactory = _ => ConsoleOptions.DefaultUrls,
        };
        var command = new Command("serve", Texts.Get("cli.serve.description"))
        {
            db, postgres, urls,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(db) is not null && r.GetValue(postgres) is not null)
            {
                r.AddError(Texts.Get("cli.serve.db-and-postgres"));
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
            try
            {
                _ = new NpgsqlConnectionStringBuilder(postgres);
            }
            catch (ArgumentException e)
            {
                // Npgsql's connection-string builder refuses an unknown or malformed keyword.
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.serve.bad-postgres", e.Message)));
                return ExitCodes.BadInput;
            }

            database = DatabaseOptions.Postgres(postgres);
        }
        else
        {
            var path = context.Resolve(db ?? "shuyaku.db");
            if (Path.GetDirectoryName(path) is { } dir && !Directory.Exists(dir))
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.serve.no-folder", db, dir)));
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
        WebApplication app;
        try
        {
            app = ConsoleApp.BuildAsync(options).GetAwaiter().GetResult();
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is DbException or IOException or SocketException or TimeoutException)
        {
            // The database cannot be reached or opened, or an address is taken: the environment, not a bug.
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.serve.cannot-start", e.Message)));
            return ExitCodes.BadInput;
        }

        options.Output.WriteLine(Texts.Format("cli.serve.listening", string.Join(" ", ConsoleApp.Addresses(app))));
        options.Output.Flush();
        app.WaitForShutdownAsync().GetAwaiter().GetResult();
        return ExitCodes.Ok;
    }
}
