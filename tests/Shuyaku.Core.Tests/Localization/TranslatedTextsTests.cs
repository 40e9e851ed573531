using Shuyaku.Core.Access;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Move;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.WhatIf;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// Texts Core keeps in files (the lower bound's arguments in plan.json, the checker's violations, the move's notes) are
/// stored in English in every language and shown in the reader's language (docs/languages.md).
/// </summary>
public sealed class TranslatedTextsTests
{
    private static string PlanIn(string language)
    {
        using (Language.Use(language))
        {
            return PlanJson.Write(ReportSamples.Planned().Plan);
        }
    }

    [Fact]
    public void Plan_json_is_the_same_when_planned_in_japanese()
    {
        var ja = PlanIn(Language.Japanese);
        ja.ShouldBe(PlanIn(Language.English));
        ja.ShouldContain("the survivors of any 1 failure must hold everything");
    }

    [Fact]
    public void The_lower_bound_s_arguments_are_shown_in_japanese_and_stored_in_english()
    {
        var plan = ReportSamples.Planned().Plan;
        plan.LowerBound.Parts.Select(p => p.Kind).ShouldContain("n+k");
        using (Language.Use(Language.Japanese))
        {
            foreach (var part in plan.LowerBound.Parts)
            {
                BoundTexts.Describe(part).ShouldNotBe(part.Reason, $"'{part.Reason}' is not translated");
            }

            BoundTexts.Describe(plan.LowerBound.Parts.Single(p => p.Kind == "n+k")).ShouldBe("N+1: どのホストが 1 台故障しても、残るホストですべてを収容する");
            BoundTexts.Describe(plan.LowerBound.Parts.Single(p => p.Kind == "volume" && p.Resource == "cpu")).ShouldBe("cpu の総量");
        }

        using (Language.Use(Language.English))
        {
            plan.LowerBound.Parts.ShouldAllBe(p => BoundTexts.Describe(p) == p.Reason);
        }
    }

    [Fact]
    public void The_sizing_breakdown_s_steps_are_read_back_from_plan_json_and_shown_in_japanese()
    {
        var plan = PlanJson.Read(PlanIn(Language.English), "plan.json").Value!;
        plan.Breakdown.Select(b => b.Step).ShouldContain("with N+1 failover");
        using (Language.Use(Language.Japanese))
        {
            foreach (var step in plan.Breakdown)
            {
                BreakdownTexts.Describe(step).ShouldNotBe(step.Step, $"'{step.Step}' is not translated");
            }

            BreakdownTexts.Describe(plan.Breakdown.Single(b => b.Step == "with N+1 failover")).ShouldBe("N+1 の冗長化を加える");
            BreakdownTexts.Describe(new BreakdownStep("with headroom (cpu 80%, memory 90%, network 75%)", 3)).ShouldBe("余裕率を加える (cpu 80%、memory 90%、network 75%)");
            BreakdownTexts.Describe(new BreakdownStep("with growth of 5% a year over 3 years", 3)).ShouldBe("年 5% の増加を 3 年分加える");
            BreakdownTexts.Describe(new BreakdownStep("plus 2 dedicated bare-metal hosts", 3)).ShouldBe("専用の物理ホスト 2 台を加える");
            BreakdownTexts.Describe(new BreakdownStep("a step of an older build", 3)).ShouldBe("a step of an older build");
        }

        using (Language.Use(Language.English))
        {
            plan.Breakdown.ShouldAllBe(b => BreakdownTexts.Describe(b) == b.Step);
        }
    }

    [Fact]
    public void An_argument_whose_words_this_build_does_not_write_is_shown_as_stored()
    {
        using (Language.Use(Language.Japanese))
        {
            BoundTexts.Describe(new PlanBoundPart("cpu volume (older words)", 3, "volume", "cpu")).ShouldBe("cpu volume (older words)");
            BoundTexts.Describe(new PlanBoundPart("a new argument", 3, "new-kind")).ShouldBe("a new argument");
            BoundTexts.Describe(new PlanBoundPart("exact backend (Optimal): at least 4 hosts", 4, "exact-backend")).ShouldBe("厳密ソルバ (Optimal): 少なくとも 4 台");
            BoundTexts.Describe(new PlanBoundPart("exact backend (Feasible)", 4, "exact-backend")).ShouldBe("厳密ソルバ (Feasible)");
        }
    }

    /// <summary>The sample plan of 12 servers with every workload on its first host: capacity and the N+k walk break.</summary>
    private static (Core.Model.Estate Estate, Plan Plan) Crowded()
    {
        var (estate, plan) = ReportSamples.Planned(servers: 12);
        return (estate, plan with { Assignments = [.. plan.Assignments.Select(a => a with { Host = plan.Hosts[0].Id })], Failover = [] });
    }

