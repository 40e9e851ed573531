using System.CommandLine;

namespace Shuyaku.Cli.Commands;

/// <summary>The <c>bench</c> parent: quality and speed benchmarks that print a table and can write CSV.</summary>
internal static class BenchCommand
{
    internal static Command Create(CliContext context)
    {
        var command = new Command("bench", "Run a benchmark and print its table (optionally CSV).");
        command.Subcommands.Add(BenchCloudsimCommand.Create(context));
        return command;
    }
}
