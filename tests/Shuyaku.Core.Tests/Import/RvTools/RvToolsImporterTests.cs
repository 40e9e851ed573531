using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Import.RvTools;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;
using static Shuyaku.Core.Tests.Import.RvTools.Workbooks;

namespace Shuyaku.Core.Tests.Import.RvTools;

public sealed class RvToolsImporterTests
{
    private const string Catalog = "catalog:\n  - { id: big, sockets: 2, cores: 32, clock: 3GHz, memory: 1TiB }\n";

    private static string ReadBack(ImportedEstate estate, string file = "estate.yaml")
    {
        var text = EstateYaml.Write(estate, "import rvtools", null).Text + Catalog;
        var read = EstateFit.ReadAndCheck(text, file);
        read.Errors.ShouldBeEmpty(string.Join("\n", read.Errors));
        return text;
    }

    [Fact]
    public void Running_vms_become_workloads_with_demand_from_the_usage_columns_and_hosts_become_servers()
    {
        using var dir = new TempFolder();
        var path = Write(dir.File("a.xlsx"),
            ("vInfo", [Vm("web 1"), Vm("db-1", cpus: 4, memory: 8192)]),
            ("vCPU", [Row(("VM", "web 1"), ("Overall", 1200)), Row(("VM", "db-1"), ("Overall", 300))]),
            ("vMemory", [Row(("VM", "web 1"), ("Size MiB", 4096), ("Consumed", 3000)), Row(("VM", "db-1"), ("Size MiB", 8192), ("Consumed", 0))]),
            ("vHost", [Host("esx-1")]));

        var read = RvToolsImporter.Read(path, includeOff: false);

        read.Errors.ShouldBeEmpty();
        var estate = read.Value!;
        estate.Sites.ShouldBe([new InventorySite("DC-1", "DC 1")]);
        var server = estate.Servers.ShouldHaveSingleItem();
        (server.Id, server.Sockets, server.CoresPerSocket, server.ClockMhz, server.MemoryMib).ShouldBe(("esx-1", 2, 8, 2400, 262144));
        var web = estate.Workloads[0];
        (web.Id, web.Server, web.Vcpus, web.Cpu, web.CpuUnit, web.CpuSource, web.MemoryMib, web.MemorySource, web.DiskMib)
            .ShouldBe(("web-1", "esx-1", 2, 1.2, InventoryCpuUnit.Ghz, "usage", 3000.0, "usage", 10240.0));
        web.Notes.ShouldContain("annotation: web 1 note");
        web.Notes.ShouldContain("owner: team-a");
        var db = estate.Workloads[1];
        (db.MemoryMib, db.MemorySource).ShouldBe((8192.0, "provisioned"));
        estate.Report.CpuSources["usage"].ShouldBe(2);
        var text = ReadBack(estate);
        text.ShouldContain("    demand: { cpu: 1.2GHz, memory: 3000MiB, disk: 10240MiB }");
        text.ShouldContain("    # owner: team-a");
    }

    [Fact]
    public void Legacy_MB_headers_read_as_the_current_MiB_headers()
    {
        using var dir = new TempFolder();
        var current = RvToolsImporter.Read(Write(dir.File("new.xlsx"), ("vInfo", [Vm("a")])), false).Value!;
        var legacy = RvToolsImporter.Read(Write(dir.File("old.xlsx"), ("vInfo", [Vm("a", legacy: true)])), false).Value!;

        legacy.Workloads[0].DiskMib.ShouldBe(10240);
        (legacy.Workloads[0] with { Notes = [] }).ShouldBe(current.Workloads[0] with { Notes = [] });
        legacy.Workloads[0].Notes.ShouldBe(current.Workloads[0].Notes);
        legacy.Report.SheetsMissing.ShouldBe(["vCPU", "vMemory", "vDisk", "vPartition", "vNetwork", "vHost", "vCluster", "vDatastore"]);
    }

    [Fact]
    public void Powered_off_vms_and_templates_are_skipped_counted_and_listed_and_include_off_keeps_the_powered_off_ones()
    {
        using var dir = new TempFolder();
        var path = Write(dir.File("a.xlsx"), ("vInfo", [Vm("on"), Vm("off", power: "poweredOff"), Vm("tpl", power: "poweredOff", template: "True"), Vm("sus", power: "suspended")]));

        var normal = RvToolsImporter.Read(path, includeOff: false).Value!;
        var all = RvToolsImporter.Read(path, includeOff: true).Value!;

        normal.Workloads.Select(w => w.Id).ShouldBe(["on"]);
        normal.Report.Skipped.Select(s => $"{s.Name}: {s.Reason} ({s.Where})").ShouldBe([
            "off: poweredOff: not running (--include-off keeps it) (vInfo row 3)",
            "tpl: template (vInfo row 4)",
            "sus: suspended: not running (--include-off keeps it) (vInfo row 5)"]);
        all.Workloads.Select(w => w.Id).ShouldBe(["on", "off", "sus"]);
        all.Workloads[1].CpuSource.ShouldBe("provisioned");
        ReadBack(all);
    }

