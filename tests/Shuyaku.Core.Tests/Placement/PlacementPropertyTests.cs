using System.Globalization;
using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Placement;

/// <summary>Invariants of the planner on random estates from a seeded generator.</summary>
public sealed class PlacementPropertyTests
{
    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            data.Add(seed);
        }

        return data;
    }

    /// <summary>A random estate: workloads of mixed sizes, zones, spread/gather/fence/ban/lonely/max-per-host rules, dedicated ones, k in 0..2.</summary>
    internal static string RandomEstate(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(4, 45);
        var sb = new StringBuilder("name: random\nhostGroups:\n  - { id: g }\nworkloads:\n");
        var zones = new string?[n];
        var dedicated = new bool[n];
        for (var i = 0; i < n; i++)
        {
            zones[i] = rng.NextDouble() < 0.15 ? "dmz" : null;
            dedicated[i] = rng.NextDouble() < 0.05;
            var cpu = Math.Round(0.1 + (rng.NextDouble() * rng.NextDouble() * 7), 2);
            var mem = Math.Round(0.25 + (rng.NextDouble() * rng.NextDouble() * 14), 2);
            var net = rng.Next(1, 200);
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: w{i}, {(zones[i] is null ? "" : "zone: dmz, ")}{(dedicated[i] ? "dedicated: true, " : "")}demand: {{ cpu: {{ avg: {cpu / 3}GHz, peak: {cpu}GHz }}, memory: {mem}GiB, network: {net}Mbps }} }}\n");
        }

        var free = Enumerable.Range(0, n).Where(i => !dedicated[i]).OrderBy(_ => rng.Next()).ToList();
        var rules = new List<string>();
        int Take() => free.Count > 0 ? PopAt(free) : -1;
        static int PopAt(List<int> list)
        {
            var x = list[^1];
            list.RemoveAt(list.Count - 1);
            return x;
        }

        for (var g = rng.Next(0, 3); g > 0; g--)
        {
            var a = Take();
            var b = free.FirstOrDefault(x => zones[x] == (a >= 0 ? zones[a] : null), -1);
            if (a >= 0 && b >= 0)
            {
                free.Remove(b);
                rules.Add($"  - gather: [w{a}, w{b}]");
            }
        }

        for (var s = rng.Next(0, 4); s > 0; s--)
        {
            var size = rng.Next(2, 5);
            var members = Enumerable.Range(0, size).Select(_ => Take()).Where(x => x >= 0).ToList();
            if (members.Count >= 2)
            {
                rules.Add($"  - spread: [{string.Join(", ", members.Select(m => $"w{m}"))}]");
            }
        }

        if (rng.NextDouble() < 0.4 && Take() is var f and >= 0)
        {
            rules.Add($"  - fence: {{ workloads: [w{f}], group: g }}");
        }

        if (rng.NextDouble() < 0.4 && Take() is var bn and >= 0)
        {
            rules.Add($"  - ban: {{ workloads: [w{bn}], group: g }}");
        }

        if (rng.NextDouble() < 0.3 && Take() is var l and >= 0)
        {
            rules.Add($"  - lonely: [w{l}]");
        }

        if (rng.NextDouble() < 0.3)
        {
            rules.Add($"  - maxPerHost: {rng.Next(3, 9)}");
        }

        if (rules.Count > 0)
        {
            sb.Append("rules:\n").Append(string.Join("\n", rules)).Append('\n');
        }

        var k = rng.Next(0, 3);
        sb.Append(CultureInfo.InvariantCulture, $"""
            catalog:
              - {"{"} id: m, sockets: 2, cores: {rng.Next(4, 13)}, clock: 2.5GHz, memory: {rng.Next(48, 129)}GiB, network: 2000Mbps {"}"}
            policy:
              headroom: {"{"} cpu: {rng.Next(60, 91)}%, memory: {rng.Next(70, 96)}% {"}"}
              failures: {k}
              growth: {rng.Next(0, 11)}%
              statistic: {(rng.Next(2) == 0 ? "peak" : "avg")}

            """);
        return sb.ToString();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_plan_passes_the_checker_and_uses_no_fewer_hosts_than_the_lower_bound(int seed)
    {
        var estate = TestEstates.Read(RandomEstate(seed));
        var outcome = Planner.Plan(estate, new PlanOptions());
        outcome.Infeasible.ShouldBeNull();
        var plan = outcome.Plan!;
        var report = Checker.Check(estate, plan);
        report.Violations.ShouldBeEmpty(string.Join("\n", report.Violations));
        plan.Hosts.Count.ShouldBeGreaterThanOrEqualTo(plan.LowerBound.Value);
        plan.Breakdown[^1].Hosts.ShouldBe(plan.Hosts.Count);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(42)]
    public void The_same_input_gives_a_byte_identical_plan(int seed)
    {
        var yaml = RandomEstate(seed);
        var first = PlanJson.Write(Planner.Plan(TestEstates.Read(yaml), new PlanOptions()).Plan!);
        var second = PlanJson.Write(Planner.Plan(TestEstates.Read(yaml), new PlanOptions()).Plan!);
        second.ShouldBe(first);
    }

    [Fact]
    public void A_plan_survives_a_round_trip_through_json()
    {
        var estate = TestEstates.Read(RandomEstate(7));
        var plan = Planner.Plan(estate, new PlanOptions()).Plan!;
        var text = PlanJson.Write(plan);
        var back = PlanJson.Read(text, "plan.json");
        back.Errors.ShouldBeEmpty();
        PlanJson.Write(back.Value!).ShouldBe(text);
        Checker.Check(estate, back.Value!).Valid.ShouldBeTrue();
    }
}