    [Fact]
    public void The_checker_s_violations_are_shown_in_japanese_and_kept_in_english()
    {
        var (estate, plan) = Crowded();
        var en = Checker.Check(estate, plan);
        en.Violations.ShouldNotBeEmpty();
        en.Violations.ShouldContain(v => v.Message.StartsWith("host 'host-01' needs ", StringComparison.Ordinal));
        using (Language.Use(Language.Japanese))
        {
            var ja = Checker.Check(estate, plan);
            ja.Violations.Select(v => v.Message).ShouldBe(en.Violations.Select(v => v.Message));
            foreach (var v in ja.Violations)
            {
                v.Describe().ShouldNotBe(v.Message);
                v.Describe().ShouldNotContain(" needs ");
            }

            ja.Violations.Select(v => v.Describe()).ShouldContain(d => d.StartsWith("ホスト 'host-01' は ", StringComparison.Ordinal) && d.Contains("必要ですが、余裕率の範囲で提供できるのは", StringComparison.Ordinal));
        }

        using (Language.Use(Language.English))
        {
            en.Violations.ShouldAllBe(v => v.Describe() == v.Message);
        }
    }

    [Fact]
    public void A_what_if_s_json_is_the_same_in_every_language()
    {
        var (estate, plan) = ReportSamples.Planned();
        var changes = new WhatIfChanges { FailHosts = [.. plan.Hosts.Take(2).Select(h => h.Id)] };
        string Json(string language)
        {
            using (Language.Use(language))
            {
                return WhatIfJson.Write(plan, WhatIfPlanner.Run(estate, plan, changes, new SolveOptions()));
            }
        }

        var en = Json(Language.English);
        en.ShouldContain("\"violations\"");
        Json(Language.Japanese).ShouldBe(en);
    }

    [Fact]
    public void A_what_if_s_changes_and_errors_are_in_japanese_and_its_json_in_english()
    {
        var (estate, plan) = ReportSamples.Planned();
        var changes = new WhatIfChanges { Copies = [new WorkloadCopies("w2", 2)], HostModel = "box" };
        var en = WhatIfJson.Write(plan, WhatIfPlanner.Run(estate, plan, changes, new SolveOptions()));
        using (Language.Use(Language.Japanese))
        {
            var result = WhatIfPlanner.Run(estate, plan, changes, new SolveOptions());
            WhatIfJson.Write(plan, result).ShouldBe(en);
            result.Replan!.Changes.ShouldBe(["host model box", "2 copies of w2 (w2-copy1 … w2-copy2)"]);
            result.Replan.DescribeChanges().ShouldBe(["ホスト機種 box", "w2 の複製 2 個 (w2-copy1 … w2-copy2)"]);
            WhatIfPlanner.Validate(estate, plan, new WhatIfChanges { Copies = [new WorkloadCopies("nope", 1)] })
                .ShouldBe([$"ワークロード 'nope' は環境にありません。ワークロードは {string.Join(", ", estate.Workloads.Select(w => w.Id))} です"]);
        }
    }

    [Fact]
    public void Move_json_is_the_same_in_every_language_and_its_notes_are_shown_in_japanese()
    {
        var estate = EstateFit.ReadAndCheckFile(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")).Value!;
        var plan = TestEstates.PlanChecked(estate);
        var en = MovePlanner.Plan(estate, plan).Plan!;
        MovePlan ja;
        using (Language.Use(Language.Japanese))
        {
            ja = MovePlanner.Plan(estate, plan).Plan!;
        }

        MoveJson.Write(ja).ShouldBe(MoveJson.Write(en));
        var notes = en.Network.AddressSensitive.Select(a => a.Reason)
            .Concat(en.Network.Subnets.SelectMany(s => s.Options).Select(o => o.Note))
            .Concat(en.Violations.Select(v => v.Message)).Where(n => n.Length > 0).ToList();
        notes.ShouldNotBeEmpty();
        using (Language.Use(Language.Japanese))
        {
            foreach (var note in notes)
            {
                MoveTexts.Describe(note).ShouldNotBe(note, $"'{note}' is not translated");
            }

            MoveTexts.Describe("subnet 10.1.0.0/24 moves whole to the data centre").ShouldBe("サブネット 10.1.0.0/24 はまるごとデータセンタへ移行します");
            MoveTexts.Describe("The subnet is cut at 10.2.0.8/29; 10.2.0.8/30, 10.2.0.12/31 are routed to the data centre; 'srv9' changes address.")
                .ShouldBe("サブネットを 10.2.0.8/29 で分割し、10.2.0.8/30, 10.2.0.12/31 をデータセンタへ転送します。'srv9' のアドレスが変わります。");
            MoveTexts.Describe("words of an older move").ShouldBe("words of an older move");
        }
    }

    [Fact]
    public void The_access_layer_s_problems_are_in_japanese()
    {
        var read = Core.Import.EstateReader.Read(Tests.Import.AccessSectionTests.Estate, "estate.yaml");
        var layer = read.Value!.Access!;
        var bad = layer with
        {
            Services =
            [
                layer.Services[0] with { Id = "web\nglobal" },
                layer.Services[1] with { Members = [new Core.Model.Member { Workload = "a b", Address = "10.1", Port = 1 }] },
            ],
        };
        using (Language.Use(Language.Japanese))
        {
            AccessSafety.Problems(bad).ShouldBe([
                "サービスの ID 'web\\u000aglobal' が [a-z0-9][a-z0-9._-]* (最大 63 文字) の形ではありません",
                "サービス 'ntp' のメンバのワークロード 'a b' に安全な文字 (英字、数字、'.'、'_'、'-') 以外が含まれています",
                "サービス 'ntp' のメンバのアドレス '10.1' が通常の表記の IP アドレスではありません",
            ]);
        }
    }
}
