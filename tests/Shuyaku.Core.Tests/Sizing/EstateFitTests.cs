using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Sizing;

public sealed class EstateFitTests
{
    [Fact]
    public void Reading_leaves_the_fit_check_to_sizing_which_points_at_the_workload_in_the_file()
    {
        var read = EstateReader.Read(TestEstates.Estate(TestEstates.Workloads(2, 20, 1, "big")), "estate.yaml");

        read.Succeeded.ShouldBeTrue();
        read.Value!.Sources.Workload("big2").ShouldBe(new(4, 5));
        EstateFit.Check(read.Value).Select(e => e.ToString()).ShouldBe([
            "estate.yaml:3:5: workload 'big1' is larger than every host model within the policy's headroom: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload",
            "estate.yaml:4:5: workload 'big2' is larger than every host model within the policy's headroom: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload",
        ]);
    }

    [Fact]
    public void Read_and_check_keeps_the_readers_warnings_beside_the_fit_errors()
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(1, 20, 1, "big"), headroom: "80%").Replace("  failures: 0", "  failures: 0\n  failoverUtilisation: 60%", StringComparison.Ordinal);

        var result = EstateFit.ReadAndCheck(yaml, "estate.yaml");

        result.Succeeded.ShouldBeFalse();
        result.Errors.Single().Message.ShouldStartWith("workload 'big1' is larger than every host model");
        result.Warnings.Single().Message.ShouldStartWith("failoverUtilisation 60% is below the headroom (80%)");
    }

    [Fact]
    public void An_oversized_workload_is_infeasible_not_bad_input_and_quotes_the_same_capacity_as_an_oversized_gather()
    {
        // N+1 with failoverUtilisation below the headroom: a host carries at most the lesser of the two, 70% of 16 GHz.
        string Yaml(string workloads, string rules = "") =>
            TestEstates.Estate(workloads, rules, failures: 1, headroom: "80%").Replace("  failures: 1", "  failures: 1\n  failoverUtilisation: 70%", StringComparison.Ordinal);

        var alone = EstateFit.ReadAndCheck(Yaml(TestEstates.Workloads(1, 12, 1, "big")), "estate.yaml");
        var gathered = EstateFit.ReadAndCheck(Yaml(TestEstates.Workloads(2, 6, 1, "half"), "  - gather: [half1, half2]\n"), "estate.yaml");

        alone.Errors.Single().ShouldBe(new Diagnostic("estate.yaml", 3, 5, "workload 'big1' is larger than every host model within the policy's headroom: box (cpu 12 GHz > 11.2 GHz); add a larger model to the catalog or split the workload") { Kind = DiagnosticKind.Infeasible });
        Planner.Plan(gathered.Value!, new PlanOptions()).Infeasible.ShouldBe("on host model 'box': workloads half1, half2, gathered on one host, need 12 GHz of cpu together but a host offers only 11.2 GHz within the policy's headroom");
    }

    [Fact]
    public void A_workload_that_fits_today_but_not_after_growth_is_reported_by_the_fit_check()
    {
        var yaml = TestEstates.Estate(TestEstates.Workloads(1, 10, 1, "grows")).Replace("  growth: 0%", "  growth: 10%\n  horizon: 5", StringComparison.Ordinal);

        EstateFit.ReadAndCheck(yaml, "estate.yaml").Errors.Select(e => e.ToString()).ShouldBe([
            "estate.yaml:3:5: workload 'grows1' is larger than every host model within the policy's headroom: box (cpu 16.11 GHz > 16 GHz); add a larger model to the catalog or split the workload",
        ]);
    }
}
