using Shuyaku.Core.Model;

namespace Shuyaku.Core.Checking;

/// <summary>
/// The checker's own sizing arithmetic for static demand and capacity, written from docs/estate-format.md ("How demand
/// becomes host load") and not from the planner's sizing code, so that a sizing bug cannot pass both.
/// </summary>
internal static class Arithmetic
{
    /// <summary>(1 + growth per year) raised to the horizon, by repeated multiplication.</summary>
    public static double Growth(Policy policy)
    {
        var g = 1.0;
        for (var year = 0; year < policy.HorizonYears; year++)
        {
            g *= 1 + policy.GrowthPerYear;
        }

        return g;
    }

    /// <summary>The statistic's value: when the estate does not give it, the next more cautious one that it gives.</summary>
    public static double Value(Measure m, Statistic statistic) => statistic switch
    {
        Statistic.Peak => m.Peak ?? m.P95 ?? m.Avg ?? 0,
        Statistic.P95 => m.P95 ?? m.Peak ?? m.Avg ?? 0,
        _ => m.Avg ?? m.P95 ?? m.Peak ?? 0,
    };

    /// <summary>Normalised GHz one unit of the workload's CPU figure stands for on its old server.</summary>
    public static double GhzPerUnit(Estate estate, Workload w)
    {
        var server = estate.FindServer(w.Server)?.Hardware;
        return w.Demand.CpuUnit switch
        {
            CpuUnit.ServerFraction => server is null ? 0 : server.Sockets * server.CoresPerSocket * server.ClockGhz * server.PerfFactor,
            CpuUnit.Cores => server is null ? 1 : server.ClockGhz * server.PerfFactor,
            _ => server is null ? 1 : server.PerfFactor,
        };
    }

    /// <summary>vCPUs of the VM: as declared, else the cores its peak keeps busy on the old server, rounded up, at least 1.</summary>
    public static int Vcpus(Estate estate, Workload w)
    {
        if (w.Vcpus is { } declared)
        {
            return declared;
        }

        var server = estate.FindServer(w.Server)?.Hardware;
        var peak = Value(w.Demand.Cpu, Statistic.Peak);
        var cores = w.Demand.CpuUnit switch
        {
            CpuUnit.ServerFraction => peak * (server is null ? 1 : server.Sockets * server.CoresPerSocket),
            CpuUnit.Cores => peak,
            _ => peak / (server is null ? 1 : server.ClockGhz),
        };
        var whole = (int)Math.Ceiling(cores - 1e-9);
        return whole < 1 ? 1 : whole;
    }

    /// <summary>A VM's load on a host of <paramref name="model"/>: grown statistic plus VM overhead; vCPUs as they are.</summary>
    public static ResourceVector VmDemand(Estate estate, Workload w, HostModel model, Policy policy, Statistic statistic)
    {
        var g = Growth(policy);
        var d = w.Demand;
        return new ResourceVector(
            (Value(d.Cpu, statistic) * GhzPerUnit(estate, w) * g) + (policy.OverheadCpuGhz * model.PerfFactor),
            (Value(d.MemoryMib, statistic) * g) + policy.OverheadMemoryMib,
            Value(d.NetworkMbps, statistic) * g,
            Vcpus(estate, w));
    }

    /// <summary>A dedicated workload's load on bare metal: grown statistic, no VM overhead.</summary>
    public static ResourceVector BareDemand(Estate estate, Workload w, Policy policy)
    {
        var g = Growth(policy);
        var d = w.Demand;
        var s = policy.Statistic;
        return new ResourceVector(Value(d.Cpu, s) * GhzPerUnit(estate, w) * g, Value(d.MemoryMib, s) * g, Value(d.NetworkMbps, s) * g, Vcpus(estate, w));
    }

    /// <summary>
    /// What a virtualization host offers to VMs: (cores × clock × perf − reserve CPU × perf), (memory − reserve memory) ×
    /// memory overcommit, network, cores × vCPU overcommit; CPU, memory and network times the headroom in normal operation,
    /// or times failoverUtilisation after failures; vCPUs never scaled.
    /// </summary>
    public static ResourceVector VirtualizationCapacity(HostModel m, Policy policy, bool failover)
    {
        var cores = m.Sockets * m.CoresPerSocket;
        var cpu = (cores * m.ClockGhz * m.PerfFactor) - (policy.ReserveCpuGhz * m.PerfFactor);
        var memory = (m.MemoryMib - policy.ReserveMemoryMib) * policy.MemoryOvercommit;
        var share = failover
            ? (Cpu: policy.FailoverUtilisation, Memory: policy.FailoverUtilisation, Network: policy.FailoverUtilisation)
            : (Cpu: policy.Headroom.Cpu, Memory: policy.Headroom.Memory, Network: policy.Headroom.Network);
        return new ResourceVector(
            Math.Max(cpu, 0) * share.Cpu,
            Math.Max(memory, 0) * share.Memory,
            m.NetworkMbps * share.Network,
            cores * policy.VcpuPerCore);
    }

    /// <summary>What a bare-metal host offers its one workload: the whole machine within headroom, vCPUs against cores.</summary>
    public static ResourceVector BareCapacity(HostModel m, Policy policy)
    {
        var cores = m.Sockets * m.CoresPerSocket;
        var h = policy.Headroom;
        return new ResourceVector(cores * m.ClockGhz * m.PerfFactor * h.Cpu, m.MemoryMib * h.Memory, m.NetworkMbps * h.Network, cores);
    }
}
