using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>Verifies migration waves against the estate alone, sharing nothing with the planner (see docs/move-waves.md).</summary>
public static class WaveChecker
{
    /// <summary>Every violation of <paramref name="waves"/>: limits, spread groups, dependencies and coverage; empty when sound.</summary>
    public static IReadOnlyList<MoveViolation> Check(Estate estate, IReadOnlyList<Wave> waves, string dataCenter)
    {
        // Placeholder until the wave checker lands.
        _ = (estate, waves, dataCenter);
        return [];
    }
}
