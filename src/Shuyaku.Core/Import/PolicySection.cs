using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'policy' section; every key left out keeps the default of <see cref="Model.Policy"/>.</summary>
internal sealed class PolicySection(YamlNodes n)
{
    // Bounds that keep growth ^ horizon finite.
    private const int MaxHorizonYears = 100;
    private const double MaxGrowthPerYear = 10;

    /// <summary>The hypervisorReserve value, if written: the fit check reports a reserve that leaves no model room there.</summary>
    public YamlNode? ReserveNode { get; private set; }

    public Policy Read(YamlNode? node)
    {
        var p = new Policy();
        var f = n.Mapping(node, "the policy", "headroom", "failoverUtilisation", "overcommit", "hypervisorReserve", "vmOverhead", "failures", "growth", "horizon", "statistic", "storage");
        if (f is null)
        {
            return p;
        }

        var headroom = Headroom(f["headroom"], p.Headroom);
        var o = n.Mapping(f["overcommit"], "the policy's overcommit", "vcpu", "memory");
        var r = n.Mapping(f["hypervisorReserve"], "the policy's hypervisorReserve", "cpu", "memory");
        ReserveNode = f["hypervisorReserve"];
        var v = n.Mapping(f["vmOverhead"], "the policy's vmOverhead", "cpu", "memory");
        var s = n.Mapping(f["storage"], "the policy's storage", "freeSpace");
        var statistic = StatisticOf(f["statistic"]) ?? p.Statistic;
        var (vcpu, memOver) = Overcommit(o);
        var freeSpace = s is null ? null : FreeSpace(s["freeSpace"]);
        var failover = Failover(f["failoverUtilisation"], headroom);
        return p with
        {
            Headroom = headroom,
            FailoverUtilisation = failover ?? p.FailoverUtilisation,
            VcpuPerCore = vcpu ?? p.VcpuPerCore,
            MemoryOvercommit = memOver ?? p.MemoryOvercommit,
            ReserveCpuGhz = r is null ? p.ReserveCpuGhz : n.Quantity(r["cpu"], "hypervisor reserve cpu", QuantityKind.Frequency) ?? p.ReserveCpuGhz,
            ReserveMemoryMib = r is null ? p.ReserveMemoryMib : n.Quantity(r["memory"], "hypervisor reserve memory", QuantityKind.Size) ?? p.ReserveMemoryMib,
            OverheadCpuGhz = v is null ? p.OverheadCpuGhz : n.Quantity(v["cpu"], "vm overhead cpu", QuantityKind.Frequency) ?? p.OverheadCpuGhz,
            OverheadMemoryMib = v is null ? p.OverheadMemoryMib : n.Quantity(v["memory"], "vm overhead memory", QuantityKind.Size) ?? p.OverheadMemoryMib,
            Failures = n.Integer(f["failures"], "the policy's failures", 0, Policy.MaxFailures) ?? p.Failures,
            GrowthPerYear = Growth(f["growth"]) ?? p.GrowthPerYear,
            HorizonYears = n.Integer(f["horizon"], "the policy's horizon in years", 0, MaxHorizonYears) ?? p.HorizonYears,
            Statistic = statistic,
            StorageFreeSpace = freeSpace ?? p.StorageFreeSpace,
        };
    }

    private ResourceVector Headroom(YamlNode? node, ResourceVector defaults)
    {
        var h = n.Mapping(node, "the policy's headroom", "cpu", "memory", "network");
        return h is null
            ? defaults
            : new ResourceVector(
                Fraction(h["cpu"], "headroom cpu") ?? defaults.Cpu,
                Fraction(h["memory"], "headroom memory") ?? defaults.Memory,
                Fraction(h["network"], "headroom network") ?? defaults.Network,
                1.0);
    }

    private Statistic? StatisticOf(YamlNode? node)
    {
        var text = n.Text(node, "the policy's statistic");
        switch (text)
        {
            case null: return null;
            case "peak": return Statistic.Peak;
            case "p95": return Statistic.P95;
            case "avg" or "average": return Statistic.Avg;
            default:
                n.Error(node!, $"statistic '{text}' is unknown: write peak, p95 or avg");
                return null;
        }
    }

    private (double? Vcpu, double? Memory) Overcommit(Fields? o)
    {
        var memory = o is null ? null : n.Number(o["memory"], "memory overcommit", 0);
        if (memory is < 1)
        {
            n.Error(o!["memory"]!, "memory overcommit below 1.0 would leave memory unused: write 1.0 for none");
            memory = null;
        }

        var vcpu = o is null ? null : n.Number(o["vcpu"], "vCPU:pCPU overcommit", 0);
        if (vcpu is 0)
        {
            n.Error(o!["vcpu"]!, "vCPU:pCPU overcommit must be more than zero");
            vcpu = null;
        }

        return (vcpu, memory);
    }

    private double? FreeSpace(YamlNode? node)
    {
        var freeSpace = Fraction(node, "storage freeSpace");
        if (freeSpace is >= 1)
        {
            n.Error(node!, "storage freeSpace must be below 100%");
            return null;
        }

        return freeSpace;
    }

    private double? Failover(YamlNode? node, ResourceVector headroom)
    {
        var failover = node is null ? null : Fraction(node, "failoverUtilisation");
        var lowest = Math.Min(headroom.Cpu, Math.Min(headroom.Memory, headroom.Network));
        if (failover < lowest)
        {
            n.Warn(node!, $"failoverUtilisation {failover * 100:0.#}% is below the headroom ({lowest * 100:0.#}%): after a failure the survivors would have to run cooler than in normal operation, which costs hosts; it is usually at or above the headroom");
        }

        return failover;
    }

    private double? Growth(YamlNode? node)
    {
        var v = n.Quantity(node, "the policy's growth", QuantityKind.Percent);
        if (v > MaxGrowthPerYear)
        {
            n.Error(node!, $"the policy's growth is {n.Text(node, "")} a year: it must be at most {(MaxGrowthPerYear * 100).ToString("0", CultureInfo.InvariantCulture)}%");
            return null;
        }

        return v;
    }

    private double? Fraction(YamlNode? node, string what) => n.Share(node, what);
}
