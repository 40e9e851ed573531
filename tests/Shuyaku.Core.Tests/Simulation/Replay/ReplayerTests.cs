using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Simulation.Replay;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Simulation.Replay;

public sealed class ReplayerTests
{
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Old servers of 1 GHz, so a CPU % of the old server is GHz × 100; hosts of 2 × 1 GHz drawing 100 W idle and 200 W
    /// at full load; no reserve, overhead or growth.
    /// </summary>
    private static string EstateYaml(string catalog = "  - { id: box, sockets: 1, cores: 2, clock: 1GHz, memory: 4GiB, power: { idle: 100W, max: 200W } }") => $"""
        name: replay
        sites:
          - {"{"} id: x {"}"}
        servers:
          - {"{"} id: s1, site: x, hardware: {"{"} sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB {"}"} {"}"}
          - {"{"} id: s2, site: x, hardware: {"{"} sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB {"}"} {"}"}
          - {"{"} id: s3, site: x, hardware: {"{"} sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB {"}"} {"}"}
        workloads:
          - {"{"} id: a, server: s1, demand: {"{"} cpu: 50%, memory: 256MiB {"}"} {"}"}
          - {"{"} id: b, server: s2, demand: {"{"} cpu: 50%, memory: 256MiB {"}"} {"}"}
          - {"{"} id: c, server: s3, demand: {"{"} cpu: 25%, memory: 256MiB {"}"} {"}"}
        catalog:
        {catalog}
        {TestEstates.Policy()}
        """;

    private static Plan TwoHosts(string model = "box") => new()
    {
        Inputs = new PlanInputs("", 0, ""),
        HostModel = model,
        Hosts = [new PlannedHost("h1", model), new PlannedHost("h2", model)],
        Assignments = [new Assignment("a", "h1"), new Assignment("b", "h1"), new Assignment("c", "h2")],
        LowerBound = new PlanBound(1, []),
        Breakdown = [],
        Storage = new PlanStorage(0, 0, 0, 0, 0),
        Summary = new PlanSummary(1, 3, 3, 2, 2, 0, 1.5),
    };

    /// <summary>Four steps of 5 minutes; b misses its last step, c its last two.</summary>
    private static TraceSet Traces() => TraceSet.FromArrays(0, 300, 4, false, ["a", "b", "c"], new Dictionary<Metric, float[]?[]>
    {
        [Metric.Cpu] = [[50, 100, 150, 100], [50, 100, 100, float.NaN], [25, 25, float.NaN, float.NaN]],
    });

    private static ReplayResult Replay(Estate estate, TraceSet traces, ReplayOptions? options = null, SeriesBinding? binding = null)
    {
        var result = Replayer.Run(estate, TwoHosts(estate.Catalog[0].Id), traces, binding ?? SeriesBinding.ById(estate, traces), options ?? new ReplayOptions());
        result.Errors.ShouldBeEmpty();
        return result.Value!;
    }

    [Fact]
    public void Two_hosts_give_the_hand_computed_overload_unmet_demand_and_energy()
    {
        // h1 carries a + b: 1.0, 2.0, 2.5, 1.0 GHz on 2 GHz → loads 50%, 100%, 125%, 50%; at 100% twice in 4 active steps.
        // Power follows the served load: 150 + 200 + 200 + 150 W over 300 s steps = 0.0583 kWh; 0.5 GHz unmet for 5 minutes.
        // h2 carries c: 0.25 GHz (12.5%, 112.5 W) for two steps, then nothing runs and it idles at 100 W.
        var r = Replay(TestEstates.Read(EstateYaml()), Traces());

        var (h1, h2) = (r.Hosts[0], r.Hosts[1]);
        h1.Workloads.ShouldBe(2);
        h1.CapacityGhz.ShouldBe(2, Tolerance);
        h1.ActiveSteps.ShouldBe(4);
        h1.OverloadSteps.ShouldBe(2);
        h1.Slatah.ShouldBe(0.5, Tolerance);
        h1.MeanCpu.ShouldBe(0.8125, 1e-6);
        h1.PeakCpu.ShouldBe(1.25, 1e-6);
        h1.DemandGhzHours.ShouldBe(6.5 / 12, 1e-6);
        h1.UnmetGhzHours.ShouldBe(0.5 / 12, 1e-6);
        h1.EnergyKwh.ShouldBe(700.0 * 300 / 3.6e6, 1e-9);
        h1.PeakMemory.ShouldBe(512.0 / 4096, Tolerance);
        h2.ActiveSteps.ShouldBe(2);
        h2.OverloadSteps.ShouldBe(0);
        h2.EnergyKwh.ShouldBe((112.5 + 112.5 + 100 + 100) * 300 / 3.6e6, 1e-9);
        r.Slatah.ShouldBe(0.25, Tolerance);
        r.EnergyKwh.ShouldBe((700.0 + 425) * 300 / 3.6e6, 1e-9);
        r.UnmetGhzHours.ShouldBe(0.5 / 12, 1e-6);
        r.ActiveHosts.ShouldBe([2, 2, 1, 1]);
        r.PowerW[2].ShouldBe(300, 1e-6);
        r.MissingWorkloadSteps.ShouldBe(3);
        r.LoadOf(1).ToArray().ShouldBe([0.125f, 0.125f, float.NaN, float.NaN]);
    }

