using Shuyaku.Core.Benchmarks.Inventory;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class ImportCommandTests
{
    private const string Catalog = "catalog:\n  - { id: r650, sockets: 2, cores: 32, clock: 2.8GHz, memory: 1TiB, price: 18000 }\npolicy:\n  failures: 1\n";

    private static (int Exit, string Out, string Error) Run(string dir, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var error = new StringWriter();
        var exit = ShuyakuCli.Run(args, new CliContext(console, error, dir));
        return (exit, console.Output, error.ToString());
    }

    [Fact]
    public void Import_rvtools_with_a_catalog_writes_an_estate_that_plans_and_exits_0()
    {
        using var dir = new TempFolder();
        RvToolsBenchmark.Write(dir.File("rv.xlsx"), 60, 3);
        dir.Write("catalog.yaml", Catalog);

        var (exit, output, error) = Run(dir.Path, "import", "rvtools", "rv.xlsx", "-o", "estate.yaml", "--catalog", "catalog.yaml");

        exit.ShouldBe(0, error);
        output.ShouldContain("machines: 60 read, 54 written as workloads, 6 skipped");
        output.ShouldContain("6 VM skipped: poweredOff: not running (--include-off keeps it)");
        output.ShouldContain("hosts: 2 read, 2 written as servers, 0 skipped; 2 sites");
        output.ShouldContain("demand: cpu 54 from usage; memory 54 from usage");
        Run(dir.Path, "plan", "estate.yaml", "--out", "out").Exit.ShouldBe(0);
    }

    [Fact]
    public void Without_a_catalog_the_estate_is_written_says_what_is_missing_and_the_command_exits_1()
    {
        using var dir = new TempFolder();
        RvToolsBenchmark.Write(dir.File("rv.xlsx"), 10, 3);

        var (exit, output, _) = Run(dir.Path, "import", "rvtools", "rv.xlsx", "--include-off");

        exit.ShouldBe(1);
        output.ShouldContain("machines: 10 read, 10 written as workloads, 0 skipped");
        output.ShouldContain("but has no catalog yet: `shuyaku plan` stops with \"the estate has no 'catalog': add it\"");
        var text = File.ReadAllText(dir.File("rv.estate.yaml"));
        text.ShouldContain("# MISSING before this estate plans: a catalog of host models to buy.");
        var plan = Run(dir.Path, "plan", "rv.estate.yaml");
        plan.Exit.ShouldBe(2);
        plan.Error.ShouldContain("the estate has no 'catalog': add it");
    }

    [Fact]
    public void A_catalog_rule_naming_an_unknown_workload_is_reported_in_the_catalog_file_and_nothing_is_written()
    {
        using var dir = new TempFolder();
        RvToolsBenchmark.Write(dir.File("rv.xlsx"), 5, 3);
        dir.Write("catalog.yaml", Catalog + "rules:\n  - spread: [vm-00001, nosuch]\n");

        var (exit, _, error) = Run(dir.Path, "import", "rvtools", "rv.xlsx", "-o", "e.yaml", "--catalog", "catalog.yaml");

        exit.ShouldBe(2);
        error.ShouldStartWith($"{dir.File("catalog.yaml")}:6:");
        error.ShouldContain("'nosuch'");
        File.Exists(dir.File("e.yaml")).ShouldBeFalse();
    }

    [Fact]
    public void A_malformed_export_exits_2_naming_file_sheet_row_and_column_and_an_unwritable_output_exits_3()
    {
        using var dir = new TempFolder();
        var csv = dir.Write("servers.csv", "Server name,Cores,Memory (In MB),OS name\na,two,1024,Linux\n");
        dir.Write("file", "x");

        var bad = Run(dir.Path, "import", "azure-migrate", "servers.csv");
        bad.Exit.ShouldBe(2);
        bad.Error.ShouldBe($"{csv}:2:2: error: column 'Cores' (2): 'two' is not a number: write plain digits such as 2048 or 1.5\n1 error in the export; nothing was written.\n");

        dir.Write("ok.csv", "Server name,Cores,Memory (In MB),OS name\na,2,1024,Linux\n");
        var unwritable = Run(dir.Path, "import", "azure-migrate", "ok.csv", "-o", "file/e.yaml");
        unwritable.Exit.ShouldBe(3);
        unwritable.Error.ShouldStartWith($"error: the estate cannot be written to {dir.File("file/e.yaml")}:");
    }

    [Fact]
    public void On_a_terminal_each_sheet_read_is_reported_on_standard_error()
    {
        using var dir = new TempFolder();
        RvToolsBenchmark.Write(dir.File("rv.xlsx"), 10, 3);
        var console = new TestConsole();
        console.Profile.Capabilities.Interactive = true;
        var error = new StringWriter();

        ShuyakuCli.Run(["import", "rvtools", "rv.xlsx"], new CliContext(console, error, dir.Path)).ShouldBe(1);

        error.ToString().ShouldMatch(@"^ +[0-9.]+ s  read vInfo: 10 rows\n +[0-9.]+ s  read vCPU: 10 rows\n");
    }

    [Fact]
    public void An_export_whose_vInfo_holds_only_headers_is_written_with_no_workload_and_exits_1()
    {
        using var dir = new TempFolder();
        dir.Write("csv/RVTools_tabvInfo.csv", "VM,Powerstate,CPUs,Memory\n");

        var (exit, output, _) = Run(dir.Path, "import", "rvtools", "csv", "-o", "e.yaml");

        exit.ShouldBe(1);
        output.ShouldContain("machines: 0 read, 0 written as workloads, 0 skipped");
        output.ShouldContain("Wrote e.yaml, but it holds no workload: nothing to plan (see the skipped rows).");
    }

    [Fact]
    public void Bench_import_prints_the_baseline_the_import_and_their_ratio()
    {
        var (exit, output, error) = Run(Path.GetTempPath(), "bench", "import", "--vms", "200");

        exit.ShouldBe(0, error);
        output.ShouldMatch(@"│ 200 +│ 8 +│ 180 +│ [0-9.]+ +│ [0-9.]+ +│ [0-9.]+ +│ [0-9.]+ +│");
        output.ShouldContain("Target: 200 VMs imported in under 5 s (import and read back): met.");
    }
}
