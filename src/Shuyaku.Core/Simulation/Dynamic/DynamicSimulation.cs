namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>Runs one day of VMs under one consolidation policy.</summary>
internal static class DynamicSimulation
{
    /// <summary>Simulates <paramref name="day"/> under <paramref name="policy"/> on CloudSim's 800 hosts (or <see cref="SimulationOptions.HostCount"/>).</summary>
    public static SimulationResult Run(PlanetLabDay day, ConsolidationPolicy policy, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(policy);
        return new ConsolidationSimulator(day, policy, options ?? new SimulationOptions()).Run();
    }
}
