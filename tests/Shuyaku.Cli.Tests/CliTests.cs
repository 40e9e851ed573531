using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>The command line end to end, in a temporary folder, with output captured.</summary>
public sealed class CliTests : CliFolder
{
    [Fact]
    public void Plan_without_an_estate_plans_the_bundled_example_and_writes_plan_json()
    {
        var (exit, output, error) = Run("plan");
        exit.ShouldBe(0, error);
        output.ShouldContain("Before: 4 sites, 37 machines, 70 workloads (apache 16, bind 14, pop 10, sendmail 10, InterScan 8, ntp 6, radius 6)");
        output.ShouldContain("Lower bound:");
        output.ShouldContain("Sizing breakdown");
        output.ShouldContain("Checker: valid");
        File.Exists(Path.Combine(Folder, "shuyaku-out", "plan.json")).ShouldBeTrue();
    }

    [Fact]
    public void A_plan_written_by_plan_is_valid_for_check()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(6, 3, 4), "  - spread: [w1, w2]", failures: 1));
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);
        var (exit, output, _) = Run("check", estate, "out/plan.json");
        exit.ShouldBe(0);
        output.ShouldContain("Valid: 6 workloads on");
        output.ShouldContain("failure scenarios (N+1) verified");
    }

    [Fact]
    public void A_plan_made_for_N_plus_0_fails_check_against_an_N_plus_1_estate_unless_check_asks_for_0()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(4, 3, 4), failures: 1));
        Run("plan", estate, "--out", "out", "--failures", "0").Exit.ShouldBe(0);

        var (exit, output, _) = Run("check", estate, "out/plan.json");
        exit.ShouldBe(1);
        output.ShouldContain("the plan was made for N+0 but N+1 is required by the estate's policy");

        var zero = Run("check", estate, "out/plan.json", "--failures", "0", "--json");
        zero.Exit.ShouldBe(0);
        zero.Out.ShouldContain("\"failures\": 0");
        zero.Out.ShouldContain("\"verified\": [");
    }

    [Fact]
    public void Check_reports_violations_with_exit_code_1()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1), "  - spread: [w1, w2]"));
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var plan = File.ReadAllText(Path.Combine(Folder, "out", "plan.json"));
        var broken = Write("broken.json", plan.Replace("\"host\": \"host-02\"", "\"host\": \"host-01\"", StringComparison.Ordinal));
        var (exit, output, _) = Run("check", estate, broken);
        exit.ShouldBe(1);
        output.ShouldContain("spread 'spread-1': 'w1', 'w2' share host 'host-01'");
    }

    [Fact]
    public void An_invalid_estate_exits_2_with_every_error_located_and_no_stack_trace()
    {
        var estate = Write("bad.yaml", "workloads:\n  - { id: a, demand: { cpu: 1GHz, memory: 1Gb } }\ncatalog:\n  - { id: m, sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB, colour: red }\n");
        var (exit, output, error) = Run("plan", estate);
        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe(
            $"{estate}:2:43: error: workload 'a''s memory: '1Gb' has an unknown unit 'Gb': units are case-sensitive, did you mean '1GB'?\n" +
            $"{estate}:4:63: error: unknown key 'colour' in a host model: expected one of id, name, sockets, cores, clock, perf, memory, disk, network, power, specpower, price, rackUnits, maintenance\n" +
            $"2 errors in {estate}; nothing was planned.\n");
        error.ShouldNotContain("   at ");
    }

    [Fact]
    public void Missing_files_and_unknown_models_exit_2()
    {
        Run("plan", "nope.yaml").Exit.ShouldBe(2);
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var (exit, _, error) = Run("plan", estate, "--host-model", "zz");
        exit.ShouldBe(2);
        error.ShouldBe("error: --host-model 'zz' is not in the catalog; the models are box.\n");
        Run("check", estate, "missing.json").Exit.ShouldBe(2);
    }

    [Fact]
    public void A_malformed_plan_exits_2()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var plan = Write("plan.json", "{ \"schemaVersion\": 1, \"hosts\": 3 }");
        var (exit, _, error) = Run("check", estate, plan);
        exit.ShouldBe(2);
        error.ShouldContain($"{plan}:1:");
        error.ShouldContain("the plan is not a valid plan.json");
    }

    [Fact]
    public void An_estate_with_no_placement_exits_1_and_says_why()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 10, 1), "  - gather: [w1, w2]"));
        var (exit, output, _) = Run("plan", estate);
        exit.ShouldBe(1);
        output.ShouldContain("No placement exists");
        output.ShouldContain("on host model 'box': workloads w1, w2, gathered on one host");
        output.ShouldContain("need 20 GHz of cpu together");
    }

    [Fact]
    public void Failures_option_overrides_the_policy_and_is_recorded_in_the_plan()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(12, 4, 1)));
        Run("plan", estate, "--failures", "2", "-o", "k2").Exit.ShouldBe(0);
        var plan = File.ReadAllText(Path.Combine(Folder, "k2", "plan.json"));
        plan.ShouldContain("\"failures\": 2");
        var (exit, _, error) = Run("plan", estate, "--failures", "-1");
        exit.ShouldBe(2);
        error.ShouldBe("error: --failures must be between 0 and 8.\nSee 'shuyaku plan --help'.\n");
    }

    [Fact]
    public void Planning_twice_writes_byte_identical_plans()
    {
        Run("plan", "-o", "a").Exit.ShouldBe(0);
        Run("plan", "-o", "b").Exit.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(Folder, "b", "plan.json")).ShouldBe(File.ReadAllBytes(Path.Combine(Folder, "a", "plan.json")));
    }

    [Fact]
    public void Sizing_checks_its_percentile_and_comfort_as_plan_does()
    {
        var (exit, _, error) = Run("sizing", "estate.yaml", "--traces", "traces.csv", "--comfort", "0.5");
        exit.ShouldBe(2);
        error.ShouldBe("error: --comfort must be between 1 and 10.\nSee 'shuyaku sizing --help'.\n");
        Run("sizing", "estate.yaml", "--traces", "traces.csv", "--percentile", "0").Exit.ShouldBe(2);
    }

    [Fact]
    public void Unknown_options_and_commands_are_bad_input()
    {
        var (exit, _, error) = Run("plan", "--colour", "red");
        exit.ShouldBe(2);
        error.ShouldContain("error: Unrecognized command or argument 'red'.");
        Run("replan").Exit.ShouldBe(2);
        var (benchExit, _, benchError) = Run("bench", "cloudsim", "--nope");
        benchExit.ShouldBe(2);
        benchError.ShouldEndWith("See 'shuyaku bench cloudsim --help'.\n");
    }

    [Theory]
    [InlineData("plan")]
    [InlineData("check")]
    [InlineData("sizing")]
    [InlineData("simulate")]
    public void Every_command_explains_itself_with_help(string command)
    {
        var (exit, output, _) = Run(command, "--help");
        exit.ShouldBe(0);
        output.ShouldContain("Usage:");
        output.ShouldContain(command);
    }

    [Fact]
    public void The_summary_of_an_estate_without_servers_or_services_has_no_empty_label_and_no_zero_ratio()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        var (exit, output, error) = Run("plan", estate);

        exit.ShouldBe(0, error);
        output.ShouldContain("Before: 0 sites, 0 machines, 2 workloads (no service given 2)\n");
        output.ShouldContain("After:  1 × box (box) = 1 host\n");
        output.ShouldContain("Lower bound: 1 host (");
    }

    [Fact]
    public void The_summary_names_unlabelled_workloads_beside_labelled_ones_and_counts_the_ratio_with_servers()
    {
        var estate = Write("estate.yaml", """
            name: mixed
            sites: [{ id: a }]
            servers:
              - { id: s1, site: a, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB } }
              - { id: s2, site: a, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB } }
            workloads:
              - { id: w1, server: s1, software: apache, demand: { cpu: 10%, memory: 1GiB } }
              - { id: w2, server: s2, demand: { cpu: 10%, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB }
            policy: { failures: 0 }
            """);

        var (exit, output, error) = Run("plan", estate);

        exit.ShouldBe(0, error);
        output.ShouldContain("Before: 1 site, 2 machines, 2 workloads (apache 1, no service given 1)\n");
        output.ShouldContain("= 1 host, consolidation ratio 2 : 1\n");
    }

    [Fact]
    public void Check_draws_its_violation_table_in_plain_ascii_when_output_is_redirected()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1), "  - spread: [w1, w2]"));
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var plan = File.ReadAllText(Path.Combine(Folder, "out", "plan.json"));
        var broken = Write("broken.json", plan.Replace("\"host\": \"host-02\"", "\"host\": \"host-01\"", StringComparison.Ordinal));
        var console = new TestConsole();
        console.Profile.Capabilities.Ansi = false;

        var exit = ShuyakuCli.Run(["check", estate, broken], new CliContext(console, new StringWriter(), Folder));

        exit.ShouldBe(1);
        console.Output.ShouldContain("| kind ");
        console.Output.ShouldNotContain("│");
        console.Output.ShouldNotContain("┌");
    }

    [Fact]
    public void Check_with_an_unreadable_estate_or_plan_says_nothing_was_checked()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var plan = Write("plan.json", "{");

        var (exit, _, error) = Run("check", estate, plan);

        exit.ShouldBe(2);
        error.ShouldEndWith($"1 error in {plan}; nothing was checked.\n");
        Run("check", Write("bad.yaml", "workloads: 3\n"), plan).Err.ShouldEndWith("; nothing was checked.\n");
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var traced = Run("check", estate, "out/plan.json", "--traces", "missing-traces");
        traced.Exit.ShouldBe(2);
        traced.Err.ShouldEndWith("; nothing was checked.\n");
    }

    [Fact]
    public void A_plan_made_for_another_estate_is_bad_input_for_check()
    {
        var first = Write("first.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var other = Write("other.yaml", TestEstates.Estate(TestEstates.Workloads(3, 1, 1, prefix: "v")).Replace("name: test", "name: other", StringComparison.Ordinal));
        Run("plan", first, "-o", "out").Exit.ShouldBe(0);

        var (exit, output, error) = Run("check", other, "out/plan.json");

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe("out/plan.json: error: the plan was made for the estate 'test', not for 'other': check it against the estate it was made for, or plan this estate\n");
    }

    [Fact]
    public void An_out_folder_that_is_a_file_is_refused_before_planning()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        Write("taken", "not a folder");

        var (exit, output, error) = Run("plan", estate, "--out", "taken/sub");

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: --out taken/sub cannot be a folder: {Path.Combine(Folder, "taken")} is a file; give another folder.\n");
    }

    [Fact]
    public void Simulate_refuses_an_out_folder_that_is_a_file_before_replaying()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var traces = Write("cpu.csv", "timestamp,w1,w2\n0,10,20\n300,30,40\n");
        Write("taken", "not a folder");

        var (exit, output, error) = Run("simulate", estate, "out/plan.json", "--traces", traces, "--cpu-scale", "peak", "--out", "taken");

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: --out taken cannot be a folder: {Path.Combine(Folder, "taken")} is a file; give another folder.\n");
    }

    [Theory]
    [InlineData("--failures", "two", "error: --failures 'two' is not a whole number.")]
    [InlineData("--percentile", "high", "error: --percentile 'high' is not a number.")]
    public void An_option_value_of_the_wrong_type_is_explained_without_dotnet_type_names(string option, string value, string message)
    {
        var (exit, _, error) = Run("plan", option, value);

        exit.ShouldBe(2);
        error.ShouldBe($"{message}\nSee 'shuyaku plan --help'.\n");
    }

    [Fact]
    public void Sizing_says_one_workload_follows_a_series_in_the_singular()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(1, 1, 1)));
        var traces = Write("cpu.csv", "timestamp,w1\n0,10\n300,20\n");

        var (exit, output, error) = Run("sizing", estate, "--traces", traces, "--cpu-scale", "peak");

        exit.ShouldBe(0, error);
        output.ShouldContain("on test: 1 workload follows a series of 2 steps of 300 s;");
    }

    [Fact]
    public void Sizing_keeps_a_long_model_id_on_one_line_at_80_columns()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1),
            catalog: "catalog:\n  - { id: proliant-dl380-g5-8g, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB }\n"));
        var traces = Write("cpu.csv", "timestamp,w1,w2\n0,10,20\n300,20,10\n");
        var console = new TestConsole();
        console.Profile.Width = 80;
        console.Profile.Capabilities.Ansi = false;

        var exit = ShuyakuCli.Run(["sizing", estate, "--traces", traces, "--cpu-scale", "peak"], new CliContext(console, new StringWriter(), Folder));

        exit.ShouldBe(0);
        console.Output.ShouldContain("| proliant-dl380-g5-8g |");
        console.Output.Split('\n').ShouldAllBe(line => line.TrimEnd().Length <= 80);
    }

    [Fact]
    public void Check_says_so_when_the_traces_differ_from_those_the_plan_was_sized_on()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var sized = Write("a.csv", "timestamp,w1,w2\n0,10,20\n300,20,10\n");
        var other = Write("b.csv", "timestamp,w1,w2\n0,10,20\n300,20,15\n");
        Run("plan", estate, "--sizing", "timeseries", "--traces", sized, "--cpu-scale", "peak", "-o", "out").Exit.ShouldBe(0);

        var same = Run("check", estate, "out/plan.json", "--traces", sized, "--cpu-scale", "peak");
        var differ = Run("check", estate, "out/plan.json", "--traces", other, "--cpu-scale", "peak");

        same.Out.ShouldNotContain("Note:");
        differ.Out.ShouldContain("Note: these traces (or their binding) are not the ones the plan was sized on; checking against them as given.");
    }

    [Fact]
    public void Check_lists_at_most_twelve_workloads_per_violation_and_counts_the_rest()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(20, 1, 1)));
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var plan = File.ReadAllText(Path.Combine(Folder, "out", "plan.json"));
        var crowded = Write("crowded.json", System.Text.RegularExpressions.Regex.Replace(plan, "\"host\": \"host-0\\d\"", "\"host\": \"host-01\""));

        var (exit, output, _) = Run("check", estate, crowded);

        exit.ShouldBe(1);
        output.ShouldContain("w19, w2, … (+8 more)");
        output.ShouldNotContain("w20");
    }

    [Theory]
    [InlineData("plan", "--sizing", "timeseries")]
    [InlineData("sizing")]
    public void Traces_read_as_a_share_of_the_old_server_need_workloads_that_name_one(string command, params string[] options)
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var traces = Write("cpu.csv", "timestamp,w1,w2\n0,10,20\n300,20,10\n");

        var (exit, output, error) = Run([command, estate, .. options, "--traces", traces]);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldBe(
            "error: workload 'w1' names no old server, so a CPU % of its old server has no size: give it a server in the estate or use --cpu-scale peak.\n" +
            "error: workload 'w2' names no old server, so a CPU % of its old server has no size: give it a server in the estate or use --cpu-scale peak.\n");
    }
}
