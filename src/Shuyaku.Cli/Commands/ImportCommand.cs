using System.CommandLine;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>import</c> parent; the inventory importers are added by <see cref="ImportInventoryCommand.AddTo"/>.</summary>
internal static class ImportCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("import", "Write an estate from an inventory export: an RVTools workbook (or its CSV export), or Azure Migrate's import CSV.");
        ImportInventoryCommand.AddTo(command, context);
        return command;
    }
}
