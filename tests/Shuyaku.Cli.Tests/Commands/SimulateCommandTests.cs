using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    /// <summary>Three workloads on 1 GHz servers; one host model of 2 × 1 GHz, 100 W idle, 200 W at full load.</summary>
    private const string EstateYaml = """
        name: sim
        sites:
          - { id: x }
        servers:
          - { id: s1, site: x, hardware: { sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB } }
          - { id: s2, site: x, hardware: { sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB } }
          - { id: s3, site: x, hardware: { sockets: 1, cores: 1, clock: 1GHz, memory: 1GiB } }
        workloads:
          - { id: web, server: s1, demand: { cpu: 50%, memory: 256MiB } }
          - { id: mail, server: s2, demand: { cpu: 50%, memory: 256MiB } }
          - { id: dns, server: s3, demand: { cpu: 50%, memory: 256MiB } }
        catalog:
          - { id: box, sockets: 1, cores: 2, clock: 1GHz, memory: 8GiB, power: { idle: 100W, max: 200W } }
        policy:
          headroom: { cpu: 100%, memory: 100%, network: 100% }
          hypervisorReserve: { cpu: 0GHz, memory: 0MiB }
          vmOverhead: { cpu: 0GHz, memory: 0MiB }
          failures: 0
        """;

    private readonly TempFolder _dir = new();

    public SimulateCommandTests()
    {
        _dir.Write("estate.yaml", EstateYaml);
        var (code, output, errors) = Run("plan", "estate.yaml", "--out", "out");
        code.ShouldBe(0, output + errors);
    }

    public void Dispose() => _dir.Dispose();

    private (int Code, string Output, string Errors) Run(params string[] args)
    {
        var console = new TestConsole().Width(200);
        var errors = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, errors, _dir.Path));
        return (code, console.Output, errors.ToString());
    }

    [Fact]
    public void PlanetLab_traces_replayed_in_order_print_the_import_the_hosts_the_totals_and_write_the_charts()
    {
        // The plan puts all three on one 2 GHz host. Series: 50% + 50% + 100% of 1 GHz = 2 GHz, then 10% each.
        _dir.Write("pl/vm1", "50\n10\n");
        _dir.Write("pl/vm2", "50\n10\n");
        _dir.Write("pl/vm3", "100\n10\n");

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--assign", "in-order", "--out", "charts");

        code.ShouldBe(0, errors);
        output.ShouldContain("Traces: 3 series (cpu) from 3 planetlab files, 6 samples; grid of 2 steps of 300 s = 0.2 h from the start of the traces.");
        output.ShouldContain("Resampling: 0 duplicate samples averaged, 0 steps averaged from several samples, 0 gaps of ≤ 3 steps filled linearly (0 steps), 0 longer gaps left missing (0 steps).");
        output.ShouldContain("Binding: 3 workloads replay a series, bound in order (workload i replays series i; 0 of 3 series unused); CPU % read as % of each workload's old server.");
        output.ShouldContain("SLATAH: 50% (mean over active hosts of their time at 100% CPU); 1 of 1 hosts reached 100%; unmet demand 0 GHz·h = 0% of 0.2 GHz·h demanded.");
        // 200 W then 100 + 100 × 15% = 115 W, 5 minutes each.
        output.ShouldContain("Energy: 0.03 kWh over 0.2 h (mean 0.158 kW, every planned host powered on).");
        output.ShouldContain("host-01");
        foreach (var file in new[] { "host-load.svg", "host-cpu.svg", "energy.svg", "replay-hosts.csv", "replay-steps.csv" })
        {
            File.Exists(_dir.File(Path.Combine("charts", file))).ShouldBeTrue(file);
        }

        File.ReadAllText(_dir.File("charts/replay-steps.csv")).ShouldBe("seconds,active_hosts,power_w\n0,1,200\n300,1,115\n");
        File.ReadAllText(_dir.File("charts/energy.svg")).ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
    }

    [Fact]
    public void A_long_csv_binds_series_to_workloads_by_id_and_reports_gaps_and_workloads_without_series()
    {
        _dir.Write("t.csv", """
            workload,timestamp,metric,value
            web,1377993600,cpu,20
            web,1377993600,cpu,40
            web,1377993900,cpu,30
            web,1377996000,cpu,30
            mail,1377993600,cpu,10
            mail,1377993900,cpu,10
            """);

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "t.csv", "--step", "300", "--out", "charts");

        code.ShouldBe(0, errors);
        output.ShouldContain("1 duplicate sample averaged");
        output.ShouldContain("1 longer gap left missing (6 steps)");
        output.ShouldContain("2013-09-01 00:10");
        errors.ShouldContain("warning: 1 of 3 workloads has no CPU series in the traces and is left out of the replay (no load, as if not running): dns; " +
            "bind them to a series (--map, --assign) or give --unbound constant to replay them at their estate demand.");
        output.ShouldContain("2 workloads from series, 0 at constant demand, 1 left out; 13 workload-steps without data (not running).");
    }

    [Fact]
    public void Workloads_without_a_series_replay_at_their_constant_estate_demand_with_unbound_constant()
    {
        _dir.Write("t.csv", "workload,timestamp,metric,value\nweb,0,cpu,20\nweb,300,cpu,40\n");

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "t.csv", "--unbound", "constant", "--out", "charts");

        code.ShouldBe(0, errors);
        errors.ShouldNotContain("warning");
        output.ShouldContain("Note: 2 of 3 workloads have no CPU series in the traces and replay at the constant estate demand (peak), as --unbound constant asks: mail, dns.");
        output.ShouldContain("1 workload from series, 2 at constant demand, 0 left out; 0 workload-steps without data (not running).");
    }

    [Fact]
    public void A_trace_file_without_samples_is_a_warning_and_the_replay_goes_on_without_that_series()
    {
        _dir.Write("pl/a", "10\n20\n");
        _dir.Write("pl/b", "");
        _dir.Write("pl/c", "30\n40\n");

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--assign", "in-order", "--out", "charts");

        code.ShouldBe(0, errors);
        errors.ShouldContain($"{Path.Combine("pl", "b")}:1:1: warning: the file holds no samples: series 'b' is left out, as if the VM had not run in this window");
        output.ShouldContain("Traces: 2 series (cpu) from 3 planetlab files");
        errors.ShouldContain("warning: 1 of 3 workloads has no CPU series in the traces and is left out of the replay (no load, as if not running): dns;");
    }

    [Fact]
    public void A_mapping_file_binds_series_to_workloads()
    {
        _dir.Write("pl/a", "10\n");
        _dir.Write("pl/b", "20\n");
        _dir.Write("map.csv", "workload,series\ndns,b\n");

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--map", "map.csv", "--out", "charts");

        code.ShouldBe(0, errors);
        output.ShouldContain("Binding: 1 workload replays a series, bound by map.csv (1 of 2 series unused)");
    }

    [Fact]
    public void A_bad_trace_file_is_reported_with_file_and_line_and_exit_code_2()
    {
        var file = _dir.Write("pl/vm1", "10\nten\n");

        var (code, output, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--assign", "in-order");

        code.ShouldBe(2);
        errors.ShouldBe($"{file}:2:1: error: 'ten' is not a CPU percentage between 0 and 100: a PlanetLab trace holds one number per line\n1 error in pl; nothing was replayed.\n");
        output.ShouldBeEmpty();
    }

    [Fact]
    public void Series_that_match_no_workload_id_ask_for_a_binding()
    {
        _dir.Write("pl/vm1", "10\n");

        var (code, _, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl");

        code.ShouldBe(2);
        errors.ShouldBe("error: no workload of the estate has a series named like its id among the 1 series read (for example 'vm1'): give --map workload,series or --assign in-order.\n");
    }

    [Fact]
    public void A_map_and_in_order_assignment_together_are_refused()
    {
        var (code, _, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--map", "m.csv", "--assign", "in-order");

        code.ShouldBe(2);
        errors.ShouldContain("--map and --assign in-order both say how to bind series: give one of them.");
    }

    [Fact]
    public void A_missing_trace_folder_is_bad_input()
    {
        var (code, _, errors) = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "nowhere", "--assign", "in-order");

        code.ShouldBe(2);
        errors.ShouldContain("nowhere: error: the file or folder does not exist: check the path");
    }

    [Fact]
    public void A_missing_traces_option_or_an_unknown_format_is_bad_input()
    {
        var missing = Run("simulate", "estate.yaml", "out/plan.json");
        missing.Item1.ShouldBe(2);
        missing.Item3.ShouldContain("Option '--traces' is required.");

        var unknown = Run("simulate", "estate.yaml", "out/plan.json", "--traces", "pl", "--format", "xml");
        unknown.Item1.ShouldBe(2);
        unknown.Item3.ShouldContain("Argument 'xml' not recognized.");
    }
}
