using Shuyaku.Core.Power;

namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>A physical host model of the experiment: PEs of equal speed, RAM, bandwidth and its power curve.</summary>
internal sealed record HostType(string Name, int Pes, double PeMips, int RamMb, long Bandwidth, PowerCurve Power)
{
    /// <summary>MIPS of all PEs together.</summary>
    public double TotalMips => Pes * PeMips;
}

/// <summary>A VM type of the experiment (one PE).</summary>
internal sealed record VmType(string Name, double Mips, int RamMb, long Bandwidth);

/// <summary>The fixed set-up of CloudSim 3.0.3's PlanetLab experiment (examples/power Constants and PlanetLabConstants).</summary>
internal static class CloudSimSetup
{
    /// <summary>Hosts in the experiment.</summary>
    public const int HostCount = 800;

    /// <summary>Seconds between two datacenter updates (and consolidations).</summary>
    public const double SchedulingInterval = 300;

    /// <summary>Seconds simulated: 24 h.</summary>
    public const double SimulationLimit = 86400;

    /// <summary>Samples per trace file: one every 300 s for 24 h.</summary>
    public const int SamplesPerTrace = 288;

    /// <summary>HP ProLiant ML110 G4 (Xeon 3040), CloudSim's PowerModelSpecPowerHpProLiantMl110G4Xeon3040.</summary>
    public static readonly PowerCurve HpProLiantMl110G4 = new([86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117]);

    /// <summary>HP ProLiant ML110 G5 (Xeon 3075), CloudSim's PowerModelSpecPowerHpProLiantMl110G5Xeon3075.</summary>
    public static readonly PowerCurve HpProLiantMl110G5 = new([93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135]);

    /// <summary>Host id % 2 selects the type: even ids are G4, odd ids G5.</summary>
    public static readonly IReadOnlyList<HostType> HostTypes =
    [
        new("ML110 G4", 2, 1860, 4096, 1_000_000, HpProLiantMl110G4),
        new("ML110 G5", 2, 2660, 4096, 1_000_000, HpProLiantMl110G5),
    ];

    /// <summary>The VM types, indexed by <see cref="PlanetLabDay.VmTypeIndexes"/>.</summary>
    public static readonly IReadOnlyList<VmType> VmTypes =
    [
        new("High-CPU Medium", 2500, 870, 100_000),
        new("Extra Large", 2000, 1740, 100_000),
        new("Small", 1000, 1740, 100_000),
        new("Micro", 500, 613, 100_000),
    ];
}
