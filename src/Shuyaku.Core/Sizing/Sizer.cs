using Shuyaku.Core.Model;

namespace Shuyaku.Core.Sizing;

/// <summary>Which adjustments sizing applies; the breakdown turns them on one at a time.</summary>
public sealed record SizingStage(bool Headroom, bool Growth)
{
    /// <summary>Headroom and growth both applied, as the plan is sized.</summary>
    public static readonly SizingStage Full = new(true, true);
}

/// <summary>Total shared storage the consolidated estate needs.</summary>
/// <param name="UsedMib">Storage in use today.</param>
/// <param name="GrownMib">Storage after growth over the horizon.</param>
/// <param name="DatastoreMib">Grown storage with the policy's free-space target.</param>
/// <param name="Iops">I/O operations per second today.</param>
/// <param name="GrownIops">I/O operations per second after growth.</param>
public sealed record StorageSizing(double UsedMib, double GrownMib, double DatastoreMib, double Iops, double GrownIops);

/// <summary>Turns measured demand on old servers into demand on a target host model.</summary>
public static class Sizer
{
    /// <summary>(1 + growth) ^ horizon.</summary>
    public static double GrowthFactor(Policy policy) => Math.Pow(1 + policy.GrowthPerYear, policy.HorizonYears);

    /// <summary>CPU used by <paramref name="w"/> for <paramref name="statistic"/>, in normalised GHz (GHz × performance factor).</summary>
    public static double CpuNormalisedGhz(Estate estate, Workload w, Statistic statistic)
    {
        var v = w.Demand.Cpu.Pick(statistic);
        var server = estate.FindServer(w.Server);
        return w.Demand.CpuUnit switch
        {
            CpuUnit.ServerFraction => v * (server?.Hardware.CpuCapacity ?? 0),
            CpuUnit.Cores => v * (server is null ? 1 : server.Hardware.ClockGhz * server.Hardware.PerfFactor),
            _ => v * (server?.Hardware.PerfFactor ?? 1),
        };
    }

    /// <summary>vCPUs the VM gets: as declared, else enough cores for its peak on the old server (at least one).</summary>
    public static int Vcpus(Estate estate, Workload w)
    {
        if (w.Vcpus is { } declared)
        {
            return declared;
        }

        var server = estate.FindServer(w.Server);
        var peak = w.Demand.Cpu.Pick(Statistic.Peak);
        var cores = w.Demand.CpuUnit switch
        {
            CpuUnit.ServerFraction => peak * (server?.Hardware.Cores ?? 1),
            CpuUnit.Cores => peak,
            _ => peak / (server?.Hardware.ClockGhz ?? 1),
        };
        return Math.Max(1, (int)Math.Ceiling(cores - 1e-9));
    }

    /// <summary>Demand of one workload as a VM on <paramref name="model"/>, with per-VM overhead and, if asked, growth.</summary>
    public static ResourceVector WorkloadDemand(Estate estate, Workload w, HostModel model, Policy policy, bool withGrowth)
    {
        var g = withGrowth ? GrowthFactor(policy) : 1.0;
        var cpu = CpuNormalisedGhz(estate, w, policy.Statistic) * g + policy.OverheadCpuGhz * model.PerfFactor;
        var memory = w.Demand.MemoryMib.Pick(policy.Statistic) * g + policy.OverheadMemoryMib;
        var network = w.Demand.NetworkMbps.Pick(policy.Statistic) * g;
        return new ResourceVector(cpu, memory, network, Vcpus(estate, w));
    }

    /// <summary>
    /// What one host of <paramref name="model"/> offers to VMs: raw capacity less the hypervisor reserve, times overcommit,
    /// times the headroom target (normal operation) or the failover target (after failures).
    /// </summary>
    public static ResourceVector HostCapacity(HostModel model, Policy policy, bool failover, bool headroom = true)
    {
        var target = failover ? new ResourceVector(policy.FailoverUtilisation, policy.FailoverUtilisation, policy.FailoverUtilisation, 1)
            : headroom ? policy.Headroom with { Vcpu = 1 } : new ResourceVector(1, 1, 1, 1);
        var cpu = Math.Max(0, model.CpuCapacity - (policy.ReserveCpuGhz * model.PerfFactor));
        var memory = Math.Max(0, model.MemoryMib - policy.ReserveMemoryMib) * policy.MemoryOvercommit;
        return new ResourceVector(cpu, memory, model.NetworkMbps, model.Cores * policy.VcpuPerCore) * target;
    }

    /// <summary>Capacity of a bare-metal host for a workload whose vendor refuses virtualization: no hypervisor, one workload.</summary>
    /// <remarks>Without a hypervisor there is no vCPU overcommit: the workload's vCPUs count against physical cores.</remarks>
    public static ResourceVector BareMetalCapacity(HostModel model, Policy policy) =>
        new ResourceVector(model.CpuCapacity, model.MemoryMib, model.NetworkMbps, model.Cores) * (policy.Headroom with { Vcpu = 1 });

    /// <summary>Demand of a workload running directly on hardware: grown, without VM overhead.</summary>
    public static ResourceVector BareMetalDemand(Estate estate, Workload w, Policy policy)
    {
        var g = GrowthFactor(policy);
        return new ResourceVector(
            CpuNormalisedGhz(estate, w, policy.Statistic) * g,
            w.Demand.MemoryMib.Pick(policy.Statistic) * g,
            w.Demand.NetworkMbps.Pick(policy.Statistic) * g,
            Vcpus(estate, w));
    }

    /// <summary>The cheapest model (then the smallest, then by id) that holds a dedicated workload with headroom.</summary>
    public static HostModel? BareMetalModel(Estate estate, Workload w, Policy policy)
    {
        var demand = BareMetalDemand(estate, w, policy);
        return estate.Catalog
            .Where(m => Fits(demand, BareMetalCapacity(m, policy)))
            .OrderBy(m => m.Price).ThenBy(m => m.CpuCapacity).ThenBy(m => m.MemoryMib).ThenBy(m => m.Id, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Whether demand fits capacity in every resource (within a relative 1e-9).</summary>
    public static bool Fits(ResourceVector demand, ResourceVector capacity)
    {
        for (var r = 0; r < ResourceVector.Dimensions; r++)
        {
            if (demand[r] > capacity[r] * (1 + 1e-9) + 1e-9)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shared storage for every workload, grown over the horizon.</summary>
    public static StorageSizing Storage(Estate estate, Policy policy)
    {
        var used = estate.Workloads.Sum(w => w.Demand.DiskMib);
        var iops = estate.Workloads.Sum(w => w.Demand.Iops);
        var g = GrowthFactor(policy);
        return new StorageSizing(used, used * g, used * g / (1 - policy.StorageFreeSpace), iops, iops * g);
    }
}
