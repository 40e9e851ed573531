using System.CommandLine;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Import.AzureMigrate;
using Shuyaku.Core.Import.RvTools;

namespace Shuyaku.Cli.Commands;

/// <summary><c>import rvtools</c> and <c>import azure-migrate</c>: inventory exports administrators already have, written as estates that plan as they are.</summary>
internal static class ImportInventoryCommand
{
    /// <summary>Adds the inventory importers to the <c>import</c> parent.</summary>
    internal static void AddTo(Command import, CliContext context)
    {
        import.Subcommands.Add(Rvtools(context));
        import.Subcommands.Add(AzureMigrate(context));
    }

    private static Command Rvtools(CliContext context)
    {
        var input = new Argument<string>("export") { Description = Texts.Get("cli.import.rvtools.export") };
        var (output, catalog) = Options();
        var includeOff = new Option<bool>("--include-off") { Description = Texts.Get("cli.import.rvtools.include-off") };
        var command = new Command("rvtools", Texts.Get("cli.import.rvtools.description"))
        {
            input, output, catalog, includeOff,
        };
        command.SetAction(parse => ImportRun.Run(context, $"import {command.Name}", parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(catalog),
            path => RvToolsImporter.Read(path, parse.GetValue(includeOff), ImportRun.Progress(context))));
        return command;
    }

    private static Command AzureMigrate(CliContext context)
    {
        var input = new Argument<string>("csv") { Description = Texts.Get("cli.import.azure-migrate.csv") };
        var (output, catalog) = Options();
        var command = new Command("azure-migrate", Texts.Get("cli.import.azure-migrate.description"))
        {
            input, output, catalog,
        };
        command.SetAction(parse => ImportRun.Run(context, $"import {command.Name}", parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(catalog), AzureMigrateImporter.Read));
        return command;
    }

    private static (Option<string?> Output, Option<string?> Catalog) Options() =>
        (new Option<string?>("--output", "-o") { Description = Texts.Get("cli.import.output") },
         new Option<string?>("--catalog") { Description = Texts.Get("cli.import.catalog") });
}
