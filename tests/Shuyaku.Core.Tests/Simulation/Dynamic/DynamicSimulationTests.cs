using Shuyaku.Core.Power;
using Shuyaku.Core.Simulation.Dynamic;

namespace Shuyaku.Core.Tests.Simulation.Dynamic;

public sealed class DynamicSimulationTests
{
    private const int Steps = CloudSimSetup.SamplesPerTrace;

    private static readonly PowerCurve G4 = CloudSimSetup.HpProLiantMl110G4;

    /// <summary>The datacenter update times as CloudSim's clock adds them up: 0.1 + 300 + 300 + …</summary>
    private static double UpdateTime(int k)
    {
        var t = 0.1;
        for (var i = 0; i < k; i++)
        {
            t += 300;
        }

        return t;
    }

    private static int[] Constant(int percent) => Enumerable.Repeat(percent, Steps).ToArray();

    private static int[] Step(int before, int after, int at) =>
        Enumerable.Range(0, Steps).Select(i => i < at ? before : after).ToArray();

    private static PlanetLabDay Day(int[] types, params int[][] series) => PlanetLabDay.FromPercentages("test", types, series);

    [Fact]
    public void Dvfs_energy_is_the_power_of_the_constant_load_over_the_covered_day()
    {
        // Given one 500 MIPS VM at a steady 50 % on a G4 (first fit puts it on host 0)
        var day = Day([3], Constant(50));

        // When it runs without consolidation
        var result = DynamicSimulation.Run(day, ConsolidationPolicy.Dvfs, new SimulationOptions { HostCount = 2 });

        // Then energy counts from the first update (300.1 s) to the last (86100.1 s) at P(250 / 3720)
        var watts = G4.AtCloudSim(250.0 / 3720);
        var seconds = UpdateTime(287) - UpdateTime(1);
        result.EnergyKwh.ShouldBe(watts * seconds / 3.6e6, 1e-9);
        result.Migrations.ShouldBe(0);
        result.Slav.ShouldBe(0);
    }

    [Fact]
    public void A_vm_whose_trace_has_two_zero_samples_in_a_row_is_removed_and_its_host_draws_nothing_afterwards()
    {
        // Given a VM at 50 % for three samples and idle after
        var day = Day([3], Step(50, 0, 3));

        // When it runs
        var result = DynamicSimulation.Run(day, ConsolidationPolicy.Dvfs, new SimulationOptions { HostCount = 2 });

        // Then it is removed at the update where the request is exactly 0 (t3), and energy stops there:
        // [t1, t2] at 250 MIPS → 249.92 MIPS (interpolated towards the 0 sample), [t2, t3] down to P(0), nothing after.
        result.RemovedVms.ShouldBe(1);
        var at1 = 0.5 * 500;
        var u2 = 0.5 + ((0 - 0.5) / 300 * (UpdateTime(2) - 600));
        var at2 = u2 * 500;
        double Interval(double from, double to) =>
            (G4.AtCloudSim(from / 3720) + ((G4.AtCloudSim(to / 3720) - G4.AtCloudSim(from / 3720)) / 2)) * 300;
        result.EnergyKwh.ShouldBe((Interval(at1, at2) + Interval(at2, 0)) / 3.6e6, 1e-9);
    }

    [Fact]
    public void Thr_policy_consolidates_underloaded_hosts_and_migrates_the_smallest_vm_off_an_overloaded_host()
    {
        // Given two 2500 MIPS VMs at 60 %, rising to 90 % at sample 100, on two G4 and two G5 hosts
        var day = Day([0, 0], Step(60, 90, 100), Step(60, 90, 100));
        var migrations = new List<(double Time, int Vm, int From, int To)>();
        var options = new SimulationOptions { HostCount = 4, OnMigration = (t, vm, from, to) => migrations.Add((t, vm, from, to)) };

        // When THR 0.8 with MMT runs
        var result = DynamicSimulation.Run(day, ConsolidationPolicy.Parse("ThrMmt")!, options);

        // Then at the first update the two G5 hosts (1 and 3, the only ones with a PE fast enough) are merged
        // (2 × 1500 MIPS = 56 % of 5320), and when the load reaches 2 × 2250 = 85 % the first VM of host 3 leaves for
        // the empty G5; after that the hosts cannot be merged again (85 % > 80 %).
        migrations.ShouldBe([(UpdateTime(1), 0, 1, 3), (UpdateTime(100), 1, 3, 1)]);
        result.Migrations.ShouldBe(2);
    }

