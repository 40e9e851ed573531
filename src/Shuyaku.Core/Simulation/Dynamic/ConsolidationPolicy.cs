using System.Globalization;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>How a host is judged overloaded (CloudSim's PowerVmAllocationPolicyMigration* classes).</summary>
public enum OverloadDetection
{
    /// <summary>No consolidation at all: first-fit at start, never a migration (CloudSim's "dvfs").</summary>
    None,

    /// <summary>Requested utilisation above a static threshold.</summary>
    Threshold,

    /// <summary>Above 1 − s·IQR of the host's utilisation history.</summary>
    InterQuartileRange,

    /// <summary>Above 1 − s·MAD of the host's utilisation history.</summary>
    MedianAbsoluteDeviation,

    /// <summary>s × the utilisation predicted by a line through the last 10 history values ≥ 1.</summary>
    LocalRegression,

    /// <summary>Robust local regression; in CloudSim 3.0.3 its weights are never applied, so it equals <see cref="LocalRegression"/>.</summary>
    LocalRegressionRobust,

    /// <summary>Shuyaku's own: a per-VM forecast from each VM's past samples (see <see cref="ForecastOptions"/>).</summary>
    Forecast,
}

/// <summary>Which VM leaves an overloaded host first.</summary>
public enum VmSelection
{
    /// <summary>Minimum migration time: the smallest RAM.</summary>
    MinimumMigrationTime,

    /// <summary>Minimum utilisation.</summary>
    MinimumUtilization,

    /// <summary>A random migratable VM (seeded).</summary>
    RandomSelection,
}

/// <summary>A consolidation policy: overload detection with its safety parameter, and VM selection.</summary>
public sealed record ConsolidationPolicy(string Name, OverloadDetection Detection, double Parameter, VmSelection Selection)
{
    /// <summary>The policies of CloudSim's results file, with the parameters of its PlanetLab examples.</summary>
    public static readonly IReadOnlyList<string> CloudSimNames = ["Dvfs", "ThrMmt", "IqrMmt", "MadMmt", "LrMmt", "LrrMmt"];

    /// <summary>Shuyaku's forecasting policy (not in CloudSim).</summary>
    public const string ForecastName = "ShuyakuFc";

    /// <summary>No consolidation: first fit at start and never a migration (CloudSim's "dvfs").</summary>
    public static readonly ConsolidationPolicy Dvfs = new("Dvfs", OverloadDetection.None, 0, VmSelection.MinimumMigrationTime);

    private static readonly (string Prefix, OverloadDetection Detection, double Parameter)[] Detections =
    [
        ("Thr", OverloadDetection.Threshold, 0.8),
        ("Iqr", OverloadDetection.InterQuartileRange, 1.5),
        ("Mad", OverloadDetection.MedianAbsoluteDeviation, 2.5),
        ("Lrr", OverloadDetection.LocalRegressionRobust, 1.2),
        ("Lr", OverloadDetection.LocalRegression, 1.2),
    ];

    private static readonly (string Suffix, VmSelection Selection)[] Selections =
    [
        ("Mmt", VmSelection.MinimumMigrationTime),
        ("Mu", VmSelection.MinimumUtilization),
        ("Rs", VmSelection.RandomSelection),
    ];

    /// <summary>
    /// Parses "Dvfs", "ShuyakuFc", or detection + selection as in CloudSim's results ("ThrMmt", "LrMu", …) with an optional
    /// "-parameter" ("ThrMmt-0.9"). Null when the name is not one of these.
    /// </summary>
    public static ConsolidationPolicy? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Equals("Dvfs", StringComparison.OrdinalIgnoreCase))
        {
            return Dvfs;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var head = dash < 0 ? name : name[..dash];
        double? parameter = null;
        if (dash >= 0)
        {
            if (!double.TryParse(name[(dash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || p <= 0)
            {
                return null;
            }

            parameter = p;
        }

        if (head.Equals(ForecastName, StringComparison.OrdinalIgnoreCase))
        {
            return new ConsolidationPolicy(ForecastName + (parameter is null ? "" : "-" + Format(parameter.Value)), OverloadDetection.Forecast, parameter ?? 1.0, VmSelection.MinimumMigrationTime);
        }

        foreach (var (prefix, detection, defaultParameter) in Detections)
        {
            if (!head.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var (suffix, selection) in Selections)
            {
                if (head.Length == prefix.Length + suffix.Length && head.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    var canonical = prefix + suffix;
                    return new ConsolidationPolicy(parameter is null ? canonical : canonical + "-" + Format(parameter.Value), detection, parameter ?? defaultParameter, selection);
                }
            }
        }

        return null;
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
