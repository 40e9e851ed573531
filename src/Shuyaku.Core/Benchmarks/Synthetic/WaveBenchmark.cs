using System.Diagnostics;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>One way of making waves in the benchmark, with what the checker found and how long it took.</summary>
/// <param name="Name">"planner" or "round robin".</param>
/// <param name="Waves">Waves made.</param>
/// <param name="Violations">Violations the checker found in them.</param>
/// <param name="SubnetSpan">Mean waves a subnet's moves stretch over (first to last wave, inclusive).</param>
/// <param name="Elapsed">Wall time to make them.</param>
/// <param name="Cpu">Processor time the process spent making them (on a shared machine, steadier than the wall time).</param>
public sealed record WaveMethodRun(string Name, int Waves, int Violations, double SubnetSpan, TimeSpan Elapsed, TimeSpan Cpu);

/// <summary>One wave benchmark run (<c>shuyaku bench waves</c>).</summary>
/// <param name="Servers">Servers in the synthetic estate.</param>
/// <param name="Subnets">Subnets they are in.</param>
/// <param name="Workloads">Workloads on them.</param>
/// <param name="SpreadGroups">Spread rules (redundant pairs).</param>
/// <param name="Dependencies">Dependencies.</param>
/// <param name="LowerBound">The planner's lower bound on the waves.</param>
/// <param name="Problems">Problems the planner found unavoidable.</param>
/// <param name="Planner">The planner's waves.</param>
/// <param name="Baseline">Round robin of servers into as many waves as the servers limit needs.</param>
/// <param name="Checker">Checking the planner's waves (its waves and violations are the planner's).</param>
public sealed record WaveBenchmarkRun(
    int Servers, int Subnets, int Workloads, int SpreadGroups, int Dependencies, int LowerBound, int Problems,
    WaveMethodRun Planner, WaveMethodRun Baseline, WaveMethodRun Checker);

/// <summary>The wave benchmark: plans and checks the waves of a seeded synthetic estate beside a naive baseline.</summary>
public static class WaveBenchmark
{
    /// <summary>Generates the estate from the arguments, then times the planner, the checker and the baseline on it.</summary>
    public static WaveBenchmarkRun Run(int servers, int subnets, int seed)
    {
        // A first small run, so that the times measured below are not the just-in-time compiler's.
        var warm = WaveEstate.Create(200, 4, seed);
        WaveChecker.Check(warm, WavePlanner.Plan(warm, "dc", WanGraph.Build(warm)).Waves, "dc");

        var estate = WaveEstate.Create(servers, subnets, seed);
        var (result, planned, plannedCpu) = Timed(() => WavePlanner.Plan(estate, "dc", WanGraph.Build(estate)));
        var (violations, checkedIn, checkedCpu) = Timed(() => WaveChecker.Check(estate, result.Waves, "dc"));
        var (baseline, baselineTime, baselineCpu) = Timed(() => RoundRobin(estate, "dc"));
        var baselineViolations = WaveChecker.Check(estate, baseline, "dc");

        var span = SubnetSpan(estate, result.Waves);
        return new WaveBenchmarkRun(
            servers, subnets, estate.Workloads.Count, estate.Rules.Count, estate.Dependencies.Count, result.LowerBound, result.Problems.Count,
            new WaveMethodRun("planner", result.Waves.Count, violations.Count, span, planned, plannedCpu),
            new WaveMethodRun("round robin", baseline.Count, baselineViolations.Count, SubnetSpan(estate, baseline), baselineTime, baselineCpu),
            new WaveMethodRun("checker", result.Waves.Count, violations.Count, span, checkedIn, checkedCpu));
    }

    private static (T Value, TimeSpan Wall, TimeSpan Cpu) Timed<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var value = work();
        var wall = watch.Elapsed;
        process.Refresh();
        return (value, wall, process.TotalProcessorTime - cpu);
    }

    /// <summary>
    /// The naive baseline: moving servers in id order dealt in turn into ceil(servers / limit) waves (workloads without a
    /// server likewise), each wave's workloads by id, with their data and hours as the planner states them.
    /// </summary>
    public static List<Wave> RoundRobin(Estate estate, string dataCenter)
    {
        var wan = WanGraph.Build(estate);
        var units = new List<(string? Server, string Site, List<Workload> Workloads)>();
        foreach (var g in estate.Workloads.Where(w => w.Server.Length > 0 && estate.FindServer(w.Server) is { } s && s.Site != dataCenter)
            .GroupBy(w => w.Server).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            units.Add((g.Key, estate.FindServer(g.Key)!.Site, g.ToList()));
        }

        foreach (var w in estate.Workloads.Where(w => (w.Server.Length == 0 || estate.FindServer(w.Server) is null) && w.Site.Length > 0 && w.Site != dataCenter)
            .OrderBy(w => w.Id, StringComparer.Ordinal))
        {
            units.Add((null, w.Site, [w]));
        }

        var m = estate.Migration;
        var count = (units.Count + m.MaxServersPerWave - 1) / m.MaxServersPerWave;
        var dealt = Enumerable.Range(0, count).Select(_ => new List<(string? Server, string Site, List<Workload> Workloads)>()).ToList();
        for (var k = 0; k < units.Count; k++)
        {
            dealt[k % count].Add(units[k]);
        }

        var waves = new List<Wave>(count);
        for (var i = 0; i < count; i++)
        {
            var members = dealt[i];
            var load = new Dictionary<(string, string), double>();
            foreach (var (_, site, list) in members)
            {
                foreach (var hop in wan.Path(site, dataCenter) ?? [])
                {
                    load[(hop.From, hop.To)] = load.GetValueOrDefault((hop.From, hop.To)) + (list.Sum(w => w.Demand.DiskMib) * 8.388608 / (hop.BandwidthMbps * m.BandwidthShare) / 3600);
                }
            }

            waves.Add(new Wave(
                i + 1,
                members.Select(u => u.Server).OfType<string>().ToList(),
                members.SelectMany(u => u.Workloads.Select(w => w.Id)).Order(StringComparer.Ordinal).ToList(),
                members.Sum(u => u.Workloads.Sum(w => w.Demand.DiskMib)),
                (load.Count == 0 ? 0 : load.Values.Max()) + (m.SwitchoverHours * members.Count),
                []));
        }

        return waves;
    }

    /// <summary>Mean over subnets with a moving server of the waves from its first to its last, inclusive.</summary>
    public static double SubnetSpan(Estate estate, IReadOnlyList<Wave> waves)
    {
        var span = new Dictionary<string, (int First, int Last)>(StringComparer.Ordinal);
        foreach (var wave in waves)
        {
            foreach (var id in wave.Servers)
            {
                if (estate.FindServer(id)?.Subnet is { } subnet)
                {
                    span[subnet] = span.TryGetValue(subnet, out var s) ? (Math.Min(s.First, wave.Number), Math.Max(s.Last, wave.Number)) : (wave.Number, wave.Number);
                }
            }
        }

        return span.Count == 0 ? 0 : span.Values.Average(s => s.Last - s.First + 1.0);
    }
}
