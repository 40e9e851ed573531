using Shuyaku.Core.Model;

namespace Shuyaku.Core.Sizing;

/// <summary>How the CPU series of a workload turns into demand on its new host.</summary>
public enum CpuScale
{
    /// <summary>The series is % of the workload's old server: demand = % × the old server's normalised GHz.</summary>
    Server,
    /// <summary>The series keeps its shape but is scaled so its highest value equals the workload's peak in the estate.</summary>
    Peak,
}

/// <summary>Turns a workload's CPU trace into normalised GHz, for time-aligned sizing and for replay alike.</summary>
public static class CpuScaling
{
    /// <summary>Normalised GHz per unit of the workload's CPU series (see <see cref="CpuScale"/>).</summary>
    public static double Of(Estate estate, Workload w, ReadOnlySpan<float> series, CpuScale mode)
    {
        if (mode == CpuScale.Server)
        {
            // 1 % of the old server, through the same sizing as a "cpu: 1%" figure in the estate.
            var onePercent = w with { Demand = w.Demand with { Cpu = Measure.Of(0.01), CpuUnit = CpuUnit.ServerFraction } };
            return Sizer.CpuNormalisedGhz(estate, onePercent, Statistic.Peak);
        }

        var max = 0f;
        foreach (var v in series)
        {
            if (v > max)
            {
                max = v;
            }
        }

        return max > 0 ? Sizer.CpuNormalisedGhz(estate, w, Statistic.Peak) / max : 0;
    }
}
