using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Traces;

public sealed class ResamplingTests
{
    private static TraceImport Import(string csv, ResampleOptions options)
    {
        using var dir = new TempFolder();
        var result = TraceImporter.Import(dir.Write("t.csv", "workload,timestamp,metric,value\n" + csv), TraceFormat.CsvLong, options);
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    [Fact]
    public void Duplicates_are_averaged_short_gaps_filled_linearly_and_long_gaps_left_missing_and_reported()
    {
        var import = Import("""
            a,0,cpu,10
            a,0,cpu,20
            a,300,cpu,30
            a,1200,cpu,60
            a,3000,cpu,90
            """, new ResampleOptions(StepSeconds: 300, MaxFillSteps: 3));

        var (set, report) = (import.Set, import.Report);
        set.Values(0, Metric.Cpu).ToArray().ShouldBe([15f, 30f, 40f, 50f, 60f, float.NaN, float.NaN, float.NaN, float.NaN, float.NaN, 90f]);
        report.DuplicateSamples.ShouldBe(1);
        report.FilledGaps.ShouldBe(1);
        report.FilledSteps.ShouldBe(2);
        report.LongGaps.ShouldBe([new TraceGap("a", Metric.Cpu, 1500, 5)]);
    }

    [Fact]
    public void A_gap_one_step_longer_than_the_limit_is_not_filled()
    {
        var import = Import("a,0,cpu,0\na,1200,cpu,40\n", new ResampleOptions(StepSeconds: 300, MaxFillSteps: 2));

        import.Set.Values(0, Metric.Cpu).ToArray().ShouldBe([0f, float.NaN, float.NaN, float.NaN, 40f]);
        import.Report.LongGaps.Single().Steps.ShouldBe(3);
    }

    [Fact]
    public void Samples_at_different_times_within_one_step_are_averaged_and_counted_as_merged()
    {
        var import = Import("a,0,cpu,10\na,100,cpu,20\na,300,cpu,30\na,420,cpu,50\n", new ResampleOptions(StepSeconds: 300));

        import.Set.Values(0, Metric.Cpu).ToArray().ShouldBe([15f, 40f]);
        import.Report.MergedSteps.ShouldBe(2);
        import.Report.DuplicateSamples.ShouldBe(0);
    }

    [Fact]
    public void Unsorted_samples_are_put_in_time_order()
    {
        var import = Import("a,600,cpu,3\na,0,cpu,1\na,300,cpu,2\n", new ResampleOptions(StepSeconds: 300));

        import.Set.Values(0, Metric.Cpu).ToArray().ShouldBe([1f, 2f, 3f]);
    }

    [Fact]
    public void The_step_is_the_median_interval_when_not_given()
    {
        var import = Import("a,0,cpu,1\na,60,cpu,1\na,120,cpu,1\na,180,cpu,1\na,600,cpu,1\n", ResampleOptions.Default);

        import.Report.StepSeconds.ShouldBe(60);
        import.Report.StepDetected.ShouldBeTrue();
    }

    [Fact]
    public void Series_that_start_later_are_missing_before_their_first_sample_without_a_gap_reported()
    {
        var import = Import("a,0,cpu,1\na,300,cpu,2\na,600,cpu,3\nb,600,cpu,9\n", new ResampleOptions(StepSeconds: 300));

        import.Set.Values(1, Metric.Cpu).ToArray().ShouldBe([float.NaN, float.NaN, 9f]);
        import.Report.LongGaps.ShouldBeEmpty();
    }

    [Fact]
    public void A_grid_too_large_for_memory_is_refused_with_advice()
    {
        using var dir = new TempFolder();
        var file = dir.Write("t.csv", "workload,timestamp,metric,value\na,1000000000,cpu,1\nb,3000000000,cpu,1\n");

        var result = TraceImporter.Import(file, TraceFormat.CsvLong, new ResampleOptions(StepSeconds: 1));

        result.Errors.Single().Message.ShouldBe("a grid of 2,000,000,001 steps of 1 s for 2 series would need 14.9 GiB: give a larger --step or fewer series");
    }
}
