using Shuyaku.Core.Import;
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
            "estate.yaml:3:5: workload 'big1' is larger than every host model: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload",
            "estate.yaml:4:5: workload 'big2' is larger than every host model: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload",
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
}
