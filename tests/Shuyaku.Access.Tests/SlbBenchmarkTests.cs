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

    [Fact]
    public void Why_a_row_was_skipped_is_shown_in_japanese_and_kept_in_english_for_the_csv()
    {
        using var folder = new TempFolder();
        using var japanese = Shuyaku.Core.Localization.Language.Use(Shuyaku.Core.Localization.Language.Japanese);
        var figure = SlbBenchmark.Run(Layers.With(), 1, folder.Path)[0];

        figure.Skipped.ShouldBe("the estate has no service for haproxy");
        figure.SkippedBecause!.ToString().ShouldBe("estate に haproxy で測るサービスがありません");
    }
}
