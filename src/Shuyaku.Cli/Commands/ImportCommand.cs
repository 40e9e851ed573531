using System.CommandLine;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>import</c> parent: inventory exports written as estates, measurements as traces, other tools' configurations as estate sections.</summary>
internal static class ImportCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command(
            "import",
            "Read what you already have into Shuyaku's formats: an RVTools workbook (or its CSV export) or Azure Migrate's " +
            "import CSV into an estate; sar, perfmon or a live Prometheus into traces; an F5 BIG-IP configuration into the " +
            "estate's access section. See docs/import.md.");
        ImportInventoryCommand.AddTo(command, context);
        ImportMeasurementsCommand.AddTo(command, context);
        command.Subcommands.Add(ImportF5Command.Create(context));
        return command;
    }
}
