using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

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
        var f = n.Mapping(node, T("estate.what.policy"), "headroom", "failoverUtilisation", "overcommit", "hypervisorReserve", "vmOverhead", "failures", "growth", "horizon", "statistic", "storage");
        if (f is null)
        {
            return p;
        }

        var headroom = Headroom(f["headroom"], p.Headroom);
        var o = n.Mapping(f["overcommit"], Of(T("estate.what.policy"), "overcommit"), "vcpu", "memory");
        var r = n.Mapping(f["hypervisorReserve"], Of(T("estate.what.policy"), "hypervisorReserve"), "cpu", "memory");
        ReserveNode = f["hypervisorReserve"];
        var v = n.Mapping(f["vmOverhead"], Of(T("estate.what.policy"), "vmOverhead"), "cpu", "memory");
        var s = n.Mapping(f["storage"], Of(T("estate.what.policy"), "storage"), "freeSpace");
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
            ReserveCpuGhz = r is null ? p.ReserveCpuGhz : n.Quantity(r["cpu"], T("estate.policy.reserve-cpu"), QuantityKind.Frequency) ?? p.ReserveCpuGhz,
            ReserveMemoryMib = r is null ? p.ReserveMemoryMib : n.Quantity(r["memory"], T("estate.policy.reserve-memory"), QuantityKind.Size) ?? p.ReserveMemoryMib,
            OverheadCpuGhz = v is null ? p.OverheadCpuGhz : n.Quantity(v["cpu"], T("estate.policy.overhead-cpu"), QuantityKind.Frequency) ?? p.OverheadCpuGhz,
            OverheadMemoryMib = v is null ? p.OverheadMemoryMib : n.Quantity(v["memory"], T("estate.policy.overhead-memory"), QuantityKind.Size) ?? p.OverheadMemoryMib,
            Failures = n.Integer(f["failures"], Of(T("estate.what.policy"), "failures"), 0, Policy.MaxFailures) ?? p.Failures,
            GrowthPerYear = Growth(f["growth"]) ?? p.GrowthPerYear,
            HorizonYears = n.Integer(f["horizon"], T("estate.policy.horizon"), 0, MaxHorizonYears) ?? p.HorizonYears,
            Statistic = statistic,
            StorageFreeSpace = freeSpace ?? p.StorageFreeSpace,
        };
    }

    private ResourceVector Headroom(YamlNode? node, ResourceVector defaults)
    {
        var h = n.Mapping(node, Of(T("estate.what.policy"), "headroom"), "cpu", "memory", "network");
        return h is null
            ? defaults
            : new ResourceVector(
                Fraction(h["cpu"], F("estate.policy.headroom-of", "cpu")) ?? defaults.Cpu,
                Fraction(h["memory"], F("estate.policy.headroom-of", "memory")) ?? defaults.Memory,
                Fraction(h["network"], F("estate.policy.headroom-of", "network")) ?? defaults.Network,
                1.0);
    }

    private Statistic? StatisticOf(YamlNode? node)
    {
        var text = n.Text(node, Of(T("estate.what.policy"), "statistic"));
        switch (text)
        {
            case null: return null;
            case "peak": return Statistic.Peak;
            case "p95": return Statistic.P95;
            case "avg" or "average": return Statistic.Avg;
            default:
                n.Error(node!, F("estate.policy.statistic", text));
                return null;
        }
    }

    private (double? Vcpu, double? Memory) Overcommit(Fields? o)
    {
        var memory = o is null ? null : n.Number(o["memory"], T("estate.policy.memory-overcommit"), 0);
        if (memory is < 1)
        {
            n.Error(o!["memory"]!, T("estate.policy.memory-overcommit-low"));
            memory = null;
        }

        var vcpu = o is null ? null : n.Number(o["vcpu"], T("estate.policy.vcpu-overcommit"), 0);
        if (vcpu is 0)
        {
            n.Error(o!["vcpu"]!, T("estate.policy.vcpu-overcommit-zero"));
            vcpu = null;
        }

        return (vcpu, memory);
    }

    private double? FreeSpace(YamlNode? node)
    {
        var freeSpace = Fraction(node, T("estate.policy.free-space"));
        if (freeSpace is >= 1)
        {
            n.Error(node!, T("estate.policy.free-space-high"));
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
            n.Warn(node!, F("estate.policy.failover-low", (failover * 100)?.ToString("0.#", CultureInfo.InvariantCulture), (lowest * 100).ToString("0.#", CultureInfo.InvariantCulture)));
        }

        return failover;
    }

    private double? Growth(YamlNode? node)
    {
        var v = n.Quantity(node, Of(T("estate.what.policy"), "growth"), QuantityKind.Percent);
        if (v > MaxGrowthPerYear)
        {
            n.Error(node!, F("estate.policy.growth-high", n.Text(node, ""), (MaxGrowthPerYear * 100).ToString("0", CultureInfo.InvariantCulture)));
            return null;
        }

        return v;
    }

    private double? Fraction(YamlNode? node, string what) => n.Share(node, what);
}
