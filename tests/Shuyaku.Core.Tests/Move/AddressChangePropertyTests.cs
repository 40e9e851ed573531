using System.Text;
using Shuyaku.Core.Move;
using static Shuyaku.Core.Tests.Move.MoveEstates;

namespace Shuyaku.Core.Tests.Move;

/// <summary>No address change is ever missed: seeded random subnets checked against brute-force counts.</summary>
public sealed class AddressChangePropertyTests
{
    /// <summary>The fewest misplaced servers over every block of every length and both sides, counted the slow way.</summary>
    private static int BruteForce(V4Prefix subnet, List<uint> moving, List<uint> staying)
    {
        var best = int.MaxValue;
        for (var length = subnet.Length + 1; length <= PrefixCover.LongestBlock; length++)
        {
            for (ulong b = subnet.Base; b <= subnet.Last; b += 1UL << (32 - length))
            {
                var block = new V4Prefix((uint)b, length);
                var toDc = staying.Count(block.Contains) + moving.Count(a => !block.Contains(a));
                var rest = moving.Count(block.Contains) + staying.Count(a => !block.Contains(a));
                best = Math.Min(best, Math.Min(toDc, rest));
            }
        }

        return best;
    }

    [Fact]
    public void The_split_prefix_count_equals_the_brute_force_minimum_on_a_thousand_random_subnets()
    {
        var random = new Random(20261206);
        for (var trial = 0; trial < 1000; trial++)
        {
            var length = random.Next(22, 30);
            var subnet = V4Prefix.Block(0x0A000000u | (uint)random.Next(0, 1 << 16) << 8, length);
            var addresses = Enumerable.Range(0, random.Next(2, 12)).Select(_ => subnet.Base + (uint)random.NextInt64(0, (long)subnet.Size)).Distinct().ToList();
            var moving = addresses.Where(_ => random.Next(2) == 0).ToList();
            var staying = addresses.Except(moving).ToList();
            var cut = PrefixCover.Best(subnet, moving, staying)!;
            cut.Misplaced.ShouldBe(BruteForce(subnet, moving, staying), $"trial {trial}: {subnet}");
            var recount = moving.Count(a => !cut.RoutedToDataCenter(a)) + staying.Count(cut.RoutedToDataCenter);
            recount.ShouldBe(cut.Misplaced, $"trial {trial}");
            cut.ToDataCenter(subnet).All(p => p.Length > subnet.Length && subnet.Contains(p.Base)).ShouldBeTrue();
        }
    }

    [Fact]
    public void Every_moving_server_outside_the_routed_prefixes_is_counted_on_random_estates()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var servers = new StringBuilder();
            var workloads = new StringBuilder();
            var expected = 0;
            var count = random.Next(1, 10);
            for (var i = 0; i < count; i++)
            {
                var inSubnet = random.Next(3) > 0;
                var moves = random.Next(3) > 0;
                var ip = inSubnet ? Ip(10 + i) : $"192.168.{trial}.{10 + i}";
                servers.Append(Server($"s{i}", "a", ip, inSubnet ? "10.1.0.0/24" : null));
                if (moves)
                {
                    workloads.Append(Workload($"w{i}", $"s{i}"));
                    expected += inSubnet ? 0 : 1;
                }
            }

            if (workloads.Length == 0)
            {
                workloads.Append("  - { id: alone, site: a, demand: { cpu: 1GHz, memory: 512MiB } }\n");
            }

            var estate = Read(servers.ToString(), workloads.ToString());
            var scope = new MoveScope(estate, "dc");
            NetworkPlanner.Plan(estate, scope).Plan.AddressChanges.ShouldBe(expected, $"trial {trial}");
        }
    }

    [Fact]
    public void A_slash_8_with_ten_thousand_servers_is_cut_in_well_under_a_second()
    {
        var random = new Random(8);
        var subnet = V4Prefix.Parse("10.0.0.0/8")!.Value;
        var addresses = Enumerable.Range(0, 10_000).Select(_ => subnet.Base + (uint)random.Next(0, 1 << 24)).Distinct().ToList();
        var moving = addresses.Where(a => (a & 0x00800000) == 0 || random.Next(100) == 0).ToList();
        var staying = addresses.Except(moving).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cut = PrefixCover.Best(subnet, moving, staying)!;
        clock.Stop();
        clock.Elapsed.TotalSeconds.ShouldBeLessThan(1.0);
        cut.Block.Length.ShouldBeGreaterThan(8);
        cut.Misplaced.ShouldBeLessThanOrEqualTo(staying.Count);
    }
}
