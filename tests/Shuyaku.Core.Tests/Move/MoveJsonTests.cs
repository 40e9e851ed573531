using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Move;

public sealed class MoveJsonTests
{
    private static MovePlan Sample() => ReportSamples.Move(ReportSamples.Planned().Estate) with { PlanDigest = "ab12", HostModel = "box" };

    [Fact]
    public void A_move_plan_survives_writing_and_reading_with_every_field()
    {
        var move = Sample();
        var text = MoveJson.Write(move);
        var read = MoveJson.Read(text, "move.json");
        read.Errors.ShouldBeEmpty();
        var back = read.Value!;
        MoveJson.Write(back).ShouldBe(text);
        back.Network.Subnets[1].Options[2].ChangedServers.ShouldBe(["srv2"]);
        back.Network.Subnets[0].Chosen.ShouldBeNull();
        back.Cost.Models[1].Model.ShouldBe("big<box>");
        back.Waves[1].Routes.ShouldBe(["10.2.0.12/32"]);
        back.PlanDigest.ShouldBe("ab12");
    }

    [Fact]
    public void The_file_is_camel_case_with_invariant_numbers_and_names_its_version_and_inputs()
    {
        var text = MoveJson.Write(Sample());
        text.ShouldStartWith("{\n  \"schemaVersion\": 1,\n  \"estate\": ");
        text.ShouldContain("\"estateDigest\": ");
        text.ShouldContain("\"planDigest\": \"ab12\"");
        text.ShouldContain("\"addressChanges\": 0");
        text.ShouldContain("\"fate\": \"split\"");
        text.ShouldContain("\"afterMbps\": 42.5");
        text.ShouldContain("\"limitMbps\": 70");
        text.ShouldEndWith("}\n");
    }

    [Theory]
    [InlineData("", "move.json:1:1: the file is not a valid move.json: the file is empty: give the move.json that 'shuyaku move' wrote")]
    [InlineData("[]", "move.json:1:2: the file is not a valid move.json: move.json must be one JSON object, {...}, as 'shuyaku move' writes it")]
    [InlineData("{ \"schemaVersion\": 2 }", "move.json:1:1: schemaVersion 2 is not supported: this version reads 1")]
    public void A_bad_file_is_one_diagnostic_with_a_sentence(string text, string expected)
    {
        var result = MoveJson.Read(text, "move.json");
        if (text.Contains("schemaVersion", StringComparison.Ordinal))
        {
            // A version check needs the rest of the file; a complete file with the wrong version.
            result = MoveJson.Read(MoveJson.Write(Sample()).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal), "move.json");
        }

        result.Errors.ShouldHaveSingleItem().ToString().ShouldBe(expected);
    }

    [Fact]
    public void A_wrong_value_deep_inside_is_named_by_its_json_path()
    {
        var text = MoveJson.Write(Sample()).Replace("\"fate\": \"split\"", "\"fate\": \"gone\"", StringComparison.Ordinal);
        var e = MoveJson.Read(text, "move.json").Errors.ShouldHaveSingleItem();
        e.Message.ShouldBe("the file is not a valid move.json at $.network.subnets[1].fate: the value is not one of moved, stays, split");
    }

    [Fact]
    public void A_missing_field_and_an_unknown_one_are_named()
    {
        var text = MoveJson.Write(Sample());
        MoveJson.Read(text.Replace("\"dataCenter\": \"dc\",", "", StringComparison.Ordinal), "move.json").Errors.Single().Message
            .ShouldBe("the file is not a valid move.json: required fields are missing: 'dataCenter'");
        MoveJson.Read(text.Replace("\"dataCenter\": \"dc\",", "\"dataCenter\": \"dc\", \"extra\": 1,", StringComparison.Ordinal), "move.json").Errors.Single().Message
            .ShouldBe("the file is not a valid move.json at $.extra: unknown field 'extra'");
    }

    [Fact]
    public void Damaged_files_give_a_move_plan_or_one_diagnostic_never_an_exception()
    {
        var valid = MoveJson.Write(Sample());
        var mutator = new SeededMutator(20261206);
        for (var i = 0; i < 300; i++)
        {
            var (bytes, what) = mutator.Mutate(valid);
            var text = Encoding.UTF8.GetString(bytes);
            ReadResult<MovePlan> result;
            try
            {
                result = MoveJson.Read(text, "move.json");
            }
            catch (Exception e)
            {
                throw new ShouldAssertException($"case {i} ({what}) threw {e}");
            }

            if (!result.Succeeded)
            {
                result.Errors.ShouldHaveSingleItem($"case {i} ({what})");
                result.Errors[0].Message.ShouldNotContain("System.", Case.Sensitive, $"case {i} ({what})");
                result.Errors[0].Message.ShouldNotContain("\n", Case.Sensitive, $"case {i} ({what})");
            }
            else
            {
                // Whatever reads must write again without failing.
                MoveJson.Write(result.Value!).ShouldNotBeEmpty();
            }
        }
    }
}
