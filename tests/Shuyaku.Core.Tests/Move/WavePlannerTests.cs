using System.Text.Json;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using static Shuyaku.Core.Tests.Move.WaveTestEstates;

namespace Shuyaku.Core.Tests.Move;

public sealed class WavePlannerTests
{
    private const double HoursPerMib = 8.388608 / 50 / 3600; // a 100 Mbps link at the default 50% share

    [Fact]
    public void No_wave_moves_more_servers_than_the_limit_and_the_bound_is_the_servers_over_the_limit()
    {
        var estate = Build(Enumerable.Range(1, 5).Select(i => ($"s{i}", "a", (string?)null, 10.0, 2)), new MigrationSettings { MaxServersPerWave = 2 });

        var result = PlanChecked(estate);

        result.Waves.Select(w => w.Servers.Count).ShouldBe([2, 2, 1]);
        result.LowerBound.ShouldBe(3);
        result.Waves.Select(w => w.Number).ShouldBe([1, 2, 3]);
        result.Waves.SelectMany(w => w.Servers).Order().ShouldBe(["s1", "s2", "s3", "s4", "s5"]);
        result.Waves[0].Workloads.Count.ShouldBe(4);
    }

    [Fact]
    public void No_wave_copies_more_data_than_the_limit()
    {
        var estate = Build(Enumerable.Range(1, 3).Select(i => ($"s{i}", "a", (string?)null, 400.0, 1)), new MigrationSettings { MaxMibPerWave = 1000 });

        var result = PlanChecked(estate);

        result.Waves.Count.ShouldBe(2);
        result.LowerBound.ShouldBe(2);
        result.Waves.ShouldAllBe(w => w.DataMib <= 1000);
        result.Waves.Sum(w => w.DataMib).ShouldBe(1200);
    }

    [Fact]
    public void Copies_over_different_links_run_side_by_side_and_the_switchovers_one_after_another()
    {
        // One copy takes 10000 MiB × 8.388608 / 50 Mbps = 0.466 h; two over one link would take 0.932 h and break the hour.
        var estate = Build(
            [("a1", "a", null, 10000, 1), ("a2", "a", null, 10000, 1), ("b1", "b", null, 10000, 1), ("b2", "b", null, 10000, 1)],
            new MigrationSettings { WindowHours = 1, SwitchoverHours = 0.25 });

        var result = PlanChecked(estate);

        result.Waves.Count.ShouldBe(2);
        result.Waves.ShouldAllBe(w => w.Servers.Count(s => s.StartsWith('a')) == 1 && w.Servers.Count(s => s.StartsWith('b')) == 1);
        result.Waves[0].Hours.ShouldBe((10000 * HoursPerMib) + 0.5, 1e-12);
    }

    [Fact]
    public void A_hop_shared_by_two_sites_carries_the_sum_of_their_copies()
    {
        // c reaches dc through a: the hop a → dc carries both copies, the hop c → a only c's.
        var estate = Build(
            [("a1", "a", null, 3000, 1), ("c1", "c", null, 2000, 1)],
            links: [Link("a-dc", "a", "dc", 100), Link("c-a", "c", "a", 1000)]);

        var result = PlanChecked(estate);

        result.Waves.Count.ShouldBe(1);
        result.Waves[0].Hours.ShouldBe((5000 * HoursPerMib) + 0.5, 1e-12);
    }

    [Fact]
    public void A_spread_pair_on_two_servers_never_moves_whole_in_one_wave()
    {
        var estate = Build([("s1", "a", null, 10, 1), ("s2", "a", null, 10, 1)], rules: [Spread("pair", "s1-w1", "s2-w1")]);

        var result = PlanChecked(estate);

        result.Waves.Count.ShouldBe(2);
        result.LowerBound.ShouldBe(2);
    }

    [Fact]
    public void A_spread_group_with_a_member_already_at_the_data_centre_may_move_in_one_wave()
    {
        var estate = Build(
            [("s1", "a", null, 10, 1), ("s2", "a", null, 10, 1), ("d1", "dc", null, 10, 1)],
            rules: [Spread("trio", "s1-w1", "s2-w1", "d1-w1")]);

        var result = PlanChecked(estate);

        result.Waves.Count.ShouldBe(1);
        result.LowerBound.ShouldBe(1);
    }

    [Fact]
    public void A_spread_group_on_one_server_is_an_unavoidable_problem_naming_both_members()
    {
        var estate = Build([("s1", "a", null, 10, 2)], rules: [Spread("pair", "s1-w1", "s1-w2")]);

        var result = Plan(estate);

        result.Problems.ShouldBe([new MoveViolation("wave-spread", "spread 'pair': 's1-w1', 's1-w2' all run on 's1', so the wave that moves it moves the whole group")]);
        WaveChecker.Check(estate, result.Waves, "dc").Select(v => v.Kind).ShouldBe(["wave-spread"]);
    }

