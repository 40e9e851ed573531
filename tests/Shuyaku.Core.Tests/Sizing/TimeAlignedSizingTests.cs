using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Sizing;

/// <summary>Sizing from utilisation series: peaks, percentiles and time-aligned placement on the same data.</summary>
public sealed class TimeAlignedSizingTests
{
    /// <summary>
    /// Four workloads on old servers of 10 GHz; the series are CPU % of that server. Day workloads d1, d2 peak at
    /// 90% (9 GHz) in the first half, night workloads n1, n2 in the second: two of a kind never share a 16 GHz host,
    /// a day and a night one always can.
    /// </summary>
    private static (Estate Estate, TraceSizing Traces) DayAndNight()
    {
        var estate = TestEstates.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Shuyaku.Core.Tests", "Sizing", "day-and-night.yaml")));
        var length = 10;
        float[] Day(bool day) => Enumerable.Range(0, length).Select(t => (t < length / 2) == day ? 90f : 5f).ToArray();
        var names = new[] { "d1", "d2", "n1", "n2" };
        var cpu = new float[]?[] { Day(true), Day(true), Day(false), Day(false) };
        var set = TraceSet.FromArrays(0, 300, length, absoluteTime: false, names, new Dictionary<Metric, float[]?[]> { [Metric.Cpu] = cpu });
        return (estate, new TraceSizing(set, SeriesBinding.ById(estate, set), CpuScale.Server, "test"));
    }

    /// <summary>
    /// Day and night with memory series (MiB) for d1, d2 and n1: each uses 20 GiB in its busy half and 1 GiB in the
    /// other; n2 has none, so it keeps the estate's 1 GiB. CPU alone would pair a day and a night workload on each host.
    /// flat: every memory series at 20 GiB throughout (each at its peak); nightAlsoAtFirstStep: n1 at 20 GiB at step 0 too.
    /// </summary>
    private static (Estate Estate, TraceSizing Traces) DayAndNightWithMemory(bool flat = false, bool nightAlsoAtFirstStep = false)
    {
        var (estate, plain) = DayAndNight();
        var set = plain.Traces;
        float[] Memory(bool day) => Enumerable.Range(0, set.Length)
            .Select(t => flat || (t < set.Length / 2) == day || (nightAlsoAtFirstStep && !day && t == 0) ? 20480f : 1024f).ToArray();
        var cpu = Enumerable.Range(0, set.Count).Select(i => (float[]?)set.Values(i, Metric.Cpu).ToArray()).ToArray();
        var memory = new float[]?[] { Memory(true), Memory(true), Memory(false), null };
        var withMemory = TraceSet.FromArrays(0, 300, set.Length, absoluteTime: false, set.Names, new Dictionary<Metric, float[]?[]> { [Metric.Cpu] = cpu, [Metric.Memory] = memory });
        return (estate, new TraceSizing(withMemory, SeriesBinding.ById(estate, withMemory), CpuScale.Server, "test"));
    }

    [Fact]
    public void Time_aligned_sizing_takes_memory_from_the_peak_of_each_workloads_memory_series_grown_with_the_overhead()
    {
        var (estate, traces) = DayAndNightWithMemory();
        var policy = estate.Policy with { GrowthPerYear = 0.1, HorizonYears = 2, OverheadMemoryMib = 128 };

        var sized = DemandModel.Build(estate, estate.Catalog[0], policy, new SizingOptions(SizingMethod.TimeSeries), traces, withGrowth: true);

        sized.Of("d1").Memory.ShouldBe((20480 * 1.21) + 128, 1e-6, "the series' peak, grown by 10% a year over 2 years, plus the VM overhead");
        sized.Of("n2").Memory.ShouldBe((1024 * 1.21) + 128, 1e-6, "no memory series: the estate's figure");
        var byStatistic = DemandModel.Build(estate, estate.Catalog[0], policy, new SizingOptions(SizingMethod.Statistic), traces, withGrowth: true);
        byStatistic.Of("d1").Memory.ShouldBe((1024 * 1.21) + 128, 1e-6, "other methods keep the estate's memory");
    }

