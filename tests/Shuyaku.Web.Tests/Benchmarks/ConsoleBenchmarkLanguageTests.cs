using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Benchmarks;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Tests.Benchmarks;

/// <summary><c>bench console</c>'s progress is written in the reader's language (docs/languages.md).</summary>
public sealed class ConsoleBenchmarkLanguageTests
{
    /// <summary>Hears each line as it is reported, on the reporting thread (so in its language).</summary>
    private sealed class Lines : IProgress<string>
    {
        public List<string> Heard { get; } = [];

        public void Report(string value) => Heard.Add(value);
    }

    [Fact]
    public async Task A_small_run_reports_its_steps_in_japanese_and_measures_every_endpoint()
    {
        using var folder = new TempFolder();
        var lines = new Lines();
        IReadOnlyList<EndpointLatency> results;
        using (Language.Use(Language.Japanese))
        {
            results = await ConsoleBenchmark.RunAsync(DatabaseOptions.SqliteFile(folder.File("bench.db")), "SQLite", new ConsoleBenchOptions(5, 1, 4), lines);
        }

        lines.Heard.ShouldBe([
            "SQLite: ゲスト 5 台とその測定値を保存しています",
            "SQLite: ユーザ 1 人がサインインしています",
            "SQLite: ユーザ 1 人 × リクエスト 4 回",
        ]);
        results.Select(r => r.Endpoint).ShouldBe(ConsoleBenchmark.Endpoints);
        results.ShouldAllBe(r => r.Requests == 1 && r.Errors == 0);
    }
}