    [Fact]
    public void What_a_workload_needs_moves_no_later_and_is_listed_first_in_its_wave()
    {
        var dns1 = Workload("dns1", "b", "n1", 10, "DNS");
        var dns2 = Workload("dns2", "b", "n2", 10, "DNS");
        var estate = Build(
            [("web", "a", null, 10, 1), ("n1", "b", null, 0, 0), ("n2", "b", null, 0, 0)],
            rules: [Spread("dns", "dns1", "dns2")],
            dependencies: [new Dependency("web-svc", "DNS")],
            extra: [dns1, dns2]);

        var result = PlanChecked(estate);

        var waveOf = result.Waves.SelectMany(w => w.Workloads.Select(x => (x, w.Number))).ToDictionary(p => p.x, p => p.Number);
        Math.Min(waveOf["dns1"], waveOf["dns2"]).ShouldBeLessThanOrEqualTo(waveOf["web-w1"]);
        var first = result.Waves.Single(w => w.Workloads.Contains("web-w1")).Workloads.ToList();
        if (first.Contains("dns1") || first.Contains("dns2"))
        {
            first.IndexOf("web-w1").ShouldBeGreaterThan(first.IndexOf(first.Contains("dns1") ? "dns1" : "dns2"));
        }
    }

    [Fact]
    public void A_chain_of_needs_each_spread_from_the_next_forces_a_wave_per_link()
    {
        var estate = Build(
            [("x1", "a", null, 10, 1), ("x2", "a", null, 10, 1), ("x3", "a", null, 10, 1)],
            rules: [Spread("p12", "x1-w1", "x2-w1"), Spread("p23", "x2-w1", "x3-w1")],
            dependencies: [new Dependency("x1-w1", "x2-w1"), new Dependency("x2-w1", "x3-w1")]);

        var result = PlanChecked(estate);

        result.LowerBound.ShouldBe(3);
        result.Waves.Select(w => w.Servers.Single()).ShouldBe(["x3", "x2", "x1"]);
    }

    [Fact]
    public void A_server_with_no_path_or_over_a_limit_alone_is_reported_as_a_problem()
    {
        var estate = Build(
            [("a1", "a", null, 2000, 1), ("c1", "c", null, 10, 1)],
            new MigrationSettings { MaxMibPerWave = 1000, WindowHours = 0.5, SwitchoverHours = 0.25 });

        var result = Plan(estate);

        result.Problems.ShouldBe(
        [
            new MoveViolation("wave-data", "server 'a1' alone holds 2000 MiB, over the 1000 MiB a wave may copy"),
            new MoveViolation("route", "server 'c1' at site 'c' has no path to the data centre 'dc': no link joins them, so its copy cannot be planned; add a link"),
        ]);
        result.Waves.SelectMany(w => w.Servers).Order().ShouldBe(["a1", "c1"]);

        var slow = Plan(estate with { Migration = new MigrationSettings { WindowHours = 0.3, SwitchoverHours = 0.25 }, Servers = [estate.Servers[0]], Workloads = [estate.Workloads[0]] });
        slow.Problems.ShouldBe([new MoveViolation("wave-window", "server 'a1' alone takes 0.34 h (copy 0.09 h, switchover 0.25 h), over the 0.3 h window")]);
    }

    [Fact]
    public void Servers_that_host_nothing_or_stand_at_the_data_centre_do_not_move()
    {
        var estate = Build([("s1", "a", null, 10, 1), ("idle", "a", null, 10, 0), ("d1", "dc", null, 10, 1)]);
        estate = estate with { Workloads = [.. estate.Workloads, new Workload { Id = "loose", Site = "b", Demand = estate.Workloads[0].Demand }] };

        var result = PlanChecked(estate);

        result.Waves.SelectMany(w => w.Servers).ShouldBe(["s1"]);
        result.Waves.SelectMany(w => w.Workloads).Order().ShouldBe(["loose", "s1-w1"]);
    }

    [Fact]
    public void The_same_estate_gives_the_same_waves()
    {
        var estate = RandomEstates.Create(7);
        JsonSerializer.Serialize(Plan(estate)).ShouldBe(JsonSerializer.Serialize(Plan(estate)));
    }

    [Fact]
    public void A_subnet_moves_in_consecutive_waves()
    {
        var servers = Enumerable.Range(1, 9).Select(i => ($"s{i}", "a", (string?)(i % 3 == 0 ? "10.0.1.0/24" : i % 3 == 1 ? "10.0.2.0/24" : "10.0.3.0/24"), 10.0, 1));
        var result = PlanChecked(Build(servers, new MigrationSettings { MaxServersPerWave = 3 }));

        result.Waves.Count.ShouldBe(3);
        foreach (var wave in result.Waves)
        {
            wave.Servers.Select(s => int.Parse(s.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) % 3).Distinct().Count().ShouldBe(1);
        }
    }
}