    [Fact]
    public void Memory_series_that_peak_at_different_times_share_a_host_when_their_sum_fits_at_every_step()
    {
        var (estate, traces) = DayAndNightWithMemory();
        var (_, flat) = DayAndNightWithMemory(flat: true);

        var plan = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        var atPeaks = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), flat);

        // d1 + n1 hold 21 GiB at every step: they share a host, which their 20 GiB peaks (40 > 32) would forbid.
        plan.Hosts.Count.ShouldBe(2);
        plan.LowerBound.Value.ShouldBe(2);
        atPeaks.Hosts.Count.ShouldBe(3, "each workload held at its own peak at every step");
        TestEstates.HostOf(plan, "d1").ShouldNotBe(TestEstates.HostOf(plan, "d2"));
    }

    [Fact]
    public void With_N_plus_1_memory_series_that_peak_apart_still_save_hosts_in_every_failure_scenario()
    {
        var (plain, traces) = DayAndNightWithMemory();
        var (_, flat) = DayAndNightWithMemory(flat: true);
        var estate = plain with { Policy = plain.Policy with { Failures = 1 } };

        // The checker replays every single failure with memory summed per step on the survivors.
        var plan = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        var atPeaks = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), flat);

        plan.Hosts.Count.ShouldBeLessThan(atPeaks.Hosts.Count);
    }

    [Fact]
    public void The_checker_finds_a_memory_sum_above_capacity_at_a_single_step()
    {
        var (estate, traces) = DayAndNightWithMemory();
        var plan = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        var (_, clash) = DayAndNightWithMemory(nightAlsoAtFirstStep: true);

        // n1 now also holds 20 GiB at step 0, beside a day workload's 20 GiB: 40 GiB > 32 GiB at one step only.
        var report = Checker.Check(estate, plan, clash);

        report.InputError.ShouldBeNull();
        var memory = report.Violations.ShouldHaveSingleItem();
        memory.Kind.ShouldBe("capacity");
        memory.Message.ShouldEndWith("needs up to 40 GiB memory but offers 32 GiB within headroom, at 1 of 10 steps");
    }

    private static Plan PlanChecked(Estate estate, SizingOptions sizing, TraceSizing? traces)
    {
        var outcome = Planner.Plan(estate, new PlanOptions(Sizing: sizing, Traces: traces));
        outcome.Infeasible.ShouldBeNull();
        var report = Checker.Check(estate, outcome.Plan!, traces);
        report.InputError.ShouldBeNull();
        report.Violations.ShouldBeEmpty(string.Join("\n", report.Violations));
        return outcome.Plan!;
    }

    [Fact]
    public void Time_aligned_sizing_packs_workloads_whose_peaks_do_not_coincide()
    {
        var (estate, traces) = DayAndNight();
        var timeAligned = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        var peak = PlanChecked(estate, new SizingOptions(SizingMethod.Peak), traces);

        peak.Hosts.Count.ShouldBe(4, "9 GHz peaks: no two fit a 16 GHz host");
        timeAligned.Hosts.Count.ShouldBe(2, "a day and a night workload share each host");
        TestEstates.HostOf(timeAligned, "d1").ShouldNotBe(TestEstates.HostOf(timeAligned, "d2"));
        timeAligned.LowerBound.Value.ShouldBe(2, "the highest step sum is 2 × 9 + 2 × 0.5 = 19 GHz > 16");
        timeAligned.Inputs.Sizing!.Method.ShouldBe("timeseries");
    }

    [Fact]
    public void Percentile_sizing_multiplies_the_percentile_by_the_comfort_factor()
    {
        var (estate, traces) = DayAndNight();
        var model = estate.Catalog[0];
        var fromEstate = DemandModel.Build(estate, model, estate.Policy, new SizingOptions(SizingMethod.Percentile, 95, 1.5), null, withGrowth: false);
        fromEstate.Demand[0].Cpu.ShouldBe(8 * 1.5, 1e-9, "p95 of 80% of 10 GHz, × 1.5");
        var fromSeries = DemandModel.Build(estate, model, estate.Policy, new SizingOptions(SizingMethod.Percentile, 50, 1.2), traces, withGrowth: false);
        fromSeries.Demand[0].Cpu.ShouldBe(0.5 * 1.2, 1e-6, "the median step of d1 is 5% of 10 GHz");
    }

    [Theory]
    [InlineData(new float[] { 3, 1, 2, 5, 4 }, 100, 5)]
    [InlineData(new float[] { 3, 1, 2, 5, 4 }, 60, 3)]
    [InlineData(new float[] { 3, 1, float.NaN, 5, 4 }, 50, 3)]
    [InlineData(new float[] { float.NaN }, 95, 0)]
    public void Quantiles_use_the_nearest_rank_and_skip_missing_steps(float[] values, double percentile, double expected)
    {
        DemandModel.Quantile(values, percentile).ShouldBe(expected);
    }

    [Fact]
    public void The_checker_finds_coinciding_peaks_in_a_time_aligned_plan()
    {
        var (estate, traces) = DayAndNight();
        var plan = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        var hostOfD1 = TestEstates.HostOf(plan, "d1");
        var broken = plan with { Assignments = plan.Assignments.Select(a => a.Workload == "d2" ? a with { Host = hostOfD1 } : a).ToList() };
        var report = Checker.Check(estate, broken, traces);
        report.Violations.ShouldContain(v => v.Kind == "capacity" && v.Message.Contains("at 5 of 10 steps (at most 0 allowed)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_share_of_steps_may_exceed_capacity_when_asked()
    {
        var (all, traces) = DayAndNight();
        var estate = all with { Workloads = all.Workloads.Where(w => w.Id.StartsWith('d')).ToList() };
        // The two day workloads exceed one host in half of the steps: every step needs two hosts, half of them one.
        PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces).Hosts.Count.ShouldBe(2);
        PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries, StepShare: 0.5), traces).Hosts.Count.ShouldBe(1);
    }

    [Fact]
    public void A_plan_sized_from_traces_cannot_be_checked_without_them()
    {
        var (estate, traces) = DayAndNight();
        var plan = PlanChecked(estate, new SizingOptions(SizingMethod.TimeSeries), traces);
        Checker.Check(estate, plan).InputError.ShouldBe("the plan was sized from utilisation traces (test); give the same traces to check it");
    }
}
