using Shuyaku.Core.Localization;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>What the planner says while it works follows the language; the plan it makes does not.</summary>
public sealed class PlanProgressLanguageTests
{
    [Fact]
    public void The_planner_reports_its_progress_in_japanese_and_plans_the_same()
    {
        var estate = TestEstates.Read(TestEstates.Estate(TestEstates.Workloads(12, ghz: 2, gib: 8), failures: 1));

        var (en, enSteps) = Plan(estate, Language.English);
        var (ja, jaSteps) = Plan(estate, Language.Japanese);

        PlanJson.Write(ja).ShouldBe(PlanJson.Write(en));
        enSteps.ShouldContain(s => s.StartsWith("placing on ", StringComparison.Ordinal));
        jaSteps.ShouldContain(s => s.EndsWith(" に配置中", StringComparison.Ordinal));
        jaSteps.ShouldNotContain(s => s.StartsWith("placing on ", StringComparison.Ordinal) || s == "breakdown" || s.StartsWith("searching", StringComparison.Ordinal));
    }

    [Fact]
    public void The_search_s_status_is_said_in_japanese()
    {
        using (Language.Use(Language.Japanese))
        {
            PlanProgress.Searching(5, 4, TimeSpan.FromSeconds(1.5)).ShouldBe("探索中: ホスト 5 台、下界 4、1.5 秒");
            PlanProgress.Survive(1, 6).ShouldBe("N+1: ホスト 6 台で障害に耐えます");
        }

        using (Language.Use(Language.English))
        {
            PlanProgress.Searching(5, 4, TimeSpan.FromSeconds(1.5)).ShouldBe("searching: 5 hosts, lower bound 4, 1.5 s");
        }
    }

    private static (Plan Plan, List<string> Steps) Plan(Core.Model.Estate estate, string language)
    {
        var steps = new List<string>();
        using (Language.Use(language))
        {
            var plan = Planner.Plan(estate, new PlanOptions(), new Collect(steps)).Plan!;
            return (plan, steps);
        }
    }

    /// <summary>Collects each step on the planner's own thread (<see cref="Progress{T}"/> would post them elsewhere).</summary>
    private sealed class Collect(List<string> steps) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (steps)
            {
                steps.Add(value);
            }
        }
    }
}
