using System.Globalization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Benchmarks.Synthetic;

/// <summary>
/// Writes a synthetic estate as an estate file (docs/estate-format.md), as a user would: sites, servers, workloads (CPU
/// as a share of the old server, memory, disk, IOPS, network), spread rules, the catalog and the policy's failures,
/// growth and vCPU overcommit. It covers what the synthetic generators produce, not every key of the format.
/// </summary>
public static class SyntheticYaml
{
    /// <summary>Writes <paramref name="estate"/> to <paramref name="w"/>, one workload after another.</summary>
    public static void Write(Estate estate, TextWriter w)
    {
        w.WriteLine($"name: \"{estate.Name}\"");
        w.WriteLine("sites:");
        foreach (var s in estate.Sites)
        {
            w.WriteLine($"  - {{ id: {s.Id}, name: {s.Name}, role: {(s.Role == SiteRole.DataCenter ? "datacenter" : "campus")} }}");
        }

        w.WriteLine("servers:");
        foreach (var s in estate.Servers)
        {
            var h = s.Hardware;
            w.WriteLine($"  - {{ id: {s.Id}, site: {s.Site}, hardware: {{ sockets: {h.Sockets}, cores: {h.CoresPerSocket}, clock: {F(h.ClockGhz)}GHz, perf: {F(h.PerfFactor)}, memory: {F(h.MemoryMib)}MiB }} }}");
        }

        w.WriteLine("workloads:");
        foreach (var x in estate.Workloads)
        {
            var d = x.Demand;
            w.WriteLine($"  - id: {x.Id}");
            w.WriteLine($"    service: {x.Service}");
            w.WriteLine($"    server: {x.Server}");
            if (x.Vcpus is { } vcpus)
            {
                w.WriteLine($"    vcpus: {vcpus}");
            }

            var extra = (d.DiskMib > 0 ? $", disk: {F(d.DiskMib)}MiB" : "") + (d.Iops > 0 ? $", iops: {F(d.Iops)}" : "")
                + (d.NetworkMbps.IsEmpty ? "" : $", network: {Measure(d.NetworkMbps, 1, "Mbps")}");
            w.WriteLine($"    demand: {{ cpu: {Measure(d.Cpu, 100, "%")}, memory: {Measure(d.MemoryMib, 1, "MiB")}{extra} }}");
        }

        if (estate.Rules.Count > 0)
        {
            w.WriteLine("rules:");
            foreach (var r in estate.Rules.Where(r => r.Kind == RuleKind.Spread))
            {
                w.WriteLine($"  - spread: {{ name: {r.Name}, workloads: [{string.Join(", ", r.Workloads)}] }}");
            }
        }

        w.WriteLine("catalog:");
        foreach (var m in estate.Catalog)
        {
            w.WriteLine($"  - {{ id: {m.Id}, name: \"{m.Name}\", sockets: {m.Sockets}, cores: {m.CoresPerSocket}, clock: {F(m.ClockGhz)}GHz, perf: {F(m.PerfFactor)}, memory: {F(m.MemoryMib)}MiB, network: {F(m.NetworkMbps)}Mbps, power: {{ idle: {F(m.PowerIdleW)}W, max: {F(m.PowerMaxW)}W }}, price: {F(m.Price)}, rackUnits: {m.RackUnits} }}");
        }

        var p = estate.Policy;
        w.WriteLine("policy:");
        w.WriteLine($"  failures: {p.Failures}");
        w.WriteLine($"  growth: {F(p.GrowthPerYear * 100)}%");
        w.WriteLine($"  overcommit: {{ vcpu: {F(p.VcpuPerCore)}, memory: {F(p.MemoryOvercommit)} }}");
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A measure as its one value, or as a mapping of the statistics it has, each times <paramref name="scale"/> in <paramref name="unit"/>.</summary>
    private static string Measure(Measure m, double scale, string unit)
    {
        if (m.Avg is null && m.P95 is null)
        {
            return $"{F(m.Peak!.Value * scale)}{unit}";
        }

        var parts = new List<string>();
        if (m.Avg is { } avg)
        {
            parts.Add($"avg: {F(avg * scale)}{unit}");
        }

        if (m.P95 is { } p95)
        {
            parts.Add($"p95: {F(p95 * scale)}{unit}");
        }

        if (m.Peak is { } peak)
        {
            parts.Add($"peak: {F(peak * scale)}{unit}");
        }

        return $"{{ {string.Join(", ", parts)} }}";
    }
}
