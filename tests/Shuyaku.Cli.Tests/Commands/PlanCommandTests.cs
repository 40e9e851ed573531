using System.CommandLine;
using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>What plan writes beside plan.json, how it names where, and how failures that are not bad input exit.</summary>
public sealed class PlanCommandTests : CliFolder
{
    private string Estate(int workloads, int failures = 1)
    {
        var path = Path.Combine(Folder, "estate.yaml");
        File.WriteAllText(path, TestEstates.Estate(TestEstates.Workloads(workloads, 3, 4), "  - spread: [w1, w2]", failures: failures));
        return path;
    }

    [Fact]
    public void Plan_writes_placement_csv_with_a_row_per_workload_and_one_per_empty_spare()
    {
        var estate = Estate(6);
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);

        var lines = File.ReadAllLines(Path.Combine(Folder, "out", "placement.csv"));
        lines[0].ShouldBe("host,model,group,role,workload,service,site,cpu_ghz,memory_mib,network_mbps,vcpus");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.Where(r => r[4].Length > 0).Select(r => r[4]).Order().ShouldBe(Enumerable.Range(1, 6).Select(i => $"w{i}").Order());
        rows.Where(r => r[4].Length > 0).ShouldAllBe(r => r[3] == "virtualization" && double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture) > 0);
        rows.Where(r => r[4].Length == 0).ShouldAllBe(r => r[3] == "spare");
        var plan = File.ReadAllText(Path.Combine(Folder, "out", "plan.json"));
        rows.Select(r => r[0]).Distinct().ShouldAllBe(h => plan.Contains($"\"id\": \"{h}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Dedicated_hosts_are_named_with_their_model_and_priced_with_every_model_compared()
    {
        var catalog = """
            catalog:
              - { id: box, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB, network: 1000Mbps, price: 1000 }
              - { id: big, sockets: 2, cores: 8, clock: 2GHz, memory: 64GiB, network: 1000Mbps, price: 3000 }
            """;
        var workloads = TestEstates.Workloads(4, 3, 4) + TestEstates.Workloads(1, 2, 2, "db", "dedicated: true, ");
        var path = Path.Combine(Folder, "dedicated.yaml");
        File.WriteAllText(path, TestEstates.Estate(workloads, catalog: catalog));

        var (exit, output, error) = Run("plan", path, "--out", "out");

        exit.ShouldBe(0, error);
        output.ShouldContain("+ 1 dedicated bare-metal (box) = 2 hosts");
        // One box for the four VMs plus the bare-metal box: 2,000; on the big model 3,000 + 1,000.
        output.ShouldContain("box 1 host + 1 bare metal (2,000)");
        output.ShouldContain("big 1 host + 1 bare metal (4,000)");
    }

    [Fact]
    public void A_plan_of_more_than_200_hosts_prints_a_summary_of_their_load_instead_of_a_row_per_host()
    {
        // 210 workloads that each take most of a host's CPU: 210 hosts.
        var path = Path.Combine(Folder, "many.yaml");
        File.WriteAllText(path, TestEstates.Estate(TestEstates.Workloads(210, 12, 4), failures: 0));

        var (exit, output, error) = Run("plan", path, "--out", "out");

        exit.ShouldBe(0, error);
        output.ShouldContain("210 hosts running VMs");
        output.ShouldContain("summarised above 200");
        output.ShouldContain("placement.csv");
        output.ShouldNotContain("host-001 ");
        File.ReadAllLines(Path.Combine(Folder, "out", "placement.csv")).Length.ShouldBe(211);
    }

    [Fact]
    public void List_prints_the_workloads_of_every_host()
    {
        var (exit, output, _) = Run("plan", Estate(4), "--out", "out", "--list");
        exit.ShouldBe(0);
        output.ShouldContain("workloads");
        output.ShouldContain("w1");
        output.ShouldContain("w4");
    }

    [Fact]
    public void An_absolute_out_folder_is_printed_as_given_and_a_relative_one_relative_to_the_working_folder()
    {
        var absolute = Path.Combine(Folder, "abs", "plans");
        Run("plan", Estate(3), "--out", absolute).Out.ShouldContain($"Plan written to {Path.Combine(absolute, "plan.json")}");
        Run("plan", Estate(3), "--out", "rel").Out.ShouldContain($"Plan written to {Path.Combine("rel", "plan.json")}");
    }

    [Fact]
    public void A_plan_that_cannot_be_written_exits_3_before_anything_is_printed()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "out", "plan.json"));
        var (exit, output, error) = Run("plan", Estate(3), "--out", "out");
        exit.ShouldBe(ExitCodes.OutputFailed);
        output.ShouldBeEmpty();
        error.ShouldStartWith("error: cannot write to out: access denied: no permission to write there, or a folder has the file's name");
        error.ShouldNotContain("   at ");
        string japanese;
        using (Shuyaku.Core.Localization.Language.Use(Shuyaku.Core.Localization.Language.Japanese))
        {
            japanese = Run("plan", Estate(3), "--out", "out").Err;
        }

        japanese.ShouldStartWith("エラー: out に書き込めません: アクセスが拒否されました。そこに書き込む権限がないか、同じ名前のフォルダがあります");
    }

    [Fact]
    public void An_unexpected_exception_is_reported_in_one_line_as_a_bug_with_exit_4_and_the_stack_only_with_verbose()
    {
        // A command belongs to one tree: each run gets its own, as the options it inherits are its tree's.
        static Command Crash()
        {
            var crash = new Command("crash");
            crash.SetAction(int (_) => throw new InvalidOperationException("boom"));
            return crash;
        }

        var (exit, output, error) = Run(Crash(), "crash");
        exit.ShouldBe(ExitCodes.InternalError);
        output.ShouldBeEmpty();
        error.ShouldBe(
            "error: internal error, a bug in Shuyaku: InvalidOperationException: boom\n" +
            "Please report it with the command line and the input files; run again with --verbose for the stack trace.\n");

        var verbose = Run(Crash(), "crash", "--verbose");
        verbose.Exit.ShouldBe(ExitCodes.InternalError);
        verbose.Err.ShouldContain("   at ");
    }

    [Fact]
    public void A_workload_no_host_model_can_hold_exits_1_with_its_place_in_the_file_from_every_command_that_reads_the_estate()
    {
        var path = Path.Combine(Folder, "estate.yaml");
        File.WriteAllText(path, TestEstates.Estate(TestEstates.Workloads(1, 20, 1, "big")));

        foreach (var args in new[] { ["plan", path], new[] { "check", path, "plan.json" } })
        {
            var (exit, _, error) = Run(args);
            exit.ShouldBe(ExitCodes.Infeasible, string.Join(' ', args));
            error.ShouldStartWith($"{path}:3:5: error: workload 'big1' is larger than every host model within the policy's headroom: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload\nNo placement exists for {path} (1 problem above); nothing was");
        }
    }

    [Fact]
    public void An_unclosed_bracket_exits_2_with_its_place_not_as_an_internal_error()
    {
        var path = Path.Combine(Folder, "estate.yaml");
        File.WriteAllText(path, TestEstates.Estate(TestEstates.Workloads(3, 1, 1), "  - spread: [w1, w2\n  - gather: [w2, w3]\n"));

        var (exit, _, error) = Run("plan", path);

        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldBe($"{path}:7:13: error: this '[' is never closed: add the matching ']'\n1 error in {path}; nothing was planned.\n");
    }
}
