using Shuyaku.Core.Model;
using Shuyaku.Core.Move;

namespace Shuyaku.Core.Tests.Move;

/// <summary>Over seeded random estates: the planner's waves pass the checker, and the checker catches each deliberate break.</summary>
public sealed class WavePropertyTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 300)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_planners_waves_break_nothing_beyond_its_unavoidable_problems_and_never_hold_a_whole_spread_group(int seed)
    {
        var estate = RandomEstates.Create(seed);

        var result = WaveTestEstates.Plan(estate);
        var violations = WaveChecker.Check(estate, result.Waves, "dc");

        var unavoidable = result.Problems.Select(p => p.Kind).ToHashSet();
        violations.Where(v => !unavoidable.Contains(v.Kind)).ShouldBeEmpty(string.Join("\n", violations.Select(v => v.Message)));
        result.Waves.Count.ShouldBeGreaterThanOrEqualTo(result.LowerBound);
        if (!unavoidable.Contains("wave-spread"))
        {
            violations.ShouldNotContain(v => v.Kind == "wave-spread");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_checker_catches_each_deliberately_broken_wave_set(int seed)
    {
        var estate = RandomEstates.Create(seed);
        var result = WaveTestEstates.Plan(estate);
        if (result.Problems.Count > 0 || result.Waves.Count == 0)
        {
            return;
        }

        var waves = result.Waves;
        Kinds(estate, waves).ShouldBeEmpty();

        // A server left out, and one listed twice.
        if (waves.FirstOrDefault(w => w.Servers.Count > 0) is { } withServer)
        {
            Kinds(estate, Replace(waves, withServer with { Servers = withServer.Servers.Skip(1).ToList() })).ShouldContain("wave-coverage");
            Kinds(estate, [.. waves, new Wave(waves.Count + 1, [withServer.Servers[0]], [], 0, 0, [])]).ShouldContain("wave-coverage");
        }

        // A misstated figure, waves out of order, everything in one wave.
        Kinds(estate, Replace(waves, waves[0] with { DataMib = waves[0].DataMib + 1 })).ShouldContain("wave-data");
        Kinds(estate, Replace(waves, waves[0] with { Hours = waves[0].Hours + 0.01 })).ShouldContain("wave-window");
        if (waves.Count >= 2)
        {
            Kinds(estate, waves.Reverse().ToList()).ShouldContain("wave-coverage");
        }

        var units = waves.Sum(w => w.Servers.Count + w.Workloads.Count(x => Unit(estate, x) == x));
        if (units > estate.Migration.MaxServersPerWave)
        {
            var all = new Wave(1, waves.SelectMany(w => w.Servers).ToList(), waves.SelectMany(w => w.Workloads).ToList(), waves.Sum(w => w.DataMib), 0, []);
            Kinds(estate, [all]).ShouldContain("wave-servers");
        }

        // A spread group brought together: move one member's server into the wave of another member.
        foreach (var rule in estate.Rules)
        {
            var waveOf = WaveOf(waves);
            var members = rule.Workloads.Where(waveOf.ContainsKey).ToList();
            if (members.Count == rule.Workloads.Count && members.Select(m => waveOf[m]).Distinct().Count() == 2
                && members.Select(m => Unit(estate, m)).Distinct().Count() == 2)
            {
                var target = waveOf[members[0]];
                var mover = members.First(m => waveOf[m] != target);
                Kinds(estate, MoveUnit(estate, waves, Unit(estate, mover), target)).ShouldContain("wave-spread");
            }
        }

        // A need moved before everything that meets it.
        foreach (var d in estate.Dependencies.Where(d => estate.Workloads.Any(w => w.Id == d.To)))
        {
            var waveOf = WaveOf(waves);
            if (waveOf.TryGetValue(d.From, out _) && waveOf.TryGetValue(d.To, out var first) && first > 1 && Unit(estate, d.From) != Unit(estate, d.To))
            {
                Kinds(estate, MoveUnit(estate, waves, Unit(estate, d.From), 1)).ShouldContain("wave-dependency");
            }
        }
    }

    private static List<string> Kinds(Estate estate, IReadOnlyList<Wave> waves) => WaveChecker.Check(estate, waves, "dc").Select(v => v.Kind).Distinct().ToList();

    private static List<Wave> Replace(IReadOnlyList<Wave> waves, Wave wave) => waves.Select(w => w.Number == wave.Number ? wave : w).ToList();

    private static Dictionary<string, int> WaveOf(IReadOnlyList<Wave> waves) =>
        waves.SelectMany(w => w.Workloads.Select(x => (x, w.Number))).ToDictionary(p => p.x, p => p.Number);

    /// <summary>The server a moving workload is on, or the workload itself when it has none.</summary>
    private static string Unit(Estate estate, string workload) =>
        estate.Workloads.Single(w => w.Id == workload).Server is { Length: > 0 } server ? server : workload;

    /// <summary>The waves with <paramref name="unit"/> (a server and its workloads, or a loose workload) moved to the front of wave <paramref name="target"/>.</summary>
    private static List<Wave> MoveUnit(Estate estate, IReadOnlyList<Wave> waves, string unit, int target)
    {
        var moved = estate.Workloads.Where(w => w.Server == unit || w.Id == unit).Select(w => w.Id).ToHashSet();
        return waves.Select(w =>
        {
            var servers = w.Servers.Where(s => s != unit).ToList();
            var workloads = w.Workloads.Where(x => !moved.Contains(x)).ToList();
            if (w.Number == target)
            {
                if (estate.FindServer(unit) is not null)
                {
                    servers.Add(unit);
                }

                workloads.InsertRange(0, moved.Order(StringComparer.Ordinal));
            }

            return w with { Servers = servers, Workloads = workloads };
        }).ToList();
    }
}
