using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Access.Tests;

/// <summary>What <c>bench slb</c> does without daemons to run: every row skipped, saying why.</summary>
public sealed class SlbBenchmarkTests
{
    [Fact]
    public void A_layer_without_services_gives_one_skipped_row_per_daemon_and_round_and_starts_nothing()
    {
        using var folder = new TempFolder();
        var figures = SlbBenchmark.Run(Layers.With(), 2, folder.Path);

        figures.Select(f => $"{f.Round} {f.Daemon}: {f.Skipped}").ShouldBe([
            "1 haproxy: the estate has no service for haproxy",
            "1 dnsdist: the estate has no service for dnsdist",
            "1 nginx: the estate has no service for nginx",
            "2 haproxy: the estate has no service for haproxy",
            "2 dnsdist: the estate has no service for dnsdist",
            "2 nginx: the estate has no service for nginx",
        ]);
        Directory.EnumerateFileSystemEntries(folder.Path).ShouldBeEmpty();
    }
}