    [Fact]
    public void Migration_time_pdm_and_slatah_follow_the_migrations_of_a_scripted_overload()
    {
        // Given the scenario above (two migrations of 870 MB VMs, each taking 870 / 62.5 = 13.92 s)
        var day = Day([0, 0], Step(60, 90, 100), Step(60, 90, 100));

        // When THR 0.8 with MMT runs
        var result = DynamicSimulation.Run(day, ConsolidationPolicy.Parse("ThrMmt")!, new SimulationOptions { HostCount = 4 });

        // Then PDM is the 10 % each migrating VM misses, over the requested MIPS of both VMs
        double t1 = UpdateTime(1), t99 = UpdateTime(99), t100 = UpdateTime(100), last = UpdateTime(287);
        double c1 = t1 + 13.92, c100 = t100 + 13.92;
        var shortfall = ((1500 - (1500 * 0.9)) * (c1 - t1)) + ((2250 - (2250 * 0.9)) * (c100 - t100));
        var at99 = (0.6 + ((0.9 - 0.6) / 300 * (t99 - 29700))) * 2500;
        var requested = 2 * ((1500 * (t99 - t1)) + (at99 * (t100 - t99)) + (2250 * (last - t100)));
        result.Pdm.ShouldBe(shortfall / requested, 1e-12);

        // And SLATAH is the time a target host gets only 10 % of its incoming VM, over the hosts' active time:
        // host 3 active all day, host 1 until its VM has left and again once it receives one.
        var violation = (c1 - t1) + (c100 - t100);
        var active = (last - t1) + (c1 - t1) + (last - t100);
        result.Slatah.ShouldBe(violation / active, 1e-12);
        result.Slav.ShouldBe(result.Slatah * result.Pdm, 1e-18);
    }

    [Fact]
    public void Mmt_picks_the_vm_with_the_least_ram_and_mu_the_least_utilised()
    {
        // Given two 2500 MIPS VMs (870 MB) at 40 % and a 500 MIPS micro VM (613 MB) at 80 %, which the first update
        // gathers on G5 host 1; at sample 50 they rise to 80 %, 80 % and 90 %: 4450 / 5320 = 84 % > 80 %
        var day = Day([0, 0, 3], Step(40, 80, 50), Step(40, 80, 50), Step(80, 90, 50));
        int FirstMovedAfterTheRise(string policy)
        {
            var moved = new List<int>();
            DynamicSimulation.Run(day, ConsolidationPolicy.Parse(policy)!, new SimulationOptions
            {
                HostCount = 4,
                OnMigration = (t, vm, _, _) =>
                {
                    if (t > UpdateTime(49))
                    {
                        moved.Add(vm);
                    }
                },
            });
            return moved[0];
        }

        // Then MMT moves the micro VM (least RAM) and MU the first of the two VMs at 80 % (least utilised)
        FirstMovedAfterTheRise("ThrMmt").ShouldBe(2);
        FirstMovedAfterTheRise("ThrMu").ShouldBe(0);
    }

    [Fact]
    public void Runs_are_deterministic_and_random_selection_follows_the_seed()
    {
        var day = RandomDay(seed: 7, vms: 60);
        var options = new SimulationOptions { HostCount = 40, Seed = 3 };
        DynamicSimulation.Run(day, ConsolidationPolicy.Parse("ThrRs")!, options)
            .ShouldBe(DynamicSimulation.Run(day, ConsolidationPolicy.Parse("ThrRs")!, options));
        DynamicSimulation.Run(day, ConsolidationPolicy.Parse("LrMmt")!, options)
            .ShouldBe(DynamicSimulation.Run(day, ConsolidationPolicy.Parse("LrMmt")!, options));
    }

