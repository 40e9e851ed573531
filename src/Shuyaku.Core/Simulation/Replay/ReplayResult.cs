using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Simulation.Replay;

/// <param name="CpuScale">How a CPU % becomes GHz.</param>
/// <param name="Growth">Multiply series by the policy's growth over its horizon, as the plan was sized.</param>
/// <param name="PowerOffIdle">Hosts with no running workload draw nothing (switched off) instead of idle power.</param>
/// <param name="CpuOnly">Replay only CPU series; memory and network stay at the estate's constant figures.</param>
public sealed record ReplayOptions(CpuScale CpuScale = CpuScale.Server, bool Growth = false, bool PowerOffIdle = false, bool CpuOnly = false);

/// <summary>What one planned host went through during the replay.</summary>
/// <param name="CapacityGhz">CPU the VMs can use: raw capacity less the hypervisor reserve (all of it on bare metal).</param>
/// <param name="ActiveSteps">Steps with at least one running workload.</param>
/// <param name="OverloadSteps">Active steps at which demand reached the capacity (the host ran at 100%).</param>
/// <param name="MeanCpu">Mean demand ÷ capacity over active steps (a fraction; may exceed 1 only at peak).</param>
/// <param name="PeakCpu">Highest demand ÷ capacity (above 1 when demand was not met).</param>
/// <param name="UnmetGhzHours">Demand above capacity, integrated over time.</param>
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
    public required IReadOnlyList<HostReplay> Hosts { get; init; }
    public required long Start { get; init; }
    public required bool AbsoluteTime { get; init; }
    public required int StepSeconds { get; init; }
    public required int Length { get; init; }

    /// <summary>Hosts with at least one running workload, per step.</summary>
    public required int[] ActiveHosts { get; init; }

    /// <summary>Power drawn by all hosts, watts, per step.</summary>
    public required double[] PowerW { get; init; }

    /// <summary>Demand ÷ capacity per host and step, row-major (host × step); NaN where the host ran nothing.</summary>
    public required float[] HostLoad { get; init; }

    /// <summary>Workloads replayed from a series, and those replayed at their constant estate demand.</summary>
    public required int SeriesWorkloads { get; init; }
    public required int ConstantWorkloads { get; init; }

    /// <summary>Workload-steps without data (outside a series' span or in a long gap): not running, no demand.</summary>
    public required long MissingWorkloadSteps { get; init; }

    public double EnergyKwh => Hosts.Sum(h => h.EnergyKwh);
    public double DemandGhzHours => Hosts.Sum(h => h.DemandGhzHours);
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

    public double Hours => Length * (double)StepSeconds / 3600;

    public ReadOnlySpan<float> LoadOf(int host) => HostLoad.AsSpan(host * Length, Length);
}
