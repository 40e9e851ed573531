namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>
/// A host's power draw measured at 0, 10, …, 100 % CPU (a SPECpower table), interpolated linearly between the
/// points exactly as CloudSim's <c>PowerModelSpecPower</c> does, floating-point order included.
/// </summary>
public sealed class SpecPowerModel
{
    private readonly double[] _watts;

    public SpecPowerModel(string name, IReadOnlyList<double> watts)
    {
        ArgumentNullException.ThrowIfNull(watts);
        if (watts.Count != 11)
        {
            throw new ArgumentException("A SPECpower table has 11 points (0 %, 10 %, …, 100 %).", nameof(watts));
        }

        Name = name;
        _watts = [.. watts];
    }

    public string Name { get; }

    public double IdleWatts => _watts[0];

    public double MaxWatts => _watts[10];

    /// <summary>Power in watts at a CPU utilisation in [0, 1].</summary>
    public double Watts(double utilization)
    {
        if (utilization < 0 || utilization > 1 || double.IsNaN(utilization))
        {
            throw new ArgumentOutOfRangeException(nameof(utilization), utilization, "Utilisation must be between 0 and 1.");
        }

        // The same steps as CloudSim, so that results agree to the last bit. CloudSim tests utilization % 0.1 == 0
        // for a table look-up; that holds only for 0, 0.1, 0.2, 0.4 and 0.8, where utilization × 10 is a whole
        // number and the interpolation below gives the same table value, so the cheaper test is equivalent.
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

/// <summary>A physical host model of the experiment: PEs of equal speed, RAM, bandwidth and its power curve.</summary>
public sealed record HostType(string Name, int Pes, double PeMips, int RamMb, long Bandwidth, SpecPowerModel Power)
{
    public double TotalMips => Pes * PeMips;
}

/// <summary>A VM type of the experiment (one PE).</summary>
public sealed record VmType(string Name, double Mips, int RamMb, long Bandwidth);

/// <summary>The fixed set-up of CloudSim 3.0.3's PlanetLab experiment (examples/power Constants and PlanetLabConstants).</summary>
public static class CloudSimSetup
{
    public const int HostCount = 800;
    public const double SchedulingInterval = 300;
    public const double SimulationLimit = 86400;

    /// <summary>Samples per trace file: one every 300 s for 24 h.</summary>
    public const int SamplesPerTrace = 288;

    public static readonly SpecPowerModel HpProLiantMl110G4 = new(
        "HP ProLiant ML110 G4 (Xeon 3040)", [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]);

    public static readonly SpecPowerModel HpProLiantMl110G5 = new(
        "HP ProLiant ML110 G5 (Xeon 3075)", [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]);

    /// <summary>Host id % 2 selects the type: even ids are G4, odd ids G5.</summary>
    public static readonly IReadOnlyList<HostType> HostTypes =
    [
        new("ML110 G4", 2, 1860, 4096, 1_000_000, HpProLiantMl110G4),
        new("ML110 G5", 2, 2660, 4096, 1_000_000, HpProLiantMl110G5),
    ];

    public static readonly IReadOnlyList<VmType> VmTypes =
    [
        new("High-CPU Medium", 2500, 870, 100_000),
        new("Extra Large", 2000, 1740, 100_000),
        new("Small", 1000, 1740, 100_000),
        new("Micro", 500, 613, 100_000),
    ];
}
