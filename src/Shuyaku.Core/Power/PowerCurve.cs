using Shuyaku.Core.Model;

namespace Shuyaku.Core.Power;

/// <summary>
/// Watts drawn at a CPU load, from 11 points at 0%, 10%, …, 100% with straight lines between them (a SPECpower table, as
/// CloudSim's PowerModelSpecPower). A model without a SPECpower table gets the straight line from idle to max power.
/// </summary>
/// <remarks>
/// Two ways to read the curve, equal but for rounding: <see cref="At"/> for replay, and <see cref="AtCloudSim"/>, which
/// takes CloudSim's steps so that the CloudSim experiment agrees to the last bit. Each keeps the arithmetic its results
/// were pinned with.
/// </remarks>
internal sealed class PowerCurve
{
    /// <summary>Points of a curve: 0%, 10%, …, 100%.</summary>
    public const int Points = 11;

    private readonly double[] _watts;

    /// <summary>A curve through <see cref="Points"/> readings in watts, at 0%, 10%, …, 100% load.</summary>
    public PowerCurve(IReadOnlyList<double> watts)
    {
        ArgumentNullException.ThrowIfNull(watts);
        if (watts.Count != Points)
        {
            throw new ArgumentException($"a power curve needs {Points} points, at 0%, 10%, …, 100%", nameof(watts));
        }

        _watts = [.. watts];
    }

    /// <summary>The readings in watts, at 0%, 10%, …, 100% load.</summary>
    public IReadOnlyList<double> Watts => _watts;

    /// <summary>The straight line from <paramref name="idleW"/> at 0% to <paramref name="maxW"/> at 100%.</summary>
    public static PowerCurve Linear(double idleW, double maxW) =>
        new(Enumerable.Range(0, Points).Select(i => idleW + ((maxW - idleW) * i / 10.0)).ToArray());

    /// <summary>The model's SPECpower table, or the straight line from its idle to its max power when it has none.</summary>
    public static PowerCurve For(HostModel model) =>
        model.SpecPowerW is { Count: Points } table ? new PowerCurve(table) : Linear(model.PowerIdleW, model.PowerMaxW);

    /// <summary>Watts at <paramref name="load"/> (a fraction, clamped to 0..1).</summary>
    public double At(double load)
    {
        var x = Math.Clamp(load, 0, 1) * 10;
        var i = (int)x;
        if (i >= Points - 1)
        {
            return _watts[Points - 1];
        }

        return _watts[i] + ((_watts[i + 1] - _watts[i]) * (x - i));
    }

    /// <summary>Watts at a CPU utilisation in [0, 1], computed exactly as CloudSim's <c>PowerModelSpecPower.getPower</c>, floating-point order included.</summary>
    public double AtCloudSim(double utilization)
    {
        if (utilization < 0 || utilization > 1 || double.IsNaN(utilization))
        {
            throw new ArgumentOutOfRangeException(nameof(utilization), utilization, "Utilisation must be between 0 and 1.");
        }

        // CloudSim tests utilization % 0.1 == 0 for a table look-up; that holds only for 0, 0.1, 0.2, 0.4 and 0.8, where
        // utilization × 10 is a whole number and the interpolation below gives the same table value, so the cheaper test
        // is equivalent.
        var scaled = utilization * 10;
        var floor = Math.Floor(scaled);
        if (floor == scaled)
        {
            return _watts[(int)scaled];
        }

        var lower = (int)floor;
        var upper = (int)Math.Ceiling(scaled);
        var delta = (_watts[upper] - _watts[lower]) / 10;
        return _watts[lower] + (delta * (utilization - ((double)lower / 10)) * 100);
    }
}