    [Fact]
    public void Excel_serial_dates_and_real_dates_read_alike()
    {
        using var dir = new TempFolder();
        var path = Write(dir.File("a.xlsx"), ("vInfo", [Vm("serial", created: 45714.5), Vm("real", created: new DateTime(2025, 2, 26, 12, 0, 0, DateTimeKind.Unspecified)), Vm("text", created: "2025-02-26 12:00:00")]));

        var estate = RvToolsImporter.Read(path, false).Value!;

        estate.Workloads.Select(w => w.Notes.Single(n => n.StartsWith("created", StringComparison.Ordinal))).ShouldBe(["created 2025-02-26", "created 2025-02-26", "created 2025-02-26"]);
    }

    [Fact]
    public void Without_a_host_a_vm_gets_cpu_in_GHz_and_with_no_usage_one_GHz_per_vcpu()
    {
        using var dir = new TempFolder();
        var estate = RvToolsImporter.Read(Write(dir.File("a.xlsx"), ("vInfo", [Vm("a", cpus: 3)])), false).Value!;

        var w = estate.Workloads.ShouldHaveSingleItem();
        (w.Server, w.Site, w.Cpu, w.CpuUnit, w.CpuSource).ShouldBe((null, "DC-1", 3.0, InventoryCpuUnit.Ghz, "provisioned"));
        ReadBack(estate).ShouldContain("    site: DC-1");
    }

    [Fact]
    public void A_host_without_memory_is_skipped_with_its_reason_and_its_vms_name_no_server()
    {
        using var dir = new TempFolder();
        var estate = RvToolsImporter.Read(Write(dir.File("a.xlsx"), ("vInfo", [Vm("a")]), ("vHost", [Row(("Host", "esx-1"), ("Speed", 2400), ("# Cores", 16))])), false).Value!;

        estate.Servers.ShouldBeEmpty();
        estate.Report.Skipped.ShouldHaveSingleItem().ShouldBe(new SkippedRow("host", "esx-1", "no '# Memory': not written as a server; its VMs name no server", "vHost row 2"));
        estate.Workloads[0].Server.ShouldBeNull();
    }

    [Fact]
    public void A_malformed_cell_is_an_error_naming_the_file_sheet_row_and_column()
    {
        using var dir = new TempFolder();
        var rows = new[] { Vm("a"), Vm("b") };
        rows[1]["CPUs"] = "lots";
        var path = Write(dir.File("bad.xlsx"), ("vInfo", rows));

        var read = RvToolsImporter.Read(path, false);

        read.Errors.ShouldHaveSingleItem().ToString().ShouldBe($"{path}:3:4: sheet 'vInfo', column 'CPUs' (D): 'lots' is not a number: write plain digits such as 2048 or 1.5");
    }

    [Fact]
    public void A_huge_value_is_an_error_not_an_estate_that_cannot_be_read()
    {
        using var dir = new TempFolder();
        var rows = new[] { Vm("a", memory: 1e300) };
        var read = RvToolsImporter.Read(Write(dir.File("huge.xlsx"), ("vInfo", rows)), false);

        read.Errors.ShouldHaveSingleItem().Message.ShouldBe("sheet 'vInfo', column 'Memory' (E): 1E+300 is out of range: it must lie between 0 and 1000000000000000");
    }

    [Fact]
    public void A_workbook_without_vInfo_or_without_a_VM_column_is_rejected()
    {
        using var dir = new TempFolder();
        var noInfo = Write(dir.File("x.xlsx"), ("vHost", [Host("esx-1")]));
        var noVm = Write(dir.File("y.xlsx"), ("vInfo", [Row(("Name of it", "a"))]));

        RvToolsImporter.Read(noInfo, false).Errors.ShouldHaveSingleItem().Message.ShouldBe("the workbook has no vInfo sheet: give the workbook RVTools exported (File > Export all to Excel)");
        RvToolsImporter.Read(noVm, false).Errors.ShouldHaveSingleItem().Message.ShouldBe("sheet 'vInfo': no column 'VM' in the header row: this is not an RVTools vInfo tab");
    }