    [Theory]
    [InlineData("ThrMmt")]
    [InlineData("IqrMmt")]
    [InlineData("MadMmt")]
    [InlineData("LrMmt")]
    [InlineData("ThrMu")]
    [InlineData("ShuyakuFc")]
    public void The_fast_host_search_chooses_exactly_what_a_scan_of_every_host_chooses(string policy)
    {
        var day = RandomDay(seed: 11, vms: 80);
        var fast = DynamicSimulation.Run(day, ConsolidationPolicy.Parse(policy)!, new SimulationOptions { HostCount = 60 });
        var exhaustive = DynamicSimulation.Run(
            day, ConsolidationPolicy.Parse(policy)!, new SimulationOptions { HostCount = 60, ExhaustiveHostSearch = true });
        fast.Migrations.ShouldBeGreaterThan(0);
        fast.ShouldBe(exhaustive);
    }

    [Fact]
    public void Lr_and_lrr_are_the_same_policy_in_this_version()
    {
        var day = RandomDay(seed: 5, vms: 60);
        var options = new SimulationOptions { HostCount = 40 };
        DynamicSimulation.Run(day, ConsolidationPolicy.Parse("LrrMmt")!, options)
            .ShouldBe(DynamicSimulation.Run(day, ConsolidationPolicy.Parse("LrMmt")!, options));
    }

    [Fact]
    public void The_forecasting_policy_decides_from_the_past_only()
    {
        // Given two days whose traces agree up to sample 150 and differ afterwards
        var a = RandomSeries(seed: 21, vms: 60);
        var b = a.Select((series, i) => series.Select((v, k) => k <= 150 ? v : (v + 37 + i) % 100).ToArray()).ToArray();
        var types = Enumerable.Range(0, 60).Select(i => i * 4 / 60).ToArray();
        List<(double, int, int, int)> Decisions(int[][] series)
        {
            var log = new List<(double, int, int, int)>();
            DynamicSimulation.Run(
                PlanetLabDay.FromPercentages("d", types, series),
                ConsolidationPolicy.Parse(ConsolidationPolicy.ForecastName)!,
                new SimulationOptions { HostCount = 40, OnMigration = (t, vm, from, to) => log.Add((t, vm, from, to)) });
            return log;
        }

        // Then every migration decided before sample 150 is the same (at 300k + 0.1 the request interpolates samples k and k + 1)
        var cut = UpdateTime(150);
        var early = Decisions(a).Where(d => d.Item1 < cut).ToList();
        early.Count.ShouldBeGreaterThan(0);
        Decisions(b).Where(d => d.Item1 < cut).ShouldBe(early);
    }

    [Theory]
    [InlineData("Dvfs", OverloadDetection.None, 0)]
    [InlineData("ThrMmt", OverloadDetection.Threshold, 0.8)]
    [InlineData("IqrMmt", OverloadDetection.InterQuartileRange, 1.5)]
    [InlineData("MadMmt", OverloadDetection.MedianAbsoluteDeviation, 2.5)]
    [InlineData("LrMmt", OverloadDetection.LocalRegression, 1.2)]
    [InlineData("LrrMmt", OverloadDetection.LocalRegressionRobust, 1.2)]
    [InlineData("ThrMmt-0.9", OverloadDetection.Threshold, 0.9)]
    public void Policy_names_parse_with_cloudsims_parameters(string name, OverloadDetection detection, double parameter)
    {
        var policy = ConsolidationPolicy.Parse(name)!;
        policy.Name.ShouldBe(name);
        policy.Detection.ShouldBe(detection);
        policy.Parameter.ShouldBe(parameter);
    }

    [Theory]
    [InlineData("Thr")]
    [InlineData("FooMmt")]
    [InlineData("ThrMmt-x")]
    public void Unknown_policy_names_are_rejected(string name) => ConsolidationPolicy.Parse(name).ShouldBeNull();

    private static int[][] RandomSeries(int seed, int vms)
    {
        var random = new Random(seed);
        var series = new int[vms][];
        for (var v = 0; v < vms; v++)
        {
            var level = random.Next(5, 70);
            series[v] = new int[Steps];
            for (var k = 0; k < Steps; k++)
            {
                level = Math.Clamp(level + random.Next(-8, 9), 1, 99);
                series[v][k] = level;
            }
        }

        return series;
    }

    private static PlanetLabDay RandomDay(int seed, int vms) =>
        PlanetLabDay.FromPercentages("random", [.. Enumerable.Range(0, vms).Select(i => i * 4 / vms)], RandomSeries(seed, vms));
}
