using System.Globalization;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.RvTools;

/// <summary>The workloads of an RVTools export: one per VM of vInfo that is kept, with what vCPU, vMemory, vDisk, vPartition and vNetwork add.</summary>
internal sealed class RvToolsVms(RvToolsWorkbook workbook, Cells cells, InventoryReport report, SiteList sites, RvToolsHosts hosts, bool includeOff)
{
    /// <summary>The most vCPUs a VM may have (vSphere 8 allows 768).</summary>
    private const int MaxVcpus = 4096;

    private readonly Sheet _info = workbook.Sheets["vInfo"];
    private readonly VmIndex _cpu = new(workbook.Sheets.GetValueOrDefault("vCPU"));
    private readonly VmIndex _memory = new(workbook.Sheets.GetValueOrDefault("vMemory"));
    private readonly VmIndex _disk = new(workbook.Sheets.GetValueOrDefault("vDisk"));
    private readonly VmIndex _partition = new(workbook.Sheets.GetValueOrDefault("vPartition"));
    private readonly VmIndex _network = new(workbook.Sheets.GetValueOrDefault("vNetwork"));
    private readonly EstateIds _ids = new("vm");

    public List<InventoryWorkload> Read()
    {
        var info = _info;
        int C(string[] names) => info.Column(names);
        var vm = C(RvToolsColumns.Vm);
        var vmId = C(RvToolsColumns.VmId);
        var names = info.Rows.Select(r => Cells.Text(r, vm)).OfType<string>().GroupBy(n => n, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var attributes = AttributeSource();
        var list = new List<InventoryWorkload>();
        foreach (var row in info.Rows)
        {
            report.MachinesRead++;
            var name = Cells.Text(row, vm);
            var where = $"vInfo row {row.Number}";
            if (name is null)
            {
                report.Skipped.Add(new SkippedRow("row", $"row {row.Number}", "no VM name", where));
                continue;
            }

            var id = Cells.Text(row, vmId);
            var unique = names[name] == 1;
            var workload = Workload(row, name, id, unique, attributes, where);
            if (workload is not null)
            {
                list.Add(workload);
                Count(report.CpuSources, workload.CpuSource);
                Count(report.MemorySources, workload.MemorySource);
            }
        }

        return list;
    }

    private InventoryWorkload? Workload(SheetRow row, string name, string? vmId, bool unique, (VmIndex Index, int Annotation, int[] Custom, bool FromInfo)? attributes, string where)
    {
        var info = _info;
        int C(string[] names) => info.Column(names);
        var template = cells.Flag(info, row, C(RvToolsColumns.Template)) == true;
        var placeholder = cells.Flag(info, row, C(RvToolsColumns.SrmPlaceholder)) == true;
        var power = Cells.Text(row, C(RvToolsColumns.PowerState)) ?? "poweredOn";
        var on = string.Equals(power, "poweredOn", StringComparison.OrdinalIgnoreCase);
        var vcpus = cells.Number(info, row, C(RvToolsColumns.Cpus), 0, MaxVcpus);
        var memory = cells.Number(info, row, C(RvToolsColumns.Memory));
        var provisioned = cells.Number(info, row, C(RvToolsColumns.Provisioned));
        var inUse = cells.Number(info, row, C(RvToolsColumns.InUse));
        var totalDisk = cells.Number(info, row, C(RvToolsColumns.TotalDisk));
        var overall = cells.Number(info, row, C(RvToolsColumns.OverallCpuUsage), 0, 1e9);
        var created = cells.Date(info, row, C(RvToolsColumns.Created));
        var poweredOn = cells.Date(info, row, C(RvToolsColumns.PowerOn));
        var cpuRow = _cpu.Rows(name, vmId, unique).FirstOrDefault();
        var memRow = _memory.Rows(name, vmId, unique).FirstOrDefault();
        if (cpuRow is not null)
        {
            overall = cells.Number(_cpu.Sheet!, cpuRow, _cpu.Sheet!.Column(RvToolsColumns.CpuOverall), 0, 1e9) ?? overall;
        }

        double? consumed = null, size = null;
        if (memRow is not null)
        {
            consumed = cells.Number(_memory.Sheet!, memRow, _memory.Sheet!.Column(RvToolsColumns.MemoryConsumed));
            size = cells.Number(_memory.Sheet!, memRow, _memory.Sheet!.Column(RvToolsColumns.MemorySize));
        }

        var diskSum = Sum(_disk, name, vmId, unique, RvToolsColumns.DiskCapacity);
        var partitionSum = Sum(_partition, name, vmId, unique, RvToolsColumns.PartitionConsumed);
        if (template || placeholder || (!on && !includeOff))
        {
            var reason = template ? "template" : placeholder ? "SRM placeholder (stands in for a replicated VM)" : $"{power}: not running (--include-off keeps it)";
            report.Skipped.Add(new SkippedRow("VM", name, reason, where));
            return null;
        }

        memory ??= size;
        if (memory is null)
        {
            report.Skipped.Add(new SkippedRow("VM", name, "no memory size (vInfo 'Memory', vMemory 'Size MiB')", where));
            return null;
        }

        var hostName = Cells.Text(row, C(RvToolsColumns.Host));
        var server = hostName is null ? null : hosts.ByName.GetValueOrDefault(hostName);
        var n = vcpus is >= 1 ? (int)Math.Round(vcpus.Value) : (int?)null;
        var (cpu, unit, cpuSource) = Cpu(on ? overall : null, n, server);
        var (mem, memSource) = on && consumed is > 0 ? (Math.Ceiling(consumed.Value), "usage") : (memory.Value, "provisioned");
        var disk = inUse ?? partitionSum ?? provisioned ?? diskSum ?? totalDisk ?? 0;
        var ips = _network.Sheet is { } net ? _network.Rows(name, vmId, unique).Select(r => Cells.Text(r, net.Column(RvToolsColumns.NicIp))).OfType<string>().Distinct().ToList() : [];
        var notes = new List<string?>
        {
            $"power {power}",
            Cells.Text(row, C(RvToolsColumns.Datacenter)) is { } dcName ? $"datacenter {dcName}" : null,
            Cells.Text(row, C(RvToolsColumns.Cluster)) is { } cluster ? $"cluster {cluster}" : null,
            hostName is null ? null : server is null ? $"host {hostName} (not a server here: not in vHost, or skipped there)" : $"host {hostName}",
            Cells.Text(row, C(RvToolsColumns.Folder)) is { } folder ? $"folder {folder}" : null,
            Cells.Text(row, C(RvToolsColumns.PrimaryIp)) is { } ip ? $"ip {ip}" : null,
            ips.Count > 0 ? $"addresses {string.Join(", ", ips)}" : null,
            $"storage provisioned {Mib(provisioned ?? diskSum ?? totalDisk)}, in use {Mib(inUse ?? partitionSum)}",
            created is { } c ? $"created {c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : null,
            poweredOn is { } p ? $"powered on {p.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}" : null,
            vmId is null ? null : $"vm id {vmId}",
        };
        notes.AddRange(Attributes(attributes, row, name, vmId, unique));
        if (cpuSource == "usage" && server is not null && overall > server.Sockets * server.CoresPerSocket * (double)server.ClockMhz)
        {
            notes.Add($"cpu usage {EstateYaml.F(overall.Value)} MHz exceeds its server; written as the server's whole capacity");
            report.Notes.Add(Texts.Format("import.rvtools.cpu-capped", name, EstateYaml.F(overall.Value), server.Name));
        }

        return new InventoryWorkload
        {
            Id = _ids.For(name),
            Name = name,
            Site = server?.Site ?? sites.For(Cells.Text(row, C(RvToolsColumns.Datacenter))),
            Server = server?.Id,
            Vcpus = n,
            Cpu = cpu,
            CpuUnit = unit,
            CpuSource = cpuSource,
            MemoryMib = mem,
            MemorySource = memSource,
            DiskMib = Math.Ceiling(disk),
            Software = Cells.Text(row, C(RvToolsColumns.OsTools)) ?? Cells.Text(row, C(RvToolsColumns.OsConfig)),
            Notes = notes.OfType<string>().ToList(),
        };
    }

    /// <summary>
    /// CPU demand: the usage reading in MHz as GHz (capped at the server's capacity), else the provisioned vCPUs: as cores of
    /// its server (at most all of them), or without a server as 1 GHz per vCPU, the estate's convention for cores without a server.
    /// </summary>
    private static (double Value, InventoryCpuUnit Unit, string Source) Cpu(double? usageMhz, int? vcpus, InventoryServer? server)
    {
        var cores = server is null ? 0 : server.Sockets * server.CoresPerSocket;
        if (usageMhz is { } mhz)
        {
            var capped = server is null ? Math.Floor(mhz) : Math.Min(Math.Floor(mhz), (double)cores * server.ClockMhz);
            return (capped / 1000, InventoryCpuUnit.Ghz, "usage");
        }

        var v = vcpus ?? 1;
        return server is null ? (v, InventoryCpuUnit.Ghz, "provisioned") : (Math.Min(v, cores), InventoryCpuUnit.Cores, "provisioned");
    }

    private double? Sum(VmIndex index, string name, string? vmId, bool unique, string[] column)
    {
        if (index.Sheet is not { } sheet)
        {
            return null;
        }

        var c = sheet.Column(column);
        var rows = index.Rows(name, vmId, unique);
        return c < 0 || rows.Count == 0 ? null : rows.Sum(r => cells.Number(sheet, r, c) ?? 0);
    }

    /// <summary>
    /// The sheet whose 'Annotation' column is followed by the custom attribute columns: RVTools writes the attributes
    /// between 'Annotation' and 'Datacenter', in vInfo and in the other per-VM sheets alike; vInfo first.
    /// </summary>
    private (VmIndex Index, int Annotation, int[] Custom, bool FromInfo)? AttributeSource()
    {
        foreach (var index in new[] { new VmIndex(_info), _memory, _cpu, _disk })
        {
            if (index.Sheet is { } sheet && sheet.Column(RvToolsColumns.Annotation) is var a and >= 0)
            {
                var dc = sheet.Column(RvToolsColumns.Datacenter);
                var end = dc > a ? dc : a + 1;
                return (index, a, Enumerable.Range(a + 1, end - a - 1).Where(i => sheet.Headers[i].Length > 0).ToArray(), ReferenceEquals(sheet, _info));
            }
        }

        return null;
    }

    private static IEnumerable<string> Attributes((VmIndex Index, int Annotation, int[] Custom, bool FromInfo)? source, SheetRow info, string name, string? vmId, bool unique)
    {
        if (source is not { } s)
        {
            yield break;
        }

        var row = s.FromInfo ? info : s.Index.Rows(name, vmId, unique).FirstOrDefault();
        if (row is null)
        {
            yield break;
        }

        if (Cells.Text(row, s.Annotation) is { } annotation)
        {
            yield return $"annotation: {annotation}";
        }

        foreach (var c in s.Custom)
        {
            if (Cells.Text(row, c) is { } value)
            {
                yield return $"{s.Index.Sheet!.Headers[c]}: {value}";
            }
        }
    }

    private static string Mib(double? v) => v is { } x ? $"{EstateYaml.F(x)} MiB" : "not given";

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
