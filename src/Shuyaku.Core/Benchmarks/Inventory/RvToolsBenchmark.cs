using System.Diagnostics;
using System.Globalization;
using ExcelDataReader;
using MiniExcelLibs;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Import.RvTools;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Benchmarks.Inventory;

/// <summary>The figures of one import benchmark run: the baseline (opening the workbook and enumerating every cell) and the import.</summary>
/// <param name="Vms">VMs in the generated workbook.</param>
/// <param name="Hosts">Hosts in it.</param>
/// <param name="Written">Workloads in the written estate as read back (0 if it did not read back).</param>
/// <param name="Baseline">Opening the workbook and reading every cell of every sheet with the same library.</param>
/// <param name="Import">Reading, mapping and writing the estate's text.</param>
/// <param name="ReadBack">Reading the written text back with the estate reader, as <c>shuyaku import</c> does before it writes the file.</param>
public sealed record ImportBenchmarkResult(int Vms, int Hosts, int Written, TimeSpan Baseline, TimeSpan Import, TimeSpan ReadBack)
{
    /// <summary>Import time over baseline time.</summary>
    public double Ratio => Import.TotalSeconds / Math.Max(Baseline.TotalSeconds, 1e-9);
}

/// <summary>Generates RVTools-shaped workbooks (vInfo, vCPU, vMemory, vDisk, vHost with current MiB headers) and times their import.</summary>
public static class RvToolsBenchmark
{
    /// <summary>Writes a seeded workbook of <paramref name="vms"/> VMs (one host per 25, every tenth VM powered off) to <paramref name="path"/>.</summary>
    public static void Write(string path, int vms, int seed)
    {
        var random = new Random(seed);
        var hosts = Math.Max(1, vms / 25);
        var info = new List<Dictionary<string, object?>>(vms);
        var cpu = new List<Dictionary<string, object?>>(vms);
        var memory = new List<Dictionary<string, object?>>(vms);
        var disk = new List<Dictionary<string, object?>>(vms);
        for (var i = 0; i < vms; i++)
        {
            var name = $"vm-{i + 1:00000}";
            var vcpus = 1 << random.Next(0, 4);
            var mib = 1024 * (1 << random.Next(0, 6));
            var on = i % 10 != 9;
            var host = $"esx-{i % hosts + 1:000}.example.org";
            var provisioned = 20480 + random.Next(0, 200) * 1024;
            info.Add(new()
            {
                ["VM"] = name, ["Powerstate"] = on ? "poweredOn" : "poweredOff", ["Template"] = "False", ["SRM Placeholder"] = "False",
                ["PowerOn"] = 45792.5 - random.Next(0, 400), ["Creation date"] = 45000.25 + random.Next(0, 400), ["CPUs"] = vcpus, ["Memory"] = mib,
                ["Primary IP Address"] = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", ["Provisioned MiB"] = provisioned,
                ["In Use MiB"] = provisioned / 2, ["Annotation"] = $"owner team {i % 7}", ["backup-policy"] = i % 3 == 0 ? "gold" : "silver",
                ["Datacenter"] = i % 2 == 0 ? "DC-East" : "DC-West", ["Cluster"] = "Cluster-1", ["Host"] = host, ["Folder"] = "/vm/apps",
                ["OS according to the configuration file"] = "Red Hat Enterprise Linux 9 (64-bit)", ["VM ID"] = $"vm-{10000 + i}",
            });
            cpu.Add(new() { ["VM"] = name, ["CPUs"] = vcpus, ["Max"] = vcpus * 2300, ["Overall"] = on ? random.Next(0, vcpus * 2300) : 0, ["VM ID"] = $"vm-{10000 + i}" });
            memory.Add(new() { ["VM"] = name, ["Size MiB"] = mib, ["Consumed"] = on ? random.Next(mib / 4, mib) : 0, ["Active"] = on ? random.Next(0, mib / 4) : 0, ["VM ID"] = $"vm-{10000 + i}" });
            disk.Add(new() { ["VM"] = name, ["Disk"] = "Hard disk 1", ["Capacity MiB"] = provisioned, ["VM ID"] = $"vm-{10000 + i}" });
        }

        var hostRows = Enumerable.Range(1, hosts).Select(h => new Dictionary<string, object?>
        {
            ["Host"] = $"esx-{h:000}.example.org", ["Datacenter"] = h % 2 == 1 ? "DC-East" : "DC-West", ["Cluster"] = "Cluster-1",
            ["CPU Model"] = "Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz", ["Speed"] = 2300, ["# CPU"] = 2, ["Cores per CPU"] = 16, ["# Cores"] = 32,
            ["CPU usage %"] = 20 + h % 50, ["# Memory"] = 524288, ["Memory usage %"] = 30 + h % 60,
        }).ToList();
        var sheets = new Dictionary<string, object> { ["vInfo"] = info, ["vCPU"] = cpu, ["vMemory"] = memory, ["vDisk"] = disk, ["vHost"] = hostRows };
        MiniExcel.SaveAs(path, sheets, overwriteFile: true);
    }

    /// <summary>Generates a workbook of <paramref name="vms"/> VMs in <paramref name="folder"/>, times the baseline and the import, and deletes the file.</summary>
    public static ImportBenchmarkResult Run(int vms, int seed, string folder)
    {
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"shuyaku-bench-rvtools-{vms}-{seed}.xlsx"));
        Write(path, vms, seed);
        try
        {
            // Warm both paths once on a small slice of work so that neither pays the first-call costs in the figures.
            Enumerate(path);
            var baseline = Stopwatch.StartNew();
            var cells = Enumerate(path);
            baseline.Stop();
            var import = Stopwatch.StartNew();
            var read = RvToolsImporter.Read(path, includeOff: false);
            var text = read.Succeeded ? EstateYaml.Write(read.Value!, "import rvtools", null).Text : "";
            import.Stop();
            var readBack = Stopwatch.StartNew();
            var back = EstateFit.ReadAndCheck(text + "catalog:\n  - { id: probe, sockets: 64, cores: 1024, clock: 100GHz, memory: 1000000000GiB }\n", "bench.yaml");
            readBack.Stop();
            GC.KeepAlive(cells + text.Length + back.Errors.Count);
            return new ImportBenchmarkResult(vms, Math.Max(1, vms / 25), back.Value?.Workloads.Count ?? 0, baseline.Elapsed, import.Elapsed, readBack.Elapsed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The baseline: open the workbook with ExcelDataReader and touch every cell of every sheet.</summary>
    private static long Enumerate(string path)
    {
        _ = RvToolsWorkbook.Wanted; // registers the code pages ExcelDataReader needs
        long cells = 0;
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    cells += reader.GetValue(c) is null ? 0 : 1;
                }
            }
        }
        while (reader.NextResult());
        return cells;
    }
}
