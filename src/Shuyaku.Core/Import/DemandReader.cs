using System.Globalization;
using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads a workload's demand: cpu in one of three units, memory, disk, iops and network, each a value or avg/p95/peak.</summary>
internal sealed class DemandReader(YamlNodes n, CrossSectionChecks references)
{
    public Demand? Read(YamlNode? node, string what, Server? server, bool namesServer)
    {
        var f = n.Mapping(node, Of(what, "demand"), "cpu", "memory", "disk", "iops", "network");
        if (f is null)
        {
            return null;
        }

        var (cpu, unit) = Cpu(f.Required("cpu"), what);
        if (unit != CpuUnit.Ghz && server is null && !namesServer && f["cpu"] is not null && cpu is not null)
        {
            n.Error(f["cpu"]!, F("estate.demand.no-server", what));
        }

        if (server is not null && cpu is not null)
        {
            references.CpuWithinServer(f["cpu"]!, what, server, cpu, unit);
        }

        var memory = MeasureOf(f.Required("memory"), Of(what, "memory"), QuantityKind.Size);
        var disk = n.Quantity(f["disk"], Of(what, "disk"), QuantityKind.Size) ?? 0;
        var iops = n.Number(f["iops"], Of(what, "iops"), 0) ?? 0;
        var network = MeasureOf(f["network"], Of(what, "network"), QuantityKind.Bandwidth) ?? new Measure(null, null, null);
        return cpu is null || memory is null ? null : new Demand(cpu, unit, memory, disk, iops, network);
    }

    private (Measure?, CpuUnit) Cpu(YamlNode? node, string what)
    {
        if (node is null)
        {
            return (null, CpuUnit.ServerFraction);
        }

        CpuUnit? unit = null;
        Measure? measure;
        if (node is YamlMappingNode)
        {
            var f = n.Mapping(node, Of(what, "cpu"), "avg", "p95", "peak");
            if (f is null)
            {
                return (null, CpuUnit.ServerFraction);
            }

            measure = new Measure(CpuValue(f["avg"], Of(what, "cpu") + " avg", ref unit), CpuValue(f["p95"], Of(what, "cpu") + " p95", ref unit), CpuValue(f["peak"], Of(what, "cpu") + " peak", ref unit));
            if (measure.IsEmpty)
            {
                n.Error(node, F("estate.demand.cpu-empty", what));
            }

            CheckOrder(node, measure, Of(what, "cpu"));
        }
        else
        {
            var v = CpuValue(node, Of(what, "cpu"), ref unit);
            measure = v is null ? null : Measure.Of(v.Value);
        }

        return (measure, unit ?? CpuUnit.ServerFraction);
    }

    /// <summary>One cpu value; its unit must agree with <paramref name="unit"/>, the unit of the statistics read before it.</summary>
    private double? CpuValue(YamlNode? v, string label, ref CpuUnit? unit)
    {
        var text = n.Text(v, label);
        if (text is null)
        {
            return null;
        }

        var t = text.Trim();
        (QuantityKind? kind, CpuUnit u) = t.EndsWith('%') ? (QuantityKind.Percent, CpuUnit.ServerFraction)
            : t.EndsWith("Hz", StringComparison.Ordinal) ? (QuantityKind.Frequency, CpuUnit.Ghz)
            : t.EndsWith("cores", StringComparison.Ordinal) || t.EndsWith("core", StringComparison.Ordinal) ? ((QuantityKind?)null, CpuUnit.Cores)
            : ((QuantityKind?)null, (CpuUnit)(-1));
        if ((int)u < 0)
        {
            n.Error(v!, F("estate.demand.no-unit", label, text));
            return null;
        }

        if (unit is not null && unit != u)
        {
            n.Error(v!, F("estate.demand.mixed-units", label, text));
            return null;
        }

        unit = u;
        if (kind is { } k)
        {
            return n.Quantity(v, label, k);
        }

        var number = t[..t.IndexOf("core", StringComparison.Ordinal)].Trim();
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var cores) && cores >= 0)
        {
            return cores;
        }

        n.Error(v!, F("estate.demand.not-cores", label, text));
        return null;
    }

    private Measure? MeasureOf(YamlNode? node, string what, QuantityKind kind)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode)
        {
            var f = n.Mapping(node, what, "avg", "p95", "peak");
            if (f is null)
            {
                return null;
            }

            var m = new Measure(n.Quantity(f["avg"], $"{what} avg", kind), n.Quantity(f["p95"], $"{what} p95", kind), n.Quantity(f["peak"], $"{what} peak", kind));
            if (m.IsEmpty)
            {
                n.Error(node, F("estate.demand.empty", what));
            }

            CheckOrder(node, m, what);
            return m;
        }

        var v = n.Quantity(node, what, kind);
        return v is null ? null : Measure.Of(v.Value);
    }

    private void CheckOrder(YamlNode node, Measure m, string what)
    {
        if ((m.Avg > m.P95) || (m.P95 > m.Peak) || (m.Avg > m.Peak))
        {
            n.Error(node, F("estate.demand.order", what));
        }
    }
}
