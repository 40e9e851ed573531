using Shuyaku.Core.Import;
using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;
using Xunit.Abstractions;

namespace Shuyaku.Core.Tests.Move;

public sealed class WaveExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void The_tdu_2006_example_moves_in_as_many_waves_as_its_bound_and_passes_the_checker()
    {
        var read = EstateReader.ReadFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        read.Errors.ShouldBeEmpty();
        var estate = read.Value!;
        var result = WavePlanner.Plan(estate, "dc", WanGraph.Build(estate));
        foreach (var w in result.Waves)
        {
            output.WriteLine($"wave {w.Number}: {string.Join(", ", w.Servers)} | {string.Join(", ", w.Workloads)} | {w.DataMib} MiB {w.Hours:0.00} h");
        }

        output.WriteLine($"bound {result.LowerBound}; problems: {string.Join("; ", result.Problems.Select(p => p.Message))}");
        result.Problems.ShouldBeEmpty();
        WaveChecker.Check(estate, result.Waves, "dc").ShouldBeEmpty();
        result.Waves.Count.ShouldBe(result.LowerBound);
    }
}