    [Fact]
    public void Hosts_running_nothing_draw_nothing_when_powered_off()
    {
        var r = Replay(TestEstates.Read(EstateYaml()), Traces(), new ReplayOptions(PowerOffIdle: true));

        r.Hosts[1].EnergyKwh.ShouldBe(225.0 * 300 / 3.6e6, 1e-9);
        r.PowerW[3].ShouldBe(150, 1e-6);
    }

    [Fact]
    public void A_workload_without_a_series_is_left_out_of_the_replay_and_named()
    {
        var estate = TestEstates.Read(EstateYaml());
        var traces = TraceSet.FromArrays(0, 300, 4, false, ["a", "b"], new Dictionary<Metric, float[]?[]>
        {
            [Metric.Cpu] = [[50, 50, 50, 50], [50, 50, 50, 50]],
        });

        var r = Replay(estate, traces);

        r.WithoutSeries.ShouldBe(["c"]);
        r.ConstantWorkloads.ShouldBe(0);
        r.SeriesWorkloads.ShouldBe(2);
        r.Hosts[1].ActiveSteps.ShouldBe(0, "c alone on h2 did not run in the traces' window");
        r.Hosts[1].DemandGhzHours.ShouldBe(0);
        r.Hosts[1].EnergyKwh.ShouldBe(100.0 * 4 * 300 / 3.6e6, 1e-9, "a planned host running nothing draws idle power");
        r.DemandGhzHours.ShouldBe(4 * 1.0 * 300 / 3600, Tolerance, "only a and b, 0.5 GHz each");
    }

    [Fact]
    public void A_workload_without_a_series_replays_its_constant_estate_demand_when_asked()
    {
        var estate = TestEstates.Read(EstateYaml());
        var traces = TraceSet.FromArrays(0, 300, 4, false, ["a", "b"], new Dictionary<Metric, float[]?[]>
        {
            [Metric.Cpu] = [[50, 50, 50, 50], [50, 50, 50, 50]],
        });

        var r = Replay(estate, traces, new ReplayOptions(ConstantWithoutSeries: true));

        r.WithoutSeries.ShouldBe(["c"]);
        r.ConstantWorkloads.ShouldBe(1);
        r.Hosts[1].MeanCpu.ShouldBe(0.125, Tolerance); // c's 25% of a 1 GHz server, all the time
        r.Hosts[1].EnergyKwh.ShouldBe(112.5 * 4 * 300 / 3.6e6, 1e-9);
        r.Hosts[0].OverloadSteps.ShouldBe(0);
    }

    [Fact]
    public void Peak_scaling_keeps_the_series_shape_and_gives_its_highest_value_the_workloads_estate_peak()
    {
        var estate = TestEstates.Read(EstateYaml());

        // a's peak in the estate is 50% of a 1 GHz server: 0.5 GHz, so the series' 40 becomes 0.5 GHz.
        CpuScaling.Of(estate, estate.Workloads[0], [10f, 20f, 40f], CpuScale.Peak).ShouldBe(0.5 / 40, Tolerance);
        CpuScaling.Of(estate, estate.Workloads[0], [10f, 20f, 40f], CpuScale.Server).ShouldBe(0.01, Tolerance);
    }

    [Fact]
    public void Growth_scales_the_series_by_the_policys_growth_over_its_horizon()
    {
        var estate = TestEstates.Read(EstateYaml());
        estate = estate with { Policy = estate.Policy with { GrowthPerYear = 0.1, HorizonYears = 2 } };
        var traces = TraceSet.FromArrays(0, 300, 1, false, ["a", "b", "c"], new Dictionary<Metric, float[]?[]>
        {
            [Metric.Cpu] = [[50], [50], [100]],
        });

        var r = Replay(estate, traces, new ReplayOptions(Growth: true));

        r.Hosts[1].PeakCpu.ShouldBe(1.21 * 1.0 / 2, 1e-6);
    }

