using System.CommandLine;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku import ...</c>: turn what administrators already have into estates and traces.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "import",
            "Read what you already have into Shuyaku's formats: measurements (sar, perfmon, Prometheus) into traces that " +
            "'simulate' and 'sizing' read. See docs/import.md.");
        ImportMeasurementsCommand.AddTo(command, context);
        return command;
    }
}
