using System.Globalization;
using System.Text;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>
/// Writes an <see cref="ImportedEstate"/> as an estate file: a comment block saying where it came from and what is missing,
/// then sites, servers and workloads (facts the estate has no key for kept as comments), then the catalog file if given.
/// </summary>
public static class EstateYaml
{
    /// <summary>What <c>plan</c> says of an estate without a catalog, quoted in the comment block and the report.</summary>
    public const string NoCatalog = "the estate has no 'catalog': add it";

    /// <summary>The estate's text, and the line at which the catalog file's first line stands in it (0 without one).</summary>
    public static (string Text, int CatalogLine) Write(ImportedEstate inventory, string command, CatalogFile? catalog)
    {
        var b = new StringBuilder();
        var report = inventory.Report;
        b.Append("# Estate written by `shuyaku ").Append(command).Append("` from ").AppendLine(Comment(Path.GetFileName(report.Source.TrimEnd('/', '\\'))));
        b.Append("# ").Append(Count(report.MachinesRead, "machine")).Append(" read, ").Append(inventory.Workloads.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" written as workloads, ").Append(Count(report.Skipped.Count(s => s.Kind != "host"), "row")).AppendLine(" skipped (listed at the end).");
        b.Append("# Demand: cpu ").Append(Sources(report.CpuSources)).Append("; memory ").Append(Sources(report.MemorySources)).AppendLine(".");
        b.AppendLine("# 'usage' is one reading taken when the export was made, not a peak; 'provisioned' is the VM's configured size.");
        if (catalog is null)
        {
            b.AppendLine("#");
            b.AppendLine("# MISSING before this estate plans: a catalog of host models to buy. Add a 'catalog:' section with at least");
            b.AppendLine("# one host model (and 'policy:' if the defaults do not suit), or import again with --catalog FILE.");
            b.Append("# Until then `shuyaku plan` stops with: ").AppendLine(NoCatalog);
        }

        b.AppendLine();
        b.Append("name: ").AppendLine(Quote(inventory.Name));
        if (inventory.Sites.Count > 0)
        {
            b.AppendLine().AppendLine("sites:");
            foreach (var s in inventory.Sites)
            {
                b.Append("  - { id: ").Append(s.Id).Append(", name: ").Append(Quote(s.Name)).AppendLine(", role: campus }");
            }
        }

        if (inventory.Servers.Count > 0)
        {
            b.AppendLine().AppendLine("servers:");
            foreach (var s in inventory.Servers)
            {
                b.Append("  - id: ").AppendLine(s.Id);
                Notes(b, "    ", [$"host {s.Name}", .. s.Notes]);
                b.Append("    site: ").AppendLine(s.Site);
                b.Append("    hardware: { sockets: ").Append(I(s.Sockets)).Append(", cores: ").Append(I(s.CoresPerSocket))
                    .Append(", clock: ").Append(F(s.ClockMhz / 1000.0)).Append("GHz, memory: ").Append(F(s.MemoryMib)).AppendLine("MiB }");
            }
        }

        b.AppendLine().AppendLine("workloads:");
        foreach (var w in inventory.Workloads)
        {
            Workload(b, w);
        }

        var catalogLine = 0;
        if (catalog is not null)
        {
            b.AppendLine().Append("# From ").AppendLine(Comment(Path.GetFileName(catalog.Path)));
            catalogLine = b.ToString().Count(c => c == '\n') + 1;
            b.Append(catalog.Text);
        }

        Skipped(b, report);
        return (b.ToString(), catalogLine);
    }

    private static void Workload(StringBuilder b, InventoryWorkload w)
    {
        b.Append("  - id: ").AppendLine(w.Id);
        Notes(b, "    ", [.. w.Name == w.Id ? Array.Empty<string>() : [$"name {w.Name}"], .. w.Notes,
            $"demand: cpu from {w.CpuSource}, memory from {w.MemorySource}"]);
        if (w.Server is not null)
        {
            b.Append("    server: ").AppendLine(w.Server);
        }
        else if (w.Site is not null)
        {
            b.Append("    site: ").AppendLine(w.Site);
        }

        if (w.Software is not null)
        {
            b.Append("    software: ").AppendLine(Quote(w.Software));
        }

        if (w.Vcpus is { } v)
        {
            b.Append("    vcpus: ").AppendLine(I(v));
        }

        var cpu = w.CpuUnit == InventoryCpuUnit.Ghz ? F(w.Cpu) + "GHz" : F(w.Cpu) + "cores";
        b.Append("    demand: { cpu: ").Append(cpu).Append(", memory: ").Append(F(w.MemoryMib)).Append("MiB");
        if (w.DiskMib > 0)
        {
            b.Append(", disk: ").Append(F(w.DiskMib)).Append("MiB");
        }

        if (w.Iops > 0)
        {
            b.Append(", iops: ").Append(F(w.Iops));
        }

        if (w.NetworkMbps > 0)
        {
            b.Append(", network: ").Append(F(w.NetworkMbps)).Append("Mbps");
        }

        b.AppendLine(" }");
    }

    private static void Skipped(StringBuilder b, InventoryReport report)
    {
        if (report.Skipped.Count == 0)
        {
            return;
        }

        b.AppendLine().AppendLine("# Skipped:");
        foreach (var s in report.Skipped)
        {
            b.Append("#   ").Append(s.Kind).Append(' ').Append(Comment(s.Name)).Append(" (").Append(Comment(s.Where)).Append("): ").AppendLine(Comment(s.Reason));
        }
    }

    private static void Notes(StringBuilder b, string indent, IEnumerable<string> notes)
    {
        foreach (var note in notes)
        {
            b.Append(indent).Append("# ").AppendLine(Comment(note));
        }
    }

    private static string Sources(SortedDictionary<string, int> sources) =>
        sources.Count == 0 ? "none" : string.Join(", ", sources.Select(kv => $"from {kv.Key} for {kv.Value}"));

    private static string Count(int n, string what) => $"{n.ToString(CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    /// <summary>A number as the estate writes it: invariant, at most three decimals.</summary>
    public static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text on one comment line: line breaks and other control characters become spaces, at most 300 characters.</summary>
    public static string Comment(string text)
    {
        var chars = text.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var s = new string(chars).Trim();
        return s.Length > 300 ? s[..300] + "…" : s;
    }

    /// <summary>A YAML double-quoted scalar holding <paramref name="text"/> exactly.</summary>
    public static string Quote(string text)
    {
        var b = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\t': b.Append("\\t"); break;
                case '\r': b.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        b.Append(c);
                    }

                    break;
            }
        }

        return b.Append('"').ToString();
    }
}
