using Shuyaku.Core.Import.AzureMigrate;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import.AzureMigrate;

public sealed class AzureMigrateImporterTests
{
    private const string Header = "*Server name,IP addresses,*Cores,*Memory (In MB),*OS name,OS version,OS architecture,CPU utilization percentage,Memory utilization percentage,Network adapters,Network In throughput,Network Out throughput,Boot type,Number of disks,Disk 1 size (In GB),Disk 1 read throughput (MB per second),Disk 1 write throughput (MB per second),Disk 1 read ops (operations per second),Disk 1 write ops (operations per second),Disk 2 size (In GB),Disk 2 read throughput (MB per second),Disk 2 write throughput (MB per second),Disk 2 read ops (operations per second),Disk 2 write ops (operations per second)\n";

    [Fact]
    public void Each_server_row_becomes_a_workload_with_demand_from_utilisation_or_from_its_size()
    {
        using var dir = new TempFolder();
        var path = dir.Write("servers.csv", Header
            + "web-01,10.0.0.1,4,8192,Ubuntu,22.04,x64,25,50,1,2.5,1,UEFI,2,100,5,5,120,30,50,1,1,10,10\n"
            + "db 02,,8,16384,Windows Server,2019,x64,,,1,,,BIOS,1,500,,,,,,,,,\n");

        var read = AzureMigrateImporter.Read(path);

        read.Errors.ShouldBeEmpty();
        var (web, db) = (read.Value!.Workloads[0], read.Value.Workloads[1]);
        (web.Id, web.Vcpus, web.Cpu, web.CpuSource, web.MemoryMib, web.MemorySource, web.DiskMib, web.Iops, web.NetworkMbps)
            .ShouldBe(("web-01", 4, 1.0, "usage", 4096.0, "usage", 153600.0, 170.0, 28.0));
        (db.Id, db.Cpu, db.CpuSource, db.MemoryMib, db.MemorySource, db.DiskMib).ShouldBe(("db-02", 8.0, "provisioned", 16384.0, "provisioned", 512000.0));
        var text = EstateYaml.Write(read.Value, "import azure-migrate", null).Text + "catalog:\n  - { id: m, sockets: 2, cores: 16, clock: 3GHz, memory: 256GiB }\n";
        EstateFit.ReadAndCheck(text, "e.yaml").Errors.ShouldBeEmpty();
        text.ShouldContain("    demand: { cpu: 1GHz, memory: 4096MiB, disk: 153600MiB, iops: 170, network: 28Mbps }");
    }

    [Fact]
    public void A_file_without_the_required_columns_is_rejected_at_its_header_line()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.csv", "Name,Cores\na,2\n");

        AzureMigrateImporter.Read(path).Errors.ShouldHaveSingleItem().ToString()
            .ShouldBe($"{path}:1:1: the header line lacks 'Server name', 'Memory (In MB)', 'OS name': use Azure Migrate's import template, whose first line names the columns");
    }

    [Fact]
    public void A_row_without_cores_or_with_text_for_memory_is_an_error_at_its_cell()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.csv", "Server name;Cores;Memory (In MB);OS name;CPU utilization percentage\na;;1024;Linux;5\nb;2;much;Linux;7,5\nc;2;2048;Linux;250\n");

        AzureMigrateImporter.Read(path).Errors.Select(e => e.ToString()).ShouldBe([
            $"{path}:2:2: column 'Cores' (2): a server needs its number of cores: the column is required",
            $"{path}:3:3: column 'Memory (In MB)' (3): 'much' is not a number: write plain digits such as 2048 or 1.5",
            $"{path}:4:5: column 'CPU utilization percentage' (5): 250 is out of range: it must lie between 0 and 100",
        ]);
    }

    [Fact]
    public void Cell_errors_read_in_japanese_at_the_same_line_and_column()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.csv", "Server name;Cores;Memory (In MB);OS name;CPU utilization percentage\na;;1024;Linux;5\nb;2;much;Linux;7,5\nc;2;2048;Linux;250\n");
        List<Shuyaku.Core.Diagnostics.Diagnostic> english, japanese;
        using (Language.Use(Language.English))
        {
            english = [.. AzureMigrateImporter.Read(path).Errors];
        }

        using (Language.Use(Language.Japanese))
        {
            japanese = [.. AzureMigrateImporter.Read(path).Errors];
        }

        japanese.Select(e => (e.File, e.Line, e.Column)).ShouldBe(english.Select(e => (e.File, e.Line, e.Column)));
        japanese.Select(e => e.ToString()).ShouldBe([
            $"{path}:2:2: 列 'Cores' (2): サーバにはコア数が必要です: この列は必須です",
            $"{path}:3:3: 列 'Memory (In MB)' (3): 'much' は数値ではありません: 2048 や 1.5 のような数字だけで書いてください",
            $"{path}:4:5: 列 'CPU utilization percentage' (5): 250 は範囲外です: 0 から 100 の間でなければなりません",
        ]);
    }

    [Fact]
    public void A_row_without_a_name_is_skipped_and_listed()
    {
        using var dir = new TempFolder();
        var read = AzureMigrateImporter.Read(dir.Write("x.csv", "Server name,Cores,Memory (In MB),OS name\n,2,1024,Linux\na,2,1024,Linux\n"));

        read.Value!.Workloads.ShouldHaveSingleItem().Id.ShouldBe("a");
        read.Value.Report.Skipped.ShouldBe([new SkippedRow("row", "line 2", "no server name", "line 2")]);
    }
}
