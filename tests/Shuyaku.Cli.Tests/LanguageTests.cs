using System.Text.RegularExpressions;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>--lang and the locale choose the language of what people read; files stay the same in every language.</summary>
public sealed partial class LanguageTests
{
    private static (int Code, string Out, string Error) Run(TempFolder folder, string language, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, error, folder.Path) { Language = language });
        return (code, console.Output, error.ToString());
    }

    private static TempFolder Planned() => Commands.ReportCommandTests.Planned();

    [Fact]
    public void Lang_ja_writes_the_report_in_japanese_with_the_same_numbers()
    {
        using var folder = Planned();
        Run(folder, "en", "report", "estate.yaml", "plan.json", "-o", "en.html").Code.ShouldBe(ExitCodes.Ok);
        Run(folder, "en", "report", "estate.yaml", "plan.json", "-o", "ja.html", "--lang", "ja").Code.ShouldBe(ExitCodes.Ok);

        var en = File.ReadAllText(folder.File("en.html"));
        var ja = File.ReadAllText(folder.File("ja.html"));
        en.ShouldContain("<html lang=\"en\">");
        ja.ShouldContain("<html lang=\"ja\">");
        ja.ShouldContain("<h2>概要</h2>");
        ja.ShouldContain("<h2>N+k の分析</h2>");
        ja.ShouldNotContain("<h2>Summary</h2>");
        // The figures are the same; only the words around them (and their order in a sentence) change.
        Figures(ja).ShouldBe(Figures(en));
        Figures(en).Count.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void The_locale_chooses_the_language_when_lang_is_not_given_and_lang_overrides_it()
    {
        using var folder = Planned();
        Run(folder, "ja", "report", "estate.yaml", "plan.json", "-o", "from-locale.html").Code.ShouldBe(ExitCodes.Ok);
        Run(folder, "ja", "report", "estate.yaml", "plan.json", "-o", "overridden.html", "--lang=en").Code.ShouldBe(ExitCodes.Ok);

        File.ReadAllText(folder.File("from-locale.html")).ShouldContain("<html lang=\"ja\">");
        File.ReadAllText(folder.File("overridden.html")).ShouldContain("<html lang=\"en\">");
    }

    [Fact]
    public void A_language_that_is_not_offered_is_bad_input()
    {
        using var folder = Planned();
        var (code, _, error) = Run(folder, "en", "report", "estate.yaml", "plan.json", "--lang", "fr");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("fr");
        File.Exists(folder.File("shuyaku-out/report.html")).ShouldBeFalse();
    }

    [Fact]
    public void Plan_json_is_the_same_in_every_language()
    {
        using var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml());
        Run(folder, "en", "plan", "estate.yaml", "-o", "en").Code.ShouldBe(ExitCodes.Ok);
        Run(folder, "en", "plan", "estate.yaml", "-o", "ja", "--lang", "ja").Code.ShouldBe(ExitCodes.Ok);

        File.ReadAllText(folder.File("ja/plan.json")).ShouldBe(File.ReadAllText(folder.File("en/plan.json")));
        File.ReadAllText(folder.File("ja/placement.csv")).ShouldBe(File.ReadAllText(folder.File("en/placement.csv")));
    }

    [Theory]
    [InlineData("kitchen: sink\n", "unknown key 'kitchen' in the estate", "estate に未知のキー 'kitchen' があります")]
    [InlineData("---\nname: second\n", "the file holds 2 YAML documents", "YAML ドキュメントが 2 個あります")]
    [InlineData("name: again\n", "key 'name' appears twice", "キー 'name' が 1 つのマッピングに 2 回")]
    public void An_estate_error_reads_in_japanese_at_the_same_file_line_and_column(string appended, string english, string japanese)
    {
        using var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml().TrimEnd('\n') + "\n" + appended);
        var en = Run(folder, "en", "plan", "estate.yaml", "-o", "en");
        var ja = Run(folder, "en", "plan", "estate.yaml", "-o", "ja", "--lang", "ja");

        en.Code.ShouldBe(ExitCodes.BadInput);
        ja.Code.ShouldBe(ExitCodes.BadInput);
        var enLine = en.Error.Split('\n').Single(l => l.Contains(english, StringComparison.Ordinal));
        var jaLine = ja.Error.Split('\n').Single(l => l.Contains(japanese, StringComparison.Ordinal));
        var place = Place().Match(enLine);
        place.Success.ShouldBeTrue(enLine);
        Place().Match(jaLine).Value.ShouldBe(place.Value);
        // The problem is on the first appended line, in both languages.
        var line = ReportSamples.Yaml().TrimEnd('\n').Split('\n').Length + 1;
        place.Groups[1].Value.ShouldBe(line.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_language_is_restored_after_a_run()
    {
        using var folder = Planned();
        Run(folder, "en", "report", "estate.yaml", "plan.json", "--lang", "ja").Code.ShouldBe(ExitCodes.Ok);
        HtmlReport.Sections[0].Title.ShouldBe("Summary");
    }

    [Fact]
    public void Lang_ja_shows_the_help_of_a_command_in_japanese()
    {
        using var folder = new TempFolder();
        var (code, output, _) = Run(folder, "en", "--lang", "ja", "plan", "--help");
        code.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("estate をサイジングし、すべてのワークロードを最少のホストに配置します。");
        output.ShouldContain("耐えるべきホストの故障台数 (N+k)");
        output.ShouldContain("使用法:"); // System.CommandLine's own words, from its Japanese resources
        output.ShouldNotContain("Size the estate");

        var english = Run(folder, "en", "plan", "--help");
        english.Code.ShouldBe(ExitCodes.Ok);
        english.Out.ShouldContain("Size the estate and place every workload on the fewest hosts");
        english.Out.ShouldContain("Host failures to survive (N+k)");
    }

    [Fact]
    public void Lang_ja_reports_a_bad_option_and_a_bad_file_in_japanese_with_the_english_exit_codes()
    {
        using var folder = new TempFolder();
        folder.Write("estate.yaml", ReportSamples.Yaml());

        var (code, _, error) = Run(folder, "en", "plan", "estate.yaml", "--moves", "abc", "--lang", "ja");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldBe("エラー: --moves 'abc' は整数ではありません。\n'shuyaku plan --help' を参照してください。\n");
        Run(folder, "en", "plan", "estate.yaml", "--moves", "abc").Error.ShouldBe("error: --moves 'abc' is not a whole number.\nSee 'shuyaku plan --help'.\n");

        (code, _, error) = Run(folder, "ja", "plan", "estate.yaml", "--failures", "99");
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldStartWith("エラー: --failures は 0 から ");

        (code, _, error) = Run(folder, "en", "check", "missing.yaml", "plan.json", "--lang", "ja");
        code.ShouldBe(Run(folder, "en", "check", "missing.yaml", "plan.json").Code);
        code.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("missing.yaml: エラー: ");
        error.ShouldEndWith("missing.yaml にエラーが 1 件あります。何も検証していません。\n");
    }

    [Fact]
    public void Lang_ja_prints_the_check_of_a_plan_in_japanese_with_the_same_figures()
    {
        using var folder = Planned();
        var en = Run(folder, "en", "check", "estate.yaml", "plan.json");
        var ja = Run(folder, "en", "check", "estate.yaml", "plan.json", "--lang", "ja");
        ja.Code.ShouldBe(en.Code);
        en.Out.ShouldContain("Valid: ");
        ja.Out.ShouldContain("適合: ワークロード ");
        ja.Out.ShouldNotContain("Valid");
        Figures(ja.Out).ShouldBe(Figures(en.Out));
    }

    [Fact]
    public void The_files_import_move_and_export_write_are_the_same_in_every_language()
    {
        using var folder = new TempFolder();
        Run(folder, "en", "example").Code.ShouldBe(ExitCodes.Ok);
        const string Estate = "examples/tdu-2006/estate.yaml";
        Run(folder, "en", "plan", Estate, "-o", "plan").Code.ShouldBe(ExitCodes.Ok); // plan.json itself: Plan_json_is_the_same_in_every_language
        foreach (var language in (string[])["en", "ja"])
        {
            Run(folder, "en", "import", "rvtools", "examples/rvtools-csv", "--catalog", "examples/rvtools-csv/catalog.yaml", "-o", $"{language}/lab.estate.yaml", "--lang", language)
                .Code.ShouldBe(ExitCodes.Ok);
            Run(folder, "en", "move", Estate, "plan/plan.json", "-o", language, "--lang", language).Code.ShouldBe(ExitCodes.Ok);
            Run(folder, "en", "export", "slb", Estate, "plan/plan.json", "-o", $"{language}/slb", "--no-validate", "--lang", language).Code.ShouldBe(ExitCodes.Ok);
        }

        var files = Directory.GetFiles(folder.File("en"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder.File("en"), f)).Order(StringComparer.Ordinal).ToList();
        files.ShouldContain("lab.estate.yaml");
        files.ShouldContain("move.json");
        files.ShouldContain(Path.Combine("slb", "haproxy.cfg"));
        foreach (var file in files)
        {
            File.ReadAllBytes(folder.File(Path.Combine("ja", file))).ShouldBe(File.ReadAllBytes(folder.File(Path.Combine("en", file))), file);
        }
    }

    private static SortedSet<string> Figures(string html) =>
        new(Number().Matches(Regex.Replace(html, "<[^>]*>", " ")).Select(m => m.Value.TrimEnd(',', '.')), StringComparer.Ordinal);

    /// <summary>The file:line:column an error starts with.</summary>
    [GeneratedRegex(@"^\S*estate\.yaml:(\d+):(\d+): ")]
    private static partial Regex Place();

    [GeneratedRegex(@"\d[\d,.]*")]
    private static partial Regex Number();
}
