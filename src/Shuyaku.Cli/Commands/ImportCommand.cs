using System.CommandLine;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>import</c> parent: configurations of other tools translated into estate sections.</summary>
internal static class ImportCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("import", "Translate another tool's configuration into a section of the estate file.");
        command.Subcommands.Add(ImportF5Command.Create(context));
        return command;
    }
}
