using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>
/// System.CommandLine's own words (help headings, defaults, parse errors), <c>--version</c> and what the bench commands
/// print speak Japanese under <c>--lang ja</c>; English is unchanged and the files are the same in both languages.
/// </summary>
public sealed class CommandLineLanguageTests
{
    private static (int Code, string Out, string Error) Run(TempFolder folder, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 220;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, folder.Path));
        return (code, console.Output, error.ToString());
    }

    [Fact]
    public void Help_headings_defaults_and_required_labels_are_japanese_under_lang_ja_and_unchanged_in_english()
    {
        using var folder = new TempFolder();
        var ja = Run(folder, "--lang", "ja", "plan", "--help");
        ja.Code.ShouldBe(ExitCodes.Ok);
        foreach (var english in new[] { "Description:", "Usage:", "Arguments:", "Options:", "[default:", "[options]" })
        {
            ja.Out.ShouldNotContain(english);
        }

        var lines = ja.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines[0].ShouldBe("説明:");
        lines.ShouldContain("使用法:");
        lines.ShouldContain(l => l.EndsWith(" plan [<ESTATE>] [オプション]", StringComparison.Ordinal));
        lines.ShouldContain("引数:");
        lines.ShouldContain("オプション:");
        ja.Out.ShouldContain("[既定: shuyaku-out]");

        var root = Run(folder, "--lang", "ja", "--help");
        root.Out.Split('\n').Select(l => l.TrimEnd('\r')).ShouldContain("コマンド:");
        root.Out.ShouldContain(" [コマンド] [オプション]");

        // A required option is labelled (必須), padded so that the descriptions stay in one column.
        var cloudsim = Run(folder, "--lang", "ja", "bench", "cloudsim", "--help").Out.Split('\n');
        var data = cloudsim.Single(l => l.Contains("--data <data>", StringComparison.Ordinal));
        var days = cloudsim.Single(l => l.Contains("--days <days>", StringComparison.Ordinal));
        data.ShouldContain("(必須)");
        Columns(data[..data.IndexOf("PlanetLab", StringComparison.Ordinal)]).ShouldBe(days.IndexOf("日のフォルダ名", StringComparison.Ordinal));

        var en = Run(folder, "plan", "--help").Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        en[0].ShouldBe("Description:");
        en.ShouldContain("Usage:");
        en.ShouldContain(l => l.EndsWith(" plan [<ESTATE>] [options]", StringComparison.Ordinal));
        en.ShouldContain("Arguments:");
        en.ShouldContain("Options:");
        string.Join('\n', en).ShouldContain("[default: shuyaku-out]");
        Run(folder, "bench", "cloudsim", "--help").Out.ShouldContain("--data <data> (REQUIRED)  PlanetLab data folder");
    }

    /// <summary>Terminal columns: a Japanese character takes two.</summary>
    private static int Columns(string text) => text.Sum(c => c >= '\u3000' ? 2 : 1);

    [Theory]
    [InlineData(new[] { "bogus" }, "Unrecognized command or argument 'bogus'.", "コマンドまたは引数 'bogus' を認識できません。")]
    [InlineData(new string[0], "Required command was not provided.", "コマンドを指定してください。")]
    [InlineData(new[] { "plan", "--sizing", "foo" }, "Argument 'foo' not recognized. Must be one of:\n\t'statistic'", "引数 'foo' は使えません。次のいずれかを指定してください:\n\t'statistic'")]
    [InlineData(new[] { "bench", "cloudsim" }, "Option '--data' is required.", "オプション '--data' は必須です。")]
    [InlineData(new[] { "plan", "--out" }, "Required argument missing for option: '--out'.", "オプション '--out' に値がありません。")]
    [InlineData(new[] { "plan", "--time-limit", "x" }, "--time-limit 'x' is not a number.", "--time-limit 'x' は数値ではありません。")]
    public void Parse_errors_are_japanese_under_lang_ja_and_unchanged_in_english(string[] args, string english, string japanese)
    {
        using var folder = new TempFolder();
        var en = Run(folder, args);
        var ja = Run(folder, ["--lang", "ja", .. args]);

        en.Code.ShouldBe(ExitCodes.BadInput);
        ja.Code.ShouldBe(ExitCodes.BadInput);
        en.Error.ReplaceLineEndings("\n").ShouldContain("error: " + english);
        ja.Error.ReplaceLineEndings("\n").ShouldContain("エラー: " + japanese);
        ja.Error.ShouldNotContain(english);
        ja.Error.ShouldNotContain("error:");
    }

    [Fact]
    public void Version_prints_in_japanese_beside_lang_and_still_stands_alone_otherwise()
    {
        using var folder = new TempFolder();
        var ja = Run(folder, "--lang", "ja", "--version");
        ja.Code.ShouldBe(ExitCodes.Ok, ja.Error);
        var lines = ja.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("shuyaku " + VersionInfo.Version);
        lines[1].ShouldStartWith("コミット ");
        lines[2].ShouldBe("OR-Tools 9.15.6755 (ネイティブ ライブラリ 9.15.6755)");
        lines[3].ShouldMatch(@"^\.NET \S+ \S+ \((フレームワーク依存|自己完結型|自己完結型の単一ファイル)\)$");

        var en = Run(folder, "--version", "--lang", "en", "--verbose");
        en.Code.ShouldBe(ExitCodes.Ok, en.Error);
        en.Out.ShouldContain("OR-Tools 9.15.6755 (native library 9.15.6755)");

        var combined = Run(folder, "--lang", "ja", "--version", "plan");
        combined.Code.ShouldBe(ExitCodes.BadInput);
        combined.Error.ShouldContain("--version オプションはほかの引数と一緒には使えません");
        Run(folder, "--version", "plan").Error.ShouldContain("error: --version option cannot be combined with other arguments.");
    }

    [Fact]
    public void Bench_packing_prints_its_table_in_japanese_and_writes_the_same_csv()
    {
        using var folder = new TempFolder();
        folder.Write("set/a.txt", "6\n10\n6\n6\n6\n4\n4\n4\n");
        folder.Write("set/b.txt", "4\n10\n5\n5\n5\n5\n");
        folder.Write("bounds.csv", "instance,best_lb,best_ub\na,3,3\nb,2,2\n");

        var en = Run(folder, "bench", "packing", "set", "--bounds", "bounds.csv", "--time-limit", "5", "--no-cp-sat", "--csv", "en.csv");
        var ja = Run(folder, "--lang", "ja", "bench", "packing", "set", "--bounds", "bounds.csv", "--time-limit", "5", "--no-cp-sat", "--csv", "ja.csv");

        en.Code.ShouldBe(ExitCodes.Ok, en.Error);
        ja.Code.ShouldBe(ExitCodes.Ok, ja.Error);
        Header(en.Out).ShouldBe(["class", "n", "FFD opt", "our opt", "proven", "FFD gap", "heur gap", "our gap", "mean s", "max s"]);
        // The legend, wrapped to the console's width.
        System.Text.RegularExpressions.Regex.Replace(en.Out, @"\s+", " ").ShouldContain(
            "Time limit 5 s per instance. opt: share of instances with a known optimum solved to it; proven: our plan meets our own lower bound; " +
            "heur: best heuristic of the paper (best_known_ub); gap: mean (bins − optimum, else best known lower bound) / that.");
        Header(ja.Out).ShouldBe(["クラス", "件数", "FFD 最適", "Shuyaku 最適", "証明済み", "FFD 差", "論文 差", "Shuyaku 差", "平均 秒", "最大 秒"]);
        ja.Out.ShouldContain("制限時間はインスタンスごとに 5 秒。");
        ja.Out.ShouldNotContain("Time limit");
        ja.Out.ShouldContain("100.0%");
        ja.Out.ShouldContain("│ 全体 ");
        en.Out.ShouldContain("│ all ");

        // The CSV is the same in both languages but for the seconds each run took.
        static IEnumerable<string> WithoutSeconds(string path) => File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 12)));
        WithoutSeconds(folder.File("ja.csv")).ShouldBe(WithoutSeconds(folder.File("en.csv")));
        File.ReadAllLines(folder.File("ja.csv")).Length.ShouldBe(3);
    }

    [Fact]
    public void Bench_rules_prints_its_progress_table_and_legend_in_japanese_and_writes_the_same_csv()
    {
        using var folder = new TempFolder();
        var en = Run(folder, "bench", "rules", "--sizes", "10", "--seeds", "1", "--time-limit", "5", "--csv", "en.csv");
        var ja = Run(folder, "--lang", "ja", "bench", "rules", "--sizes", "10", "--seeds", "1", "--time-limit", "5", "--csv", "ja.csv");

        en.Code.ShouldBe(ExitCodes.Ok, en.Error);
        ja.Code.ShouldBe(ExitCodes.Ok, ja.Error);
        en.Error.ShouldStartWith("10 workloads, seed 1: ");
        ja.Error.ShouldStartWith("ワークロード 10 個、シード 1: ホスト ");
        Header(en.Out)[..3].ShouldBe(["workloads", "estates", "proven minimal"]);
        Header(ja.Out)[..3].ShouldBe(["ワークロード", "estate", "最小と証明"]);
        en.Out.ShouldContain("│ all ");
        ja.Out.ShouldContain("│ 全体 ");
        ja.Out.ShouldContain("大きさごとにシード 1–1、--time-limit はホスト機種ごとに 5 秒。");

        // The CSV is the same in both languages but for the seconds each run took.
        static IEnumerable<string> WithoutSeconds(string path) => File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 11)));
        WithoutSeconds(folder.File("ja.csv")).ShouldBe(WithoutSeconds(folder.File("en.csv")));
    }

    [Fact]
    public void A_malformed_instance_or_bounds_file_is_reported_in_japanese_at_the_same_line()
    {
        using var folder = new TempFolder();
        folder.Write("bad.txt", "2\n10\n5\nfive\n");
        folder.Write("bounds.csv", "instance,best_lb,best_ub\na,3\n");
        var en = Run(folder, "bench", "packing", "bad.txt", "--bounds", "bounds.csv");
        var ja = Run(folder, "--lang", "ja", "bench", "packing", "bad.txt", "--bounds", "bounds.csv");

        en.Code.ShouldBe(ExitCodes.BadInput);
        ja.Code.ShouldBe(ExitCodes.BadInput);
        en.Error.ShouldContain("bad.txt:4:1: error: 'five' is not a whole number; expected the size of item 2 of 2");
        ja.Error.ShouldContain("bad.txt:4:1: エラー: 'five' は整数ではありません (2 個中 2 番目の品目の大きさが必要です)");
        en.Error.ShouldContain("bounds.csv:2:1: error: the row has 2 fields but the header has 3");
        ja.Error.ShouldContain("bounds.csv:2:1: エラー: この行のフィールドは 2 個ですが、ヘッダーは 3 個です");
    }

    /// <summary>The header row of the first table in <paramref name="output"/>: its cells, trimmed.</summary>
    private static string[] Header(string output) =>
        [.. output.Split('\n').First(l => l.StartsWith('│')).Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0)];

    [Theory]
    [InlineData(new[] { "bench", "packing" }, "give instance files or folders, or --perfect", "インスタンスのファイルかフォルダを指定するか、--perfect")]
    [InlineData(new[] { "bench", "packing", "--perfect", "--dims", "0" }, "--dims '0' must be dimension counts from 1 to 64", "--dims '0' は 1 から 64 までの次元数で")]
    [InlineData(new[] { "bench", "rules", "--sizes", "10,9" }, "--sizes: '9' is not a whole number from 10 to 5000", "--sizes: '9' は 10 から 5000 までの整数ではありません")]
    [InlineData(new[] { "bench", "cloudsim", "--data", "no-such-folder" }, "--data no-such-folder: folder does not exist", "--data no-such-folder: フォルダがありません")]
    [InlineData(new[] { "bench", "startup", "--repo", "no-such-repo" }, "the baseline runs 'dotnet run' in the repository", "ベースラインはリポジトリで 'dotnet run' を実行します")]
    [InlineData(new[] { "bench", "slb", "estate.yaml" }, "the estate has no 'access' section", "estate に 'access' セクションがありません")]
    public void Bench_errors_are_japanese_under_lang_ja(string[] args, string english, string japanese)
    {
        using var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml());
        var en = Run(folder, args);
        var ja = Run(folder, ["--lang", "ja", .. args]);

        en.Code.ShouldBe(ExitCodes.BadInput);
        ja.Code.ShouldBe(ExitCodes.BadInput);
        en.Error.ShouldContain(english);
        ja.Error.ShouldContain(japanese);
        ja.Error.ShouldNotContain(english);
    }
}
