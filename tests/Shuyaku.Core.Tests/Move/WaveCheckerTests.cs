using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using static Shuyaku.Core.Tests.Move.WaveTestEstates;

namespace Shuyaku.Core.Tests.Move;

public sealed class WaveCheckerTests
{
    private const double HoursPerMib = 8.388608 / 50 / 3600;

    private static readonly Estate Two = Build([("s1", "a", null, 1000, 1), ("s2", "b", null, 3000, 2)], new MigrationSettings { MaxServersPerWave = 1, MaxMibPerWave = 6000 });

    private static Wave W(int number, string[] servers, string[] workloads, double mib, double hours) => new(number, servers, workloads, mib, hours, []);

    private static double H(double mib, int units) => (mib * HoursPerMib) + (0.25 * units);

    private static List<string> Messages(Estate estate, params Wave[] waves) =>
        WaveChecker.Check(estate, waves, "dc").Select(v => $"{v.Kind}: {v.Message}").ToList();

    [Fact]
    public void Sound_waves_have_no_violation()
    {
        Messages(Two, W(1, ["s1"], ["s1-w1"], 1000, H(1000, 1)), W(2, ["s2"], ["s2-w1", "s2-w2"], 6000, H(6000, 1))).ShouldBeEmpty();
    }

    [Fact]
    public void Each_coverage_break_is_named()
    {
        Messages(Two, W(2, ["s1", "ghost"], ["s1-w1", "s2-w1", "nope"], 1000, H(1000, 1))).ShouldBe(
        [
            "wave-coverage: the wave at position 1 is numbered 2: waves are numbered 1, 2, 3, … in order",
            "wave-coverage: wave 2 lists server 'ghost', which the estate does not have",
            "wave-coverage: wave 2 lists workload 'nope', which the estate does not have",
            "wave-coverage: server 's2' moves but no wave lists it",
            "wave-coverage: workload 's2-w2' moves but no wave lists it",
        ]);
    }

    [Fact]
    public void A_workload_apart_from_its_server_or_listed_twice_is_named()
    {
        Messages(Two, W(1, ["s1"], ["s1-w1", "s2-w1"], 1000, H(1000, 1)), W(2, ["s2"], ["s2-w1", "s2-w2"], 6000, H(6000, 1))).ShouldBe(
        [
            "wave-coverage: workload 's2-w1' is listed in wave 1 and again in wave 2",
            "wave-coverage: workload 's2-w1' is listed in wave 1 but its server 's2' in wave 2: a server moves with all its workloads",
        ]);
    }

    [Fact]
    public void Limits_broken_are_named_with_their_figures()
    {
        var total = H(0, 2) + (6000 * HoursPerMib);
        Messages(Two with { Migration = Two.Migration with { WindowHours = 0.5 } }, W(1, ["s1", "s2"], ["s1-w1", "s2-w1", "s2-w2"], 7000, total)).ShouldBe(
        [
            "wave-servers: wave 1 moves 2 servers, over the limit of 1",
            "wave-data: wave 1 copies 7000 MiB, over the limit of 6000 MiB",
            "wave-window: wave 1 takes 0.78 h (copies 0.28 h over b → dc, 2 switchovers of 0.25 h), over the 0.5 h window",
        ]);
    }

    [Fact]
    public void Misstated_figures_are_named()
    {
        Messages(Two, W(1, ["s1"], ["s1-w1"], 900, 2), W(2, ["s2"], ["s2-w1", "s2-w2"], 6000, H(6000, 1))).ShouldBe(
        [
            "wave-data: wave 1 states 900 MiB but copies 1000 MiB",
            "wave-window: wave 1 states 2 h but takes 0.3 h",
        ]);
    }

    [Fact]
    public void A_whole_spread_group_in_one_wave_is_named()
    {
        var estate = Build([("s1", "a", null, 10, 1), ("s2", "a", null, 10, 1)], rules: [Spread("pair", "s2-w1", "s1-w1")]);
        Messages(estate, W(1, ["s1", "s2"], ["s1-w1", "s2-w1"], 20, H(20, 2))).ShouldBe(
            ["wave-spread: wave 1 moves every member of spread 'pair' (s1-w1, s2-w1): the service stops while it moves"]);
    }

    [Fact]
    public void A_need_moved_too_early_or_listed_first_is_named()
    {
        var estate = Build(
            [("s1", "a", null, 10, 1), ("s2", "a", null, 10, 1)],
            dependencies: [new Dependency("s1-w1", "s2-svc")]);

        Messages(estate, W(1, ["s1"], ["s1-w1"], 10, H(10, 1)), W(2, ["s2"], ["s2-w1"], 10, H(10, 1))).ShouldBe(
            ["wave-dependency: workload 's1-w1' moves in wave 1 but needs 's2-svc', which first moves in wave 2"]);
        Messages(estate, W(1, ["s1", "s2"], ["s1-w1", "s2-w1"], 20, H(20, 2))).ShouldBe(
            ["wave-dependency: workload 's1-w1' is listed in wave 1 before every workload of 's2-svc' it needs"]);
        Messages(estate, W(1, ["s1", "s2"], ["s2-w1", "s1-w1"], 20, H(20, 2))).ShouldBeEmpty();
    }

    [Fact]
    public void A_need_met_by_a_workload_at_the_data_centre_asks_nothing()
    {
        var estate = Build(
            [("s1", "a", null, 10, 1), ("d1", "dc", null, 10, 1), ("s2", "a", null, 10, 1)],
            dependencies: [new Dependency("s1-w1", "svc")]);
        estate = estate with { Workloads = [.. estate.Workloads.Select(w => w.Server is "d1" or "s2" ? w with { Service = "svc" } : w)] };

        Messages(estate, W(1, ["s1"], ["s1-w1"], 10, H(10, 1)), W(2, ["s2"], ["s2-w1"], 10, H(10, 1))).ShouldBeEmpty();
    }

    [Fact]
    public void A_server_with_no_path_to_the_data_centre_is_named()
    {
        var estate = Build([("c1", "c", null, 10, 1)]);
        Messages(estate, W(1, ["c1"], ["c1-w1"], 10, 0.25)).ShouldBe(
            ["route: server 'c1' at site 'c' has no path to the data centre 'dc', so its copy cannot cross the WAN"]);
    }
}
