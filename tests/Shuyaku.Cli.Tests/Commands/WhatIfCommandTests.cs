using System.Text.Json;
using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>shuyaku what-if: failing named hosts, re-planning after changes, the JSON answer, and the errors.</summary>
public sealed class WhatIfCommandTests : CliFolder
{
    private string Planned(string yaml)
    {
        var estate = Write("estate.yaml", yaml);
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);
        return estate;
    }

    [Fact]
    public void Failing_a_spread_partners_host_with_no_spare_exits_1_and_names_what_breaks()
    {
        var estate = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1), "  - spread: [w1, w2]"));

        var (exit, output, error) = Run("what-if", estate, "out/plan.json", "--fail", "host-01", "--json", "answer.json");

        exit.ShouldBe(1, error);
        output.ShouldContain("When host-01 fails (more than the 0 the plan was made to survive):");
        output.ShouldContain("restart nowhere: w1");
        output.ShouldContain("failover: after 'host-01' fail: 'w1' cannot be restarted on any surviving host");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "answer.json")));
        doc.RootElement.GetProperty("holds").GetBoolean().ShouldBeFalse();
        var failure = doc.RootElement.GetProperty("failure");
        failure.GetProperty("notRestarted").EnumerateArray().Select(w => w.GetString()).ShouldBe(["w1"]);
        failure.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("kind").GetString()).ShouldBe(["failover", "spread"]);
    }

    [Fact]
    public void Growth_replans_and_prints_the_new_host_count_against_the_old()
    {
        var estate = Planned(TestEstates.Estate(TestEstates.Workloads(8, 4, 1)));

        var (exit, output, error) = Run("what-if", estate, "out/plan.json", "--growth", "50", "--json", "answer.json");

        exit.ShouldBe(0, error);
        output.ShouldContain("With growth 50% on every workload (8 workloads):");
        output.ShouldContain("4 hosts of box (was 2 of box: +2), lower bound 4 (was 2: +2).");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "answer.json")));
        var replan = doc.RootElement.GetProperty("replan");
        replan.GetProperty("hosts").GetInt32().ShouldBe(4);
        replan.GetProperty("hostDelta").GetInt32().ShouldBe(2);
        replan.GetProperty("valid").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("failure").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Added_copies_and_new_workloads_are_planned()
    {
        var estate = Planned(TestEstates.Estate(TestEstates.Workloads(2, 4, 1)));

        var (exit, output, error) = Run("what-if", estate, "out/plan.json", "--add", "w1=2", "--new", "db,cpu=12,mem=1024");

        exit.ShouldBe(0, error);
        output.ShouldContain("2 copies of w1 (w1-copy1 … w1-copy2); 1 new workload db of 12 GHz cpu, 1024 MiB memory, 0 Mbps network, 0 MiB disk each (5 workloads):");
    }

    [Theory]
    [InlineData("--fail", "host-09", "error: host 'host-09' is not in the plan; its hosts are host-01")]
    [InlineData("--add", "w7=1", "error: workload 'w7' is not in the estate; its workloads are w1, w2")]
    [InlineData("--host-model", "big", "error: host model 'big' is not in the catalog; the models are box")]
    [InlineData("--growth", "cpu=lots", "error: --growth 'lots' for cpu is not a percentage")]
    [InlineData("--add", "w1", "error: --add 'w1' is not WORKLOAD=COUNT (COUNT a whole number)")]
    [InlineData("--headroom", "120", "error: headroom of 120% on cpu, mem, net: it must be above 0% and at most 100%")]
    public void Unknown_names_and_bad_values_exit_2_with_the_valid_ones(string option, string value, string message)
    {
        var estate = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        var (exit, output, error) = Run("what-if", estate, "out/plan.json", option, value);

        exit.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldStartWith(message + "\n");
        error.ShouldEndWith("Nothing was asked.\n");
    }

    [Fact]
    public void Asking_nothing_exits_2()
    {
        var estate = Planned(TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));

        var (exit, _, error) = Run("what-if", estate, "out/plan.json");

        exit.ShouldBe(2);
        error.ShouldStartWith("error: nothing to ask: fail a host, add workloads, grow demand, or change the headroom or the host model");
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var (exit, output, _) = Run("what-if", "--help");

        exit.ShouldBe(0);
        foreach (var option in new[] { "--fail", "--growth", "--add", "--new", "--headroom", "--host-model", "--json", "--time-limit", "--moves" })
        {
            output.ShouldContain(option);
        }
    }
}
