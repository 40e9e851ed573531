using Shuyaku.Access.Tests.Support;
using Shuyaku.Core.Access;
using Shuyaku.Core.Benchmarks.Access;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
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

    [DaemonFact("haproxy")]
    public void A_service_that_cannot_be_exported_is_skipped_with_its_problems_in_japanese_and_in_english_for_the_csv()
    {
        using var folder = new TempFolder();
        var web = new VirtualService
        {
            Id = "Web", Address = "127.0.0.1", Ports = [80], Protocol = ServiceProtocol.Http, Members = [Layers.Member("web1", 8080)],
            Check = new HealthCheck { Kind = CheckKind.Http, Path = "/health", IntervalMs = 200, TimeoutMs = 1000, Rise = 1, Fall = 2 },
        };
        SlbFigures figure;
        using (Language.Use(Language.Japanese))
        {
            figure = SlbBenchmark.Run(Layers.With(web), 1, folder.Path).Single(f => f.Daemon == "haproxy");
        }

        figure.Skipped.ShouldBe("not exported: a service id 'Web' is outside [a-z0-9][a-z0-9._-]* (at most 63 characters)");
        using (Language.Use(Language.Japanese))
        {
            figure.SkippedBecause!.ToString().ShouldStartWith("設定を書き出せません: ");
            figure.SkippedBecause.ToString().ShouldContain("'Web'");
            figure.SkippedBecause.ToString().ShouldNotContain("is outside");
        }

        using (Language.Use(Language.English))
        {
            figure.SkippedBecause.ToString().ShouldBe(figure.Skipped);
        }
    }

    [Fact]
    public void The_validator_s_own_sentence_around_a_daemon_s_words_is_in_the_reader_s_language()
    {
        var file = new GeneratedFile("haproxy.cfg", "global\nfrontend web\n", [null, "web"]);
        const string said = "[ALERT] (1) : config : parsing [haproxy.cfg:2] : unknown keyword 'frontendd'";
        using (Language.Use(Language.English))
        {
            DaemonValidator.Explain(file, said).ShouldBe(said + " [from 'web', line 2 of haproxy.cfg]");
        }

        using (Language.Use(Language.Japanese))
        {
            DaemonValidator.Explain(file, said).ShouldBe(said + " ['web' から生成した haproxy.cfg の 2 行目]");
        }

        DaemonValidator.Explain(file, "a line without a line number").ShouldBe("a line without a line number");
    }
}
