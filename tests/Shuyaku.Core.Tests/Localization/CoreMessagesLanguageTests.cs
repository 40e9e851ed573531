using Shuyaku.Core.Import;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Move;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.WhatIf;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// The rest of Core's messages speak Japanese (docs/languages.md): move.json's and plan.json's read errors at the same
/// <c>file:line:col</c>, the quantity parser's reasons, and why a plan is infeasible, which files keep in English.
/// </summary>
public sealed class CoreMessagesLanguageTests
{
    private static T In<T>(string language, Func<T> f)
    {
        using (Language.Use(language))
        {
            return f();
        }
    }

    public static TheoryData<string, string> BadMoveFiles() => new()
    {
        { "", "ファイルが空です。'shuyaku move' が書いた move.json を指定してください" },
        { "[]", "move.json は 'shuyaku move' が書くとおり、1 つの JSON オブジェクト {...} でなければなりません" },
        { "{ \"schemaVersion\": \"x\" }", "正しい move.json ではありません ($.schemaVersion): 値が整数ではありません" },
        { "{ \"schemaVersion\": 1, \"extra\": 1 }", "不明なフィールド 'extra' があります" },
    };

    [Theory]
    [MemberData(nameof(BadMoveFiles))]
    public void A_bad_move_json_is_reported_in_japanese_at_the_same_place(string text, string japanese)
    {
        var en = In(Language.English, () => MoveJson.Read(text, "move.json")).Errors.ShouldHaveSingleItem();
        var ja = In(Language.Japanese, () => MoveJson.Read(text, "move.json")).Errors.ShouldHaveSingleItem();

        (ja.File, ja.Line, ja.Column).ShouldBe((en.File, en.Line, en.Column));
        ja.Message.ShouldContain(japanese, Case.Sensitive, $"English: {en.Message}");
        en.Message.ShouldStartWith("the file is not a valid move.json");
    }

