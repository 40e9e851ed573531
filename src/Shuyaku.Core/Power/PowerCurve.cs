using Shuyaku.Core.Model;

namespace Shuyaku.Core.Power;

/// <summary>
/// Watts drawn at a CPU load, from 11 points at 0%, 10%, …, 100% with straight lines between them (as CloudSim's
/// PowerModelSpecPower). A model without a SPECpower table gets the straight line from idle to max power.
/// </summary>
public sealed class PowerCurve
{
    public const int Points = 11;

    private readonly double[] _watts;

    public PowerCurve(IReadOnlyList<double> watts)
    {
        if (watts.Count != Points)
        {
            throw new ArgumentException($"a power curve needs {Points} points, at 0%, 10%, …, 100%", nameof(watts));
        }

        _watts = [.. watts];
    }

    public IReadOnlyList<double> Watts => _watts;

    public static PowerCurve Linear(double idleW, double maxW) =>
        new(Enumerable.Range(0, Points).Select(i => idleW + ((maxW - idleW) * i / 10.0)).ToArray());

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
}
