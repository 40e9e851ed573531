using System.CommandLine;

namespace Shuyaku.Cli.Commands;

internal static class BenchCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure the planner: solution quality on published instances and speed at scale.");
        command.Subcommands.Add(BenchPackingCommand.Create(context));
        command.Subcommands.Add(BenchScaleCommand.Create(context));
        return command;
    }
}
