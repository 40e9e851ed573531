using Shuyaku.Core.Tests.Support;
using Shuyaku.Core.Traces;

namespace Shuyaku.Core.Tests.Traces;

public sealed class ActivityTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static ActivityDay Day(int daysAgo, int samples, double mean, double peak) => new(Today.AddDays(-daysAgo), samples, mean, peak);

    [Fact]
    public void Cpu_is_summed_up_per_utc_day_leaving_out_steps_without_a_value_and_series_without_cpu()
    {
        // Given two series on a 12-hour grid from 2026-12-01 00:00 UTC; b has only memory
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var set = TraceSet.FromArrays(start, 12 * 3600, 5, absoluteTime: true, ["a", "b"], new Dictionary<Metric, float[]?[]>
        {
            [Metric.Cpu] = [[10f, 30f, float.NaN, 2f, 4f], null],
            [Metric.Memory] = [null, [1f, 1f, 1f, 1f, 1f]],
        });

        // When it is summed up
        var days = Activity.Days(set)!;

        // Then a has three days (the NaN step is no sample) and b is left out
        days.Keys.ShouldBe(["a"]);
        days["a"].ShouldBe([
            new ActivityDay(new DateOnly(2026, 12, 1), 2, 20, 30),
            new ActivityDay(new DateOnly(2026, 12, 2), 1, 2, 2),
            new ActivityDay(new DateOnly(2026, 12, 3), 1, 4, 4),
        ]);
    }

    [Fact]
    public void A_trace_without_clock_times_has_no_days()
    {
        var set = TraceSet.FromArrays(0, 300, 1, absoluteTime: false, ["a"], new Dictionary<Metric, float[]?[]> { [Metric.Cpu] = [[1f]] });

        Activity.Days(set).ShouldBeNull();
    }

    [Fact]
    public void A_guest_whose_window_peak_is_at_or_below_the_threshold_is_idle_and_its_last_active_day_lies_before_the_window()
    {
        var days = new[] { Day(40, 10, 50, 90), Day(20, 10, 1, 5), Day(1, 30, 2, 3) };

        var verdict = Activity.Judge(days, Today, windowDays: 30, thresholdPercent: 5);

        verdict.LastActiveDay.ShouldBe(Today.AddDays(-40));
        verdict.WindowSamples.ShouldBe(40);
        verdict.WindowMean.ShouldBe((10 * 1 + 30 * 2) / 40.0);
        verdict.WindowPeak.ShouldBe(5);
        verdict.Measured.ShouldBeTrue();
        verdict.Idle.ShouldBeTrue();
    }

    [Fact]
    public void One_day_above_the_threshold_inside_the_window_makes_the_guest_not_idle_and_is_its_last_active_day()
    {
        var verdict = Activity.Judge([Day(29, 1, 6, 6), Day(0, 5, 1, 1)], Today, windowDays: 30, thresholdPercent: 5);

        verdict.Idle.ShouldBeFalse();
        verdict.LastActiveDay.ShouldBe(Today.AddDays(-29));
        verdict.WindowPeak.ShouldBe(6);
    }

    [Fact]
    public void The_window_holds_exactly_its_number_of_days_ending_today_and_days_after_today_are_ignored()
    {
        // 30 days ago is the 31st day back: outside a 30-day window; tomorrow is ignored altogether
        var verdict = Activity.Judge([Day(30, 1, 80, 80), Day(-1, 1, 99, 99)], Today, windowDays: 30, thresholdPercent: 5);

        Activity.WindowStart(Today, 30).ShouldBe(Today.AddDays(-29));
        verdict.WindowSamples.ShouldBe(0);
        verdict.Measured.ShouldBeFalse();
        verdict.Idle.ShouldBeFalse("a guest without samples in the window is unmeasured, not idle");
        verdict.WindowMean.ShouldBeNull();
        verdict.LastActiveDay.ShouldBe(Today.AddDays(-30));
    }

    [Fact]
    public void A_guest_never_above_the_threshold_has_no_last_active_day()
    {
        Activity.Judge([Day(3, 4, 0.5, 1)], Today, 7, 5).LastActiveDay.ShouldBeNull();
    }

    [Fact]
    public void A_measurements_csv_is_read_through_the_trace_importer_and_errors_name_the_shown_file()
    {
        using var dir = new TempFolder();
        var good = Activity.Read(dir.Write("m.csv", "workload,timestamp,metric,value\nweb1,2026-12-01T00:00:00Z,cpu,10\nweb1,2026-12-01T00:05:00Z,cpu,20\n"), "upload.csv");
        good.Errors.ShouldBeEmpty();
        good.Value!["web1"].ShouldBe([new ActivityDay(new DateOnly(2026, 12, 1), 2, 15, 20)]);

        var relative = Activity.Read(dir.Write("r.csv", "workload,timestamp,metric,value\nweb1,0,cpu,10\nweb1,300,cpu,20\n"), "rel.csv");
        relative.Succeeded.ShouldBeFalse();
        relative.Errors.Single().ToString().ShouldStartWith("rel.csv:0:0:");

        var broken = Activity.Read(dir.Write("b.csv", "workload,timestamp,metric,value\nweb1,2026-12-01T00:00:00Z,cpu,abc\n"), "bad.csv");
        broken.Succeeded.ShouldBeFalse();
        broken.Errors[0].File.ShouldBe("bad.csv");
        broken.Errors[0].Line.ShouldBe(2);
    }
}
