using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Plans;

/// <summary>Damaged plan.json files, from a fixed seed: each must be read into a plan or into diagnostics, never an exception.</summary>
public sealed class PlanJsonFuzzTests
{
    private const int Cases = 300;

    /// <summary>plan.json as the planner writes it for a small estate with a rule and N+1.</summary>
    private static string ValidPlan()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(4, 3, 6), failures: 1));
        return PlanJson.Write(TestEstates.PlanChecked(estate));
    }

    [Fact]
    public void Damaged_plan_files_give_a_plan_or_diagnostics()
    {
        var valid = ValidPlan();
        PlanJson.Read(valid, "plan.json").Succeeded.ShouldBeTrue("the unmutated plan reads");
        var mutator = new SeededMutator(20260605);
        for (var i = 0; i < Cases; i++)
        {
            var (bytes, what) = mutator.Mutate(valid);
            bytes.Length.ShouldBeLessThan(64 * 1024, "each case stays small, so each read is bounded");
            var text = Encoding.UTF8.GetString(bytes);
            var where = $"case {i} ({what}): {text[..Math.Min(text.Length, 300)]}";

            ReadResult<Plan> result;
            try
            {
                result = PlanJson.Read(text, "plan.json");
            }
            catch (Exception e)
            {
                throw new ShouldAssertException($"{where}\nthrew {e}");
            }

            if (result.Succeeded)
            {
                WellFormed(result.Value!, where);
            }
            else
            {
                result.Errors.ShouldNotBeEmpty(where);
                result.Errors.ShouldAllBe(e => e.File == "plan.json" && e.Message.Length > 0 && !e.Message.Contains("System.", StringComparison.Ordinal), where);
            }
        }
    }

    [Fact]
    public void Nesting_deeper_than_a_plan_ever_does_is_refused_with_a_sentence()
    {
        var text = new string('[', 10_000) + new string(']', 10_000);

        var result = PlanJson.Read(text, "plan.json");

        result.Errors.Single().ToString().ShouldBe("plan.json:1:17: the plan is not a valid plan.json: the plan nests deeper than 16 levels: a plan.json written by shuyaku nests at most 5; give the plan file that 'shuyaku plan' wrote");
    }

    [Theory]
    [InlineData("null", "plan.json:1:1: the plan is empty (null): write the plan object")]
    [InlineData("", "plan.json:1:1: the plan is not a valid plan.json: the file is empty: give the plan.json that 'shuyaku plan' wrote")]
    [InlineData("[1]", "plan.json:1:2: the plan is not a valid plan.json: the plan must be one JSON object, {...}, as 'shuyaku plan' writes it")]
    public void Empty_plans_are_reported(string text, string message)
    {
        PlanJson.Read(text, "plan.json").Errors.Single().ToString().ShouldBe(message);
    }

    [Theory]
    [InlineData("{\"a\": 1 \"b\": 2}", "plan.json:1:9: the plan is not a valid plan.json: '\"' follows a value where a comma or the end of the object or list belongs",
        "plan.json:1:9: 正しい plan.json ではありません: 値の後に '\"' があります。ここにはカンマか、オブジェクトまたはリストの終わりが必要です")]
    [InlineData("{\"a\": tru}", "plan.json:1:10: the plan is not a valid plan.json: 'tru}' is not a JSON value: did you mean true?",
        "plan.json:1:10: 正しい plan.json ではありません: 'tru}' は JSON の値ではありません。true のつもりですか?")]
    [InlineData("{\"a\": 1,}", "plan.json:1:9: the plan is not a valid plan.json: a comma ends an object or list: remove it",
        "plan.json:1:9: 正しい plan.json ではありません: オブジェクトかリストがカンマで終わっています。そのカンマを取り除いてください")]
    [InlineData("{\n  \"a\": {", "plan.json:2:9: the plan is not a valid plan.json: the file ends inside an object or a list: it was cut short, or a closing bracket is missing",
        "plan.json:2:9: 正しい plan.json ではありません: オブジェクトかリストの途中でファイルが終わっています。途中で切れているか、閉じかっこがありません")]
    [InlineData("{a: 1}", "plan.json:1:2: the plan is not a valid plan.json: 'a' begins a field name: write field names in double quotes (\"name\")",
        "plan.json:1:2: 正しい plan.json ではありません: フィールド名が 'a' で始まっています。フィールド名は二重引用符で囲んで書きます (\"name\")")]
    [InlineData("\u0001", "plan.json:1:1: the plan is not a valid plan.json: '0x01' cannot begin a value: a value is an object, a list, a string in double quotes, a number, true, false or null",
        "plan.json:1:1: 正しい plan.json ではありません: '0x01' で始まる値はありません。値はオブジェクト、リスト、二重引用符で囲んだ文字列、数値、true、false、null のいずれかです")]
    public void Text_that_is_not_json_is_reported_in_the_reader_s_language_without_the_json_reader_s_words(string text, string english, string japanese)
    {
        using (Shuyaku.Core.Localization.Language.Use("en"))
        {
            PlanJson.Read(text, "plan.json").Errors.Single().ToString().ShouldBe(english);
        }

        using (Shuyaku.Core.Localization.Language.Use("ja"))
        {
            PlanJson.Read(text, "plan.json").Errors.Single().ToString().ShouldBe(japanese);
        }
    }

    [Theory]
    [InlineData("\"hostModel\": \"box\"", "\"hostModel\": null")]
    [InlineData("\"assignments\": [", "\"assignments\": [null, ")]
    [InlineData("\"hosts\": [", "\"hosts\": [null, ")]
    public void Null_where_the_format_has_a_value_is_reported_not_read(string from, string to)
    {
        var valid = ValidPlan();
        valid.ShouldContain(from);

        var result = PlanJson.Read(valid.Replace(from, to, StringComparison.Ordinal), "plan.json");

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Message.ShouldStartWith("the plan is not a valid plan.json");
    }

    /// <summary>What readers of a plan rely on: no null where the format has a value, every number finite.</summary>
    private static void WellFormed(Plan plan, string where)
    {
        plan.Inputs.ShouldNotBeNull(where);
        plan.HostModel.ShouldNotBeNull(where);
        plan.Hosts.ShouldAllBe(h => h != null && h.Id != null && h.Model != null, where);
        plan.Assignments.ShouldAllBe(a => a != null && a.Workload != null && a.Host != null, where);
        plan.LowerBound.Parts.ShouldAllBe(p => p != null && p.Reason != null, where);
        plan.Breakdown.ShouldAllBe(b => b != null && b.Step != null, where);
        plan.Failover.ShouldAllBe(f => f != null && f.Failed.All(x => x != null) && f.Restarts.All(r => r != null && r.Workload != null && r.Host != null), where);
        double[] numbers = [plan.Storage.UsedGiB, plan.Storage.GrownGiB, plan.Storage.DatastoreGiB, plan.Storage.Iops, plan.Storage.GrownIops, plan.Summary.ConsolidationRatio];
        numbers.ShouldAllBe(x => double.IsFinite(x), where);
    }
}
