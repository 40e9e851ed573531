using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.AzureMigrate;

/// <summary>
/// Turns the CSV that Azure Migrate imports (its "import-based discovery" template) into an <see cref="ImportedEstate"/>:
/// one workload per server row, no sites and no servers of today (the template has no hosts).
/// </summary>
public static partial class AzureMigrateImporter
{
    /// <summary>The columns the template requires; a file without one of them is rejected at its header line.</summary>
    public static readonly string[] Required = ["Server name", "Cores", "Memory (In MB)", "OS name"];

    /// <summary>The most cores a server row may give.</summary>
    private const int MaxCores = 4096;

    /// <summary>Reads the CSV file at <paramref name="path"/>.</summary>
    public static ReadResult<ImportedEstate> Read(string path)
    {
        if (Directory.Exists(path))
        {
            return Failed(path, 0, Texts.Get("import.azure.folder"));
        }

        if (!File.Exists(path))
        {
            return Failed(path, 0, Texts.Get("import.azure.missing"));
        }

        var read = CsvSheet.Read(path, Path.GetFileName(path));
        return read.Succeeded ? Import(read.Value!) : ReadResult<ImportedEstate>.Failed(read.Errors, []);
    }

    /// <summary>Maps the rows of <paramref name="sheet"/>; any malformed cell in a column used is an error, and then nothing is returned.</summary>
    public static ReadResult<ImportedEstate> Import(Sheet sheet)
    {
        var missing = Required.Where(r => sheet.Column(r) < 0).ToList();
        if (missing.Count > 0)
        {
            return Failed(sheet.File, 1, Texts.Format("import.azure.header-lacks", string.Join(", ", missing.Select(m => $"'{m}'"))));
        }

        var report = new InventoryReport { Source = sheet.File };
        report.SheetsRead.Add((sheet.Name, sheet.Rows.Count));
        var cells = new Cells();
        var ids = new EstateIds("server");
        var disks = Disks(sheet);
        int C(params string[] names) => sheet.Column(names);
        var (name, cores, memory, os, version, arch) = (C("Server name"), C("Cores"), C("Memory (In MB)", "Memory"), C("OS name"), C("OS version"), C("OS architecture"));
        var (cpuUse, memUse, netIn, netOut) = (C("CPU utilization percentage", "CPU utilization"), C("Memory utilization percentage", "Memory utilization"),
            C("Network In throughput"), C("Network Out throughput"));
        var (ips, boot, machine, hypervisor) = (C("IP addresses"), C("Boot type"), C("Machine ID", "Server ID"), C("Hypervisor"));
        var workloads = new List<InventoryWorkload>();
        foreach (var row in sheet.Rows)
        {
            report.MachinesRead++;
            var server = Cells.Text(row, name);
            var n = cells.Number(sheet, row, cores, 0, MaxCores);
            var mb = cells.Number(sheet, row, memory);
            var cpuPercent = cells.Number(sheet, row, cpuUse, 0, 100);
            var memPercent = cells.Number(sheet, row, memUse, 0, 100);
            var inMBs = cells.Number(sheet, row, netIn, 0, 1e9);
            var outMBs = cells.Number(sheet, row, netOut, 0, 1e9);
            double diskGb = 0, iops = 0;
            foreach (var d in disks)
            {
                diskGb += cells.Number(sheet, row, d.Size) ?? 0;
                iops += (cells.Number(sheet, row, d.ReadOps, 0, 1e9) ?? 0) + (cells.Number(sheet, row, d.WriteOps, 0, 1e9) ?? 0);
            }

            var where = $"line {row.Number}";
            if (server is null)
            {
                report.Skipped.Add(new SkippedRow("row", $"line {row.Number}", "no server name", where));
                continue;
            }

            if (n is null or < 1)
            {
                // A cell that is not a number was reported above; an empty one is reported here.
                if (n is not null || Cells.Text(row, cores) is null)
                {
                    cells.Error(sheet, row, cores, n is null ? Texts.Get("import.azure.cores-required") : Texts.Get("import.azure.cores-min"));
                }

                continue;
            }

            if (mb is null or 0)
            {
                if (mb is not null || Cells.Text(row, memory) is null)
                {
                    cells.Error(sheet, row, memory, Texts.Get("import.azure.memory-required"));
                }

                continue;
            }

            var vcpus = (int)Math.Ceiling(n.Value);
            var notes = new List<string?>
            {
                string.Join(' ', new[] { Cells.Text(row, os), Cells.Text(row, version), Cells.Text(row, arch) }.OfType<string>()) is { Length: > 0 } o ? $"os {o}" : null,
                Cells.Text(row, ips) is { } ip ? $"addresses {ip}" : null,
                Cells.Text(row, boot) is { } b ? $"boot {b}" : null,
                Cells.Text(row, hypervisor) is { } h ? $"hypervisor {h}" : null,
                Cells.Text(row, machine) is { } m ? $"machine id {m}" : null,
                diskGb > 0 ? $"disks {EstateYaml.F(diskGb)} GB in all" : null,
            };
            workloads.Add(new InventoryWorkload
            {
                Id = ids.For(server),
                Name = server,
                Vcpus = vcpus,
                // Without a server, cores count 1 GHz each at perf 1.0: the estate's own convention.
                Cpu = Math.Round(n.Value * (cpuPercent ?? 100) / 100, 3),
                CpuUnit = InventoryCpuUnit.Ghz,
                CpuSource = cpuPercent is null ? "provisioned" : "usage",
                MemoryMib = Math.Ceiling(mb.Value * (memPercent ?? 100) / 100),
                MemorySource = memPercent is null ? "provisioned" : "usage",
                DiskMib = Math.Ceiling(diskGb * 1024),
                Iops = Math.Round(iops, 3),
                NetworkMbps = Math.Round(((inMBs ?? 0) + (outMBs ?? 0)) * 8, 3),
                Software = Cells.Text(row, os),
                Notes = notes.OfType<string>().ToList(),
            });
            Count(report.CpuSources, cpuPercent is null ? "provisioned" : "usage");
            Count(report.MemorySources, memPercent is null ? "provisioned" : "usage");
        }

        if (cells.ErrorCount > 0)
        {
            var errors = cells.Errors.ToList();
            if (cells.ErrorCount > errors.Count)
            {
                errors.Add(new Diagnostic(sheet.File, 0, 0, Texts.Format("import.cells.more", cells.ErrorCount - errors.Count)));
            }

            return ReadResult<ImportedEstate>.Failed(errors, []);
        }

        return ReadResult<ImportedEstate>.Ok(new ImportedEstate(Path.GetFileNameWithoutExtension(sheet.File), [], [], workloads, report), []);
    }

    /// <summary>The disk columns: "Disk N size (In GB)" and its read and write operations per second, for each N the header names.</summary>
    private static List<(int Size, int ReadOps, int WriteOps)> Disks(Sheet sheet)
    {
        var disks = new List<(int, int, int)>();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var m = DiskSize().Match(Sheet.Normalise(sheet.Headers[i]));
            if (m.Success)
            {
                var k = m.Groups[1].Value;
                disks.Add((i, sheet.Column($"Disk {k} read ops (operations per second)"), sheet.Column($"Disk {k} write ops (operations per second)")));
            }
        }

        return disks;
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static ReadResult<ImportedEstate> Failed(string path, int line, string message) =>
        ReadResult<ImportedEstate>.Failed([new Diagnostic(path, line, line > 0 ? 1 : 0, message)], []);

    [GeneratedRegex(@"^disk (\d+) size \(in gb\)$")]
    private static partial Regex DiskSize();
}