    [Fact]
    public void A_missing_move_or_plan_file_is_reported_in_japanese()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "none.json");
        In(Language.Japanese, () => MoveJson.ReadFile(missing)).Errors.ShouldHaveSingleItem().Message
            .ShouldBe("ファイルがありません。'shuyaku move' が書いた move.json を指定してください");
        In(Language.Japanese, () => PlanJson.ReadFile(missing)).Errors.ShouldHaveSingleItem().Message.ShouldBe("ファイルがありません。パスを確かめてください");
        In(Language.English, () => PlanJson.ReadFile(missing)).Errors.ShouldHaveSingleItem().Message.ShouldBe("the file does not exist: check the path");
    }

    [Fact]
    public void A_bad_plan_json_is_reported_in_japanese_at_the_same_place()
    {
        const string text = "{\n  \"schemaVersion\": true\n}";
        var en = In(Language.English, () => PlanJson.Read(text, "plan.json")).Errors.ShouldHaveSingleItem();
        var ja = In(Language.Japanese, () => PlanJson.Read(text, "plan.json")).Errors.ShouldHaveSingleItem();

        (ja.Line, ja.Column).ShouldBe((en.Line, en.Column));
        en.Message.ShouldBe("the plan is not a valid plan.json at $.schemaVersion: the value is not a whole number");
        ja.Message.ShouldBe("正しい plan.json ではありません ($.schemaVersion): 値が整数ではありません");
    }

    public static TheoryData<string, string, string> BadQuantities() => new()
    {
        // the memory written, the English reason, the Japanese one
        { "4Gx", "'4Gx' has an unknown unit 'Gx': a size takes one of KiB, MiB, GiB, TiB, KB, MB, GB, TB",
            "'4Gx' の単位 'Gx' は不明です。サイズの単位は KiB, MiB, GiB, TiB, KB, MB, GB, TB のどれかです" },
        { "4gib", "'4gib' has an unknown unit 'gib': units are case-sensitive, did you mean '4GiB'?",
            "'4gib' の単位 'gib' は不明です。単位は大文字と小文字を区別します。'4GiB' のことですか?" },
        { "x", "'x' is not a size: write a number followed by a unit, for example '4GiB' or '512MiB'",
            "'x' はサイズではありません。数のあとに単位を続けて書いてください (例: '4GiB' または '512MiB')" },
        { "4", "'4' has no unit: write a size with one of KiB, MiB, GiB, TiB, KB, MB, GB, TB, for example '4GiB' or '512MiB'",
            "'4' に単位がありません。サイズには KiB, MiB, GiB, TiB, KB, MB, GB, TB のどれかの単位を付けてください (例: '4GiB' または '512MiB')" },
    };

    [Theory]
    [MemberData(nameof(BadQuantities))]
    public void A_bad_quantity_is_explained_in_japanese_after_the_field_s_name_at_the_same_place(string memory, string english, string japanese)
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(1, 1, 4)).Replace("memory: 4GiB", $"memory: {memory}", StringComparison.Ordinal);
        yaml.ShouldContain($"memory: {memory}");
        var en = In(Language.English, () => EstateReader.Read(yaml, "estate.yaml")).Errors.ShouldHaveSingleItem();
        var ja = In(Language.Japanese, () => EstateReader.Read(yaml, "estate.yaml")).Errors.ShouldHaveSingleItem();

        (ja.File, ja.Line, ja.Column).ShouldBe((en.File, en.Line, en.Column));
        en.Message.ShouldEndWith(english);
        ja.Message.ShouldEndWith(japanese);
        en.Message.ShouldBe($"workload 'w1''s memory: {english}");
        ja.Message.ShouldBe($"ワークロード 'w1' の memory: {japanese}");
    }

    private static Core.Model.Estate Gathered() => EstateFit.ReadAndCheck(
        TestEstates.Estate(TestEstates.Workloads(2, 6, 1, "half"), "  - gather: [half1, half2]\n", failures: 1, headroom: "80%")
            .Replace("  failures: 1", "  failures: 1\n  failoverUtilisation: 70%", StringComparison.Ordinal), "estate.yaml").Value!;

    [Fact]
    public void Why_a_plan_is_infeasible_is_shown_in_japanese_and_kept_in_english()
    {
        var estate = Gathered();
        var en = In(Language.English, () => Planner.Plan(estate, new PlanOptions()));
        var ja = In(Language.Japanese, () => Planner.Plan(estate, new PlanOptions()));

        const string english = "on host model 'box': workloads half1, half2, gathered on one host, need 12 GHz of cpu together but a host offers only 11.2 GHz within the policy's headroom";
        en.Infeasible.ShouldBe(english);
        ja.Infeasible.ShouldBe(english);
        In(Language.English, () => ja.Why!.ToString()).ShouldBe(english);
        In(Language.Japanese, () => ja.Why!.ToString()).ShouldBe(
            "ホストモデル 'box' では: 1 台のホストにまとめるワークロード half1, half2 には合わせて cpu が 12 GHz 必要ですが、ポリシーの余裕率の範囲でホストが提供できるのは 11.2 GHz だけです");
        In(Language.Japanese, () => Planner.Plan(estate, new PlanOptions(HostModel: "nope")).Why!.ToString()).ShouldBe("ホストモデル 'nope' はカタログにありません (モデル: box)");
    }

    [Fact]
    public void A_what_if_without_a_plan_keeps_the_reason_in_english_in_its_json_and_shows_it_in_japanese()
    {
        var estate = Gathered();
        var replan = new Replan([], null, Planner.Plan(estate, new PlanOptions()).Infeasible, null, 1, 1, "box", 2)
        {
            InfeasibleText = In(Language.Japanese, () => Planner.Plan(estate, new PlanOptions()).Why),
        };

        In(Language.Japanese, replan.DescribeInfeasible).ShouldStartWith("ホストモデル 'box' では: ");
        In(Language.English, replan.DescribeInfeasible).ShouldBe(replan.Infeasible);
        (replan with { InfeasibleText = null }).DescribeInfeasible().ShouldBe(replan.Infeasible);
    }

    [Fact]
    public void A_workload_larger_than_every_host_model_is_reported_in_japanese_at_the_same_place()
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(1, 12, 1, "big"), failures: 1, headroom: "80%")
            .Replace("  failures: 1", "  failures: 1\n  failoverUtilisation: 70%", StringComparison.Ordinal);
        var en = In(Language.English, () => EstateFit.ReadAndCheck(yaml, "estate.yaml")).Errors.ShouldHaveSingleItem();
        var ja = In(Language.Japanese, () => EstateFit.ReadAndCheck(yaml, "estate.yaml")).Errors.ShouldHaveSingleItem();

        (ja.File, ja.Line, ja.Column, ja.Kind).ShouldBe((en.File, en.Line, en.Column, en.Kind));
        en.Message.ShouldStartWith("workload 'big1' is larger than every host model within the policy's headroom: box (cpu 12 GHz > 11.2 GHz)");
        ja.Message.ShouldBe("ワークロード 'big1' は、ポリシーの余裕率の範囲では、どのホストモデルにも収まりません: box (cpu 12 GHz > 11.2 GHz)。カタログにより大きなモデルを追加するか、ワークロードを分割してください");
    }
}
