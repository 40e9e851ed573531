namespace Shuyaku.Core.Move;

/// <summary>The waves a planner made, with what it could not avoid (a spread group on one server, a server too large for any wave).</summary>
/// <param name="Waves">The waves, in order, numbered from 1.</param>
/// <param name="Problems">Violations no wave order avoids; empty when every limit and rule is kept.</param>
/// <param name="LowerBound">The fewest waves any order needs under the limits and rules (a proof, not a guess).</param>
public sealed record WaveResult(IReadOnlyList<Wave> Waves, IReadOnlyList<MoveViolation> Problems, int LowerBound);