    [Fact]
    public void The_csv_export_with_semicolons_and_decimal_commas_reads_like_the_workbook()
    {
        using var dir = new TempFolder();
        dir.Write("csv/RVTools_tabvInfo.csv", "\uFEFFVM;Powerstate;Template;CPUs;Memory;In Use MiB;Creation date;Datacenter;Host\n\"web;1\";poweredOn;False;2;4096;10240,5;26.02.2025 12:00;DC 1;esx-1\noff;poweredOff;False;1;1024;1;;DC 1;esx-1\n");
        dir.Write("csv/RVTools_tabvCPU.csv", "VM;Overall\n\"web;1\";1234,5\n");
        dir.Write("csv/RVTools_tabvHost.csv", "Host;Speed;# CPU;Cores per CPU;# Memory;Datacenter\nesx-1;2400;2;8;262144;DC 1\n");
        dir.Write("csv/RVTools_tabvSnapshot.csv", "VM,Snapshot\n");

        var read = RvToolsImporter.Read(dir.File("csv"), false);

        read.Errors.ShouldBeEmpty();
        var w = read.Value!.Workloads.ShouldHaveSingleItem();
        (w.Id, w.Server, w.Cpu, w.DiskMib).ShouldBe(("web-1", "esx-1", 1.234, 10241.0));
        w.Notes.ShouldContain("created 2025-02-26");
        read.Value.Report.SheetsIgnored.ShouldBe(["vSnapshot"]);
        ReadBack(read.Value);
    }

    [Fact]
    public void A_malformed_csv_cell_is_an_error_at_its_line_and_column()
    {
        using var dir = new TempFolder();
        var path = dir.Write("csv/RVTools_tabvInfo.csv", "VM,CPUs,Memory\na,2,4096\nb,2,four\n");

        var read = RvToolsImporter.Read(dir.File("csv"), false);

        read.Errors.ShouldHaveSingleItem().ToString().ShouldBe($"{path}:3:3: column 'Memory' (3): 'four' is not a number: write plain digits such as 2048 or 1.5");
    }

    [Theory]
    [InlineData("1,5", true, 1.5)]
    [InlineData("1,500", false, 1500d)]
    [InlineData("1.234,5", true, 1234.5)]
    [InlineData("1,234.5", false, 1234.5)]
    [InlineData("12 288", true, 12288d)]
    [InlineData("1e5", false, null)]
    [InlineData("NaN", false, null)]
    public void Numbers_written_as_text_read_in_either_regions_notation(string text, bool decimalComma, double? expected) =>
        NumberText.Parse(text, decimalComma).ShouldBe(expected);

    [Fact]
    public void The_separator_is_the_one_the_header_line_uses_most_outside_quotes()
    {
        CsvSheet.Separator("VM;\"a,b\";CPUs").ShouldBe(';');
        CsvSheet.Separator("VM\tCPUs\tMemory").ShouldBe('\t');
        CsvSheet.Separator("VM,CPUs").ShouldBe(',');
    }

    [RealDataFact]
    public void The_kubev2v_export_reads_9_vms_of_which_3_run_and_7_hosts_and_plans_with_a_catalog()
    {
        var read = RvToolsImporter.Read(Path.Combine(RealData.Root!, "rvtools", "kubev2v-example1.xlsx"), false);

        read.Errors.ShouldBeEmpty();
        var e = read.Value!;
        (e.Report.MachinesRead, e.Workloads.Count, e.Report.Skipped.Count, e.Report.HostsRead, e.Servers.Count).ShouldBe((9, 3, 6, 7, 7));
        e.Report.SheetsMissing.ShouldBe(["vNetwork", "vCluster", "vDatastore"]);
        e.Workloads.ShouldContain(w => w.Notes.Contains("owner: ") || w.Notes.Any(n => n.StartsWith("vm id", StringComparison.Ordinal)));
        ReadBack(e);
        var all = RvToolsImporter.Read(Path.Combine(RealData.Root!, "rvtools", "kubev2v-example1.xlsx"), true).Value!;
        all.Workloads.Count.ShouldBe(9);
        ReadBack(all);
    }

    [RealDataFact]
    public void The_small_complete_export_reads_3_vms_of_which_2_run_and_skips_its_2_hosts_that_give_no_memory()
    {
        var read = RvToolsImporter.Read(Path.Combine(RealData.Root!, "rvtools", "rvtools-small-complete.xlsx"), false);

        read.Errors.ShouldBeEmpty();
        var e = read.Value!;
        (e.Report.MachinesRead, e.Workloads.Count, e.Report.HostsRead, e.Servers.Count).ShouldBe((3, 2, 2, 0));
        e.Report.SheetsIgnored.Count.ShouldBe(9);
        e.Workloads[1].Notes.ShouldContain("addresses 10.10.2.20, 10.10.3.20");
        ReadBack(e);
    }
}
