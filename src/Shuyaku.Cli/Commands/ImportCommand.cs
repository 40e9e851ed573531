using System.CommandLine;
using Shuyaku.Cli.Localization;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>import</c> parent: inventory exports written as estates, measurements as traces, other tools' configurations as estate sections.</summary>
internal static class ImportCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("import", Texts.Get("cli.import.description"));
        ImportInventoryCommand.AddTo(command, context);
        ImportMeasurementsCommand.AddTo(command, context);
        command.Subcommands.Add(ImportF5Command.Create(context));
        return command;
    }
}
