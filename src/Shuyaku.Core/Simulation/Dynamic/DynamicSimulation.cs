namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>Runs one day of VMs under one consolidation policy.</summary>
public static class DynamicSimulation
{
    public static SimulationResult Run(PlanetLabDay day, ConsolidationPolicy policy, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(policy);
        return new ConsolidationSimulator(day, policy, options ?? new SimulationOptions()).Run();
    }
}
