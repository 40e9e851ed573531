using System.Globalization;
using Shuyaku.Core.Import;
using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Move;

public sealed class WaveDocumentationTests
{
    [Fact]
    public void The_example_of_the_waves_page_plans_the_waves_it_shows()
    {
        var page = Path.Combine(RepositoryPaths.Root, "docs", "move-waves.md");
        var read = EstateReader.Read(RepositoryPaths.CodeBlocks(page, "yaml").Single(), "move-waves.md");
        read.Errors.ShouldBeEmpty(string.Join("\n", read.Errors));
        var estate = read.Value!;

        var result = WavePlanner.Plan(estate, "dc", WanGraph.Build(estate));

        var shown = RepositoryPaths.CodeBlocks(page, "text").Single().Trim().Split('\n');
        result.Waves.Select(w => string.Create(
            CultureInfo.InvariantCulture,
            $"wave {w.Number}: {string.Join(", ", w.Servers)} | {string.Join(", ", w.Workloads)} | {w.DataMib} MiB | {w.Hours:0.00} h")).ShouldBe(shown);
        result.LowerBound.ShouldBe(2);
        result.Problems.ShouldBeEmpty();
        WaveChecker.Check(estate, result.Waves, "dc").ShouldBeEmpty();
    }
}
