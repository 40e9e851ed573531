using System.CommandLine;
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
        var input = new Argument<string>("export") { Description = "The RVTools workbook (.xlsx) or the folder of its CSV export (RVTools_tabvInfo.csv, …)." };
        var (output, catalog) = Options();
        var includeOff = new Option<bool>("--include-off") { Description = "Keep powered-off and suspended VMs (templates and SRM placeholders are never kept)." };
        var command = new Command("rvtools", "Write an estate from an RVTools export: sites from data centres, servers from vHost, workloads from the running VMs with their demand.")
        {
            input, output, catalog, includeOff,
        };
        command.SetAction(parse => ImportRun.Run(context, "import rvtools", parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(catalog),
            path => RvToolsImporter.Read(path, parse.GetValue(includeOff), ImportRun.Progress(context))));
        return command;
    }

    private static Command AzureMigrate(CliContext context)
    {
        var input = new Argument<string>("csv") { Description = "The CSV file filled in from Azure Migrate's import template." };
        var (output, catalog) = Options();
        var command = new Command("azure-migrate", "Write an estate from Azure Migrate's import CSV: one workload per server row, demand from the utilisation columns where given.")
        {
            input, output, catalog,
        };
        command.SetAction(parse => ImportRun.Run(context, "import azure-migrate", parse.GetValue(input)!, parse.GetValue(output), parse.GetValue(catalog), AzureMigrateImporter.Read));
        return command;
    }

    private static (Option<string?> Output, Option<string?> Catalog) Options() =>
        (new Option<string?>("--output", "-o") { Description = "The estate file to write; default: the export's name with .estate.yaml, in the current folder." },
         new Option<string?>("--catalog") { Description = "A YAML file with 'catalog:' (and optionally 'policy:', 'hostGroups:', 'rules:') appended to the estate so that it plans at once." });
}
