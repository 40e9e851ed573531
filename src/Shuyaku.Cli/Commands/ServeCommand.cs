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

            if (r.GetValue(urls) is { } given && BadUrl(given) is { } bad)
            {
                r.AddError(Texts.Format("cli.serve.bad-url", bad));
            }
        });
        command.SetAction(parse => Run(context, parse.GetValue(db), parse.GetValue(postgres), parse.GetValue(urls)!));
        return command;
    }

    /// <summary>
    /// The first address of <paramref name="urls"/> (separated by ';', as ASP.NET Core reads them) that cannot be listened
    /// on, or null: each must be http:// or https://, a host (an address, a name, * or +, or unix:PATH) and a port
    /// from 0 to 65535 when given. ASP.NET Core would otherwise stop with its own exception only once started.
    /// </summary>
    internal static string? BadUrl(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var scheme = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "http://"
                : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "https://" : null;
            if (scheme is null)
            {
                return url;
            }

            var rest = url[scheme.Length..];
            if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase) && rest.Length > "unix:".Length)
            {
                continue;
            }

            // * and + stand for every address; any name will do to check the rest.
            var host = rest.Split(':', '/')[0];
            var checkable = host is "*" or "+" ? scheme + "localhost" + rest[host.Length..] : url;
            if (host.Length == 0 || !Uri.TryCreate(checkable, UriKind.Absolute, out _))
            {
                return url;
            }
        }

        return null;
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
