using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Simulation.Replay;

/// <summary>How series are replayed against a plan.</summary>
/// <param name="CpuScale">How a CPU % becomes GHz.</param>
/// <param name="Growth">Multiply series by the policy's growth over its horizon, as the plan was sized.</param>
/// <param name="PowerOffIdle">Hosts with no running workload draw nothing (switched off) instead of idle power.</param>
/// <param name="CpuOnly">Replay only CPU series; memory and network stay at the estate's constant figures.</param>
/// <param name="ConstantWithoutSeries">
/// Replay a workload without a CPU series at its constant estate demand at every step; by default it is left out (no load),
/// as a workload absent from the traces did not run in their window.
/// </param>
public sealed record ReplayOptions(CpuScale CpuScale = CpuScale.Server, bool Growth = false, bool PowerOffIdle = false, bool CpuOnly = false, bool ConstantWithoutSeries = false);

/// <summary>What one planned host went through during the replay.</summary>
/// <param name="Host">The planned host's name.</param>
/// <param name="Model">Its host model's id.</param>
/// <param name="Workloads">Workloads the plan puts on it.</param>
/// <param name="CapacityGhz">CPU the VMs can use: raw capacity less the hypervisor reserve (all of it on bare metal).</param>
/// <param name="ActiveSteps">Steps with at least one running workload.</param>
/// <param name="OverloadSteps">Active steps at which demand reached the capacity (the host ran at 100%).</param>
/// <param name="MeanCpu">Mean demand ÷ capacity over active steps (a fraction; may exceed 1 only at peak).</param>
/// <param name="PeakCpu">Highest demand ÷ capacity (above 1 when demand was not met).</param>
/// <param name="DemandGhzHours">CPU demand of its workloads, integrated over time.</param>
/// <param name="UnmetGhzHours">Demand above capacity, integrated over time.</param>
/// <param name="EnergyKwh">Energy the host drew, from its model's power curve.</param>
/// <param name="PeakMemory">Highest memory in use ÷ memory capacity after reserve and overcommit.</param>
/// <param name="PeakNetwork">Highest network ÷ the host's network capacity (0 when the model has none).</param>
public sealed record HostReplay(
    string Host,
    string Model,
    int Workloads,
    double CapacityGhz,
    int ActiveSteps,
    int OverloadSteps,
    double MeanCpu,
    double PeakCpu,
    double DemandGhzHours,
    double UnmetGhzHours,
    double EnergyKwh,
    double PeakMemory,
    double PeakNetwork)
{
    /// <summary>SLA time per active host: share of its active time at 100% CPU.</summary>
    public double Slatah => ActiveSteps == 0 ? 0 : OverloadSteps / (double)ActiveSteps;
}

/// <summary>The outcome of replaying series against a plan.</summary>
public sealed class ReplayResult
{
    /// <summary>Every planned host, in plan order.</summary>
    public required IReadOnlyList<HostReplay> Hosts { get; init; }
    /// <summary>Time of the first step: Unix seconds when <see cref="AbsoluteTime"/>, else seconds from the series' start.</summary>
    public required long Start { get; init; }
    /// <summary>Whether the series carry calendar time (UTC) rather than seconds from their start.</summary>
    public required bool AbsoluteTime { get; init; }
    /// <summary>Seconds between two steps.</summary>
    public required int StepSeconds { get; init; }
    /// <summary>Number of steps replayed.</summary>
    public required int Length { get; init; }

    /// <summary>Hosts with at least one running workload, per step.</summary>
    public required int[] ActiveHosts { get; init; }

    /// <summary>Power drawn by all hosts, watts, per step.</summary>
    public required double[] PowerW { get; init; }

    /// <summary>Demand ÷ capacity per host and step, row-major (host × step); NaN where the host ran nothing.</summary>
    public required float[] HostLoad { get; init; }

    /// <summary>Workloads replayed from a series.</summary>
    public required int SeriesWorkloads { get; init; }

    /// <summary>Workloads without a series replayed at their constant estate demand (<see cref="ReplayOptions.ConstantWithoutSeries"/>).</summary>
    public required int ConstantWorkloads { get; init; }

    /// <summary>Workloads without a CPU series, in estate order: left out of the replay, or at constant demand when asked.</summary>
    public IReadOnlyList<string> WithoutSeries { get; init; } = [];

    /// <summary>Workload-steps without data (outside a series' span or in a long gap): not running, no demand.</summary>
    public required long MissingWorkloadSteps { get; init; }

    /// <summary>Energy drawn by all hosts.</summary>
    public double EnergyKwh => Hosts.Sum(h => h.EnergyKwh);

    /// <summary>CPU demand of all workloads, integrated over time.</summary>
    public double DemandGhzHours => Hosts.Sum(h => h.DemandGhzHours);

    /// <summary>Demand above the hosts' capacity, integrated over time.</summary>
    public double UnmetGhzHours => Hosts.Sum(h => h.UnmetGhzHours);

    /// <summary>SLATAH as CloudSim defines it: the mean over hosts that were ever active of their share of active time at 100% CPU.</summary>
    public double Slatah
    {
        get
        {
            var active = Hosts.Where(h => h.ActiveSteps > 0).ToList();
            return active.Count == 0 ? 0 : active.Average(h => h.Slatah);
        }
    }

    /// <summary>Length of the replay in hours.</summary>
    public double Hours => Length * (double)StepSeconds / 3600;


    /// <summary>One host's row of <see cref="HostLoad"/>: its demand ÷ capacity per step.</summary>
    public ReadOnlySpan<float> LoadOf(int host) => HostLoad.AsSpan(host * Length, Length);
}
