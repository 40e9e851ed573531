namespace Shuyaku.Core.Simulation.Dynamic;

/// <summary>Settings of one run besides the policy.</summary>
public sealed record SimulationOptions
{
    /// <summary>Hosts, alternating G4 (even ids) and G5 (odd ids). CloudSim's experiment uses 800.</summary>
    public int HostCount { get; init; } = CloudSimSetup.HostCount;

    /// <summary>Seed of the random VM selection (the only randomness).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Tuning of Shuyaku's forecasting policy.</summary>
    public ForecastOptions Forecast { get; init; } = new();

    /// <summary>Scan every host for every placement, as CloudSim does, instead of skipping interchangeable idle hosts (for tests).</summary>
    internal bool ExhaustiveHostSearch { get; init; }

    /// <summary>Called for every migration issued: time, VM, source host, target host (for tests and explanations).</summary>
    public Action<double, int, int, int>? OnMigration { get; init; }
}

/// <summary>The metrics CloudSim's Helper.printResults reports, plus what this simulator saw that CloudSim would have stopped on.</summary>
public sealed record SimulationResult(
    double EnergyKwh,
    int Migrations,
    double Slatah,
    double Pdm,
    double Slav,
    double Esv,
    int RemovedVms,
    int PowerModelOutOfRange);

/// <summary>Programmer errors and states CloudSim itself would abort on.</summary>
internal sealed class SimulationException : Exception
{
    /// <summary>An error without a message.</summary>
    public SimulationException()
    {
    }

    /// <summary>An error with a message.</summary>
    public SimulationException(string message)
        : base(message)
    {
    }

    /// <summary>An error with a message and its cause.</summary>
    public SimulationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    internal static SimulationException VmNotPlaced(int vm) =>
        new($"VM {vm} fits on no host at start; CloudSim's broker would give up here too.");

    internal static SimulationException NotDeterministic(string policy, string day) =>
        new($"{policy} on {day} gave two different results; the simulation must be deterministic.");

    internal static SimulationException MigrationInFlight(int host) =>
        new($"Host {host} still has a migration in flight at a consolidation step; migrations must end within one interval.");
}
