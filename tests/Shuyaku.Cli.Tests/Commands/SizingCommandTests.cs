using System.Globalization;
using System.Text;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class SizingCommandTests
{
    [Fact]
    public void The_sizing_command_compares_every_method_on_the_same_traces()
    {
        var dir = Directory.CreateTempSubdirectory("shuyaku-sizing-").FullName;
        try
        {
            var csv = new StringBuilder("workload,timestamp,metric,value\n");
            foreach (var (id, day) in new[] { ("d1", true), ("d2", true), ("n1", false), ("n2", false) })
            {
                for (var t = 0; t < 10; t++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{id},{t * 300},cpu,{((t < 5) == day ? 90 : 5)}\n");
                }
            }

            File.WriteAllText(Path.Combine(dir, "traces.csv"), csv.ToString());
            File.WriteAllText(Path.Combine(dir, "estate.yaml"), File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Shuyaku.Core.Tests", "Sizing", "day-and-night.yaml")));
            var console = new TestConsole();
            console.Profile.Width = 160;
            var error = new StringWriter();
            var exit = ShuyakuCli.Run(["sizing", "estate.yaml", "--traces", "traces.csv"], new CliContext(console, error, dir));
            exit.ShouldBe(0, error.ToString());
            var output = console.Output;
            output.ShouldMatch(@"[│|] peak +[│|] box +[│|] +4 [│|] +4 [│|]");
            output.ShouldMatch(@"[│|] time series +[│|] box +[│|] +2 [│|] +2 [│|]");

            var plan = ShuyakuCli.Run(["plan", "estate.yaml", "--sizing", "timeseries"], new CliContext(new TestConsole(), error = new StringWriter(), dir));
            plan.ShouldBe(2);
            error.ToString().ShouldBe("error: --sizing timeseries places workloads by their utilisation series: give them with --traces.\n");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