    [Fact]
    public void A_specpower_table_sets_the_power_drawn_at_each_load()
    {
        var estate = TestEstates.Read(EstateYaml(
            "  - { id: g4, sockets: 1, cores: 2, clock: 1GHz, memory: 4GiB, specpower: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117] }"));
        var traces = TraceSet.FromArrays(0, 3600, 1, false, ["a", "b", "c"], new Dictionary<Metric, float[]?[]>
        {
            [Metric.Cpu] = [[50], [50], [30]],
        });

        var r = Replay(estate, traces);

        r.Hosts[0].EnergyKwh.ShouldBe(0.102, 1e-9); // 50% load for one hour
        r.Hosts[1].EnergyKwh.ShouldBe(0.091, 1e-9); // 15% load: halfway between 89.4 W and 92.6 W
    }

    [Fact]
    public void A_plan_that_does_not_match_the_estate_is_refused_with_every_reason()
    {
        var estate = TestEstates.Read(EstateYaml());
        var plan = TwoHosts() with { Assignments = [new Assignment("a", "h1"), new Assignment("zz", "h1"), new Assignment("c", "h9")] };

        var result = Replayer.Run(estate, plan, Traces(), SeriesBinding.ById(estate, Traces()), new ReplayOptions(), "plan.json");

        result.Errors.Select(e => e.ToString()).ShouldBe([
            "plan.json:0:0: the plan places workload 'zz', which is not in the estate: the plan was made for another estate",
            "plan.json:0:0: the plan puts workload 'c' on host 'h9', which is not among its hosts",
            "plan.json:0:0: the plan does not place workload 'b': make the plan again from this estate",
            "plan.json:0:0: the plan does not place workload 'c': make the plan again from this estate",
        ]);
    }

    [Fact]
    public void A_cpu_percentage_needs_the_workloads_old_server_unless_scaled_to_its_peak()
    {
        var estate = TestEstates.Read(EstateYaml());
        estate = estate with { Workloads = [estate.Workloads[0], estate.Workloads[1], estate.Workloads[2] with { Server = "", Demand = estate.Workloads[2].Demand with { Cpu = Measure.Of(0.25), CpuUnit = CpuUnit.Ghz } }] };
        var binding = SeriesBinding.ById(estate, Traces());

        Replayer.Run(estate, TwoHosts(), Traces(), binding, new ReplayOptions()).Errors.Single().Message
            .ShouldBe("workload 'c' names no old server, so a CPU % of its old server has no size: give it a server in the estate or use --cpu-scale peak");
        var peak = Replayer.Run(estate, TwoHosts(), Traces(), binding, new ReplayOptions(CpuScale.Peak));
        peak.Value!.Hosts[1].PeakCpu.ShouldBe(0.125, 1e-6);
    }

    [Fact]
    public void Series_bind_in_order_or_by_a_mapping_file()
    {
        using var dir = new TempFolder();
        var estate = TestEstates.Read(EstateYaml());
        var traces = TraceSet.FromArrays(0, 300, 1, false, ["x", "y"], new Dictionary<Metric, float[]?[]> { [Metric.Cpu] = [[1], [2]] });

        var inOrder = SeriesBinding.InOrder(estate, traces);
        inOrder.SeriesOf.ShouldBe(new Dictionary<string, int> { ["a"] = 0, ["b"] = 1 });
        inOrder.Unbound.ShouldBe(["c"]);

        var map = dir.Write("map.csv", "workload,series\nc,y\na,nope\nq,x\nc,x\n");
        SeriesBinding.FromMap(map, estate, traces).Errors.Select(e => e.ToString()).ShouldBe([
            $"{map}:3:3: series 'nope' is not among the 2 series read: fix the name",
            $"{map}:4:1: workload 'q' is not in the estate: fix the name or remove the row",
            $"{map}:5:1: workload 'c' is mapped twice: keep one row",
        ]);
        var good = SeriesBinding.FromMap(dir.Write("good.csv", "workload,series\nc,y\n"), estate, traces).Value!;
        good.SeriesOf.ShouldBe(new Dictionary<string, int> { ["c"] = 1 });
        good.UnusedSeries.ShouldBe(1);
    }

    [Fact]
    public void A_folder_given_as_the_mapping_file_is_reported_as_a_folder()
    {
        using var dir = new TempFolder();
        var estate = TestEstates.Read(EstateYaml());
        var traces = TraceSet.FromArrays(0, 300, 1, false, ["x"], new Dictionary<Metric, float[]?[]> { [Metric.Cpu] = [[1]] });

        SeriesBinding.FromMap(dir.Path, estate, traces).Errors.Single().Message
            .ShouldBe("this is a folder, not a mapping file: give a CSV file with the header workload,series");
    }
}
