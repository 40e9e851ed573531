using System.CommandLine;
using Shuyaku.Cli.Localization;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>bench</c> parent: quality and speed benchmarks that print a table and can write CSV.</summary>
internal static class BenchCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("bench", Texts.Get("cli.bench.description"));
        command.Subcommands.Add(BenchPackingCommand.Create(context));
        command.Subcommands.Add(BenchScaleCommand.Create(context));
        command.Subcommands.Add(BenchRulesCommand.Create(context));
        command.Subcommands.Add(BenchCloudsimCommand.Create(context));
        command.Subcommands.Add(BenchWavesCommand.Create(context));
        command.Subcommands.Add(BenchImportCommand.Create(context));
        command.Subcommands.Add(BenchSlbCommand.Create(context));
        command.Subcommands.Add(BenchConsoleCommand.Create(context));
        command.Subcommands.Add(BenchStartupCommand.Create(context));
        return command;
    }
}
