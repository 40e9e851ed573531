using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Move;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>shuyaku move: what it prints, what it writes, --verify, and its exit codes.</summary>
public sealed class MoveCommandTests : CliFolder
{
    private static string Estate(string traffic = "20Mbps", string extraSite = "") => $$"""
        name: small move
        sites:
          - { id: a, role: campus }
          - { id: dc, role: datacenter, router: 10.0.0.1 }
        {{extraSite}}
        links:
          - { id: a-dc, from: a, to: dc, bandwidth: 100Mbps, target: 50% }
        subnets:
          - { prefix: 10.1.0.0/24, site: a }
        servers:
          - { id: s1, site: a, ip: 10.1.0.11, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB } }
          - { id: s2, site: a, ip: 10.1.0.12, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB } }
        workloads:
          - { id: w1, server: s1, addressSensitive: true, traffic: { a: {{traffic}} }, demand: { cpu: 10%, memory: 1GiB } }
          - { id: w2, server: s2, demand: { cpu: 10%, memory: 1GiB } }
        {{TestEstates.SimpleCatalog}}
        {{TestEstates.Policy()}}
        """;

    private string Planned(string traffic = "20Mbps", string extraSite = "")
    {
        var estate = Write("estate.yaml", Estate(traffic, extraSite));
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);
        return estate;
    }

    [Fact]
    public void A_sound_move_prints_the_network_the_wan_the_waves_and_the_cost_and_writes_move_json_beside_the_plan()
    {
        var estate = Planned();
        var (exit, output, error) = Run("move", estate, "out/plan.json");
        exit.ShouldBe(ExitCodes.Ok, error);
        output.ShouldContain("Network: 1 subnet moved whole, 0 subnets split, 0 staying; addresses that change: 0; 1 route change.");
        output.ShouldContain("Address-sensitive workloads: 1, of which 1 keep their address.");
        var row = output.Split('\n').Single(l => l.Contains("a–dc", StringComparison.Ordinal));
        row.Split(['|', '│'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ShouldBe(["a-dc", "a–dc", "100", "50", "0", "20", "20%", "40%"]);
        output.ShouldContain("Waves: ");
        output.ShouldContain("Cost over 5 years: before ");
        output.ShouldContain("Cheapest host model over 5 years: box (1 host, ");
        output.ShouldContain($"Move written to {Path.Combine("out", "move.json")}");
        var move = MoveJson.ReadFile(Path.Combine(Folder, "out", "move.json"));
        move.Succeeded.ShouldBeTrue();
        move.Value!.Network.Routes.ShouldHaveSingleItem().Prefix.ShouldBe("10.1.0.0/24");
    }

    [Fact]
    public void A_migration_limit_that_no_server_can_keep_is_bad_input_at_the_migration_entry()
    {
        // s1 holds 2 GiB of data and a wave may copy 1 GiB: no order of waves can move it.
        var estate = Write("estate.yaml", Estate().Replace("demand: { cpu: 10%, memory: 1GiB } }\n  - { id: w2", "demand: { cpu: 10%, memory: 1GiB, disk: 2GiB } }\n  - { id: w2", StringComparison.Ordinal)
                                               + "migration:\n  maxData: 1GiB\n");
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);

        var (exit, _, error) = Run("move", estate, "out/plan.json");

        exit.ShouldBe(ExitCodes.BadInput);
        var line = File.ReadAllLines(estate).ToList().FindIndex(l => l.StartsWith("migration:", StringComparison.Ordinal)) + 2;
        error.ShouldContain($"{estate}:{line}:3: error: server 's1' alone holds 2048 MiB, over the 1024 MiB a wave may copy: raise the limit or split the server's data");
        File.Exists(Path.Combine(Folder, "out", "move.json")).ShouldBeFalse();
    }

    [Fact]
    public void An_overloaded_link_is_listed_and_exits_1()
    {
        var estate = Planned("80Mbps");
        var (exit, output, _) = Run("move", estate, "out/plan.json", "--out", "moves");
        exit.ShouldBe(ExitCodes.Infeasible);
        output.ShouldContain("link-overload");
        output.ShouldContain("1 violation.");
        File.Exists(Path.Combine(Folder, "moves", "move.json")).ShouldBeTrue();
    }

    [Fact]
    public void Verify_accepts_the_move_it_wrote_and_lists_what_was_tampered_with()
    {
        var estate = Planned();
        Run("move", estate, "out/plan.json").Exit.ShouldBe(ExitCodes.Ok);
        var (exit, output, _) = Run("move", estate, "out/plan.json", "--verify", "out/move.json");
        exit.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("Sound: ");

        var text = File.ReadAllText(Path.Combine(Folder, "out", "move.json"));
        Write("bad.json", text.Replace("\"afterMbps\": 20", "\"afterMbps\": 2", StringComparison.Ordinal));
        var (badExit, badOutput, _) = Run("move", estate, "out/plan.json", "--verify", "bad.json");
        badExit.ShouldBe(ExitCodes.Infeasible);
        badOutput.ShouldContain("link 'a-dc' is recorded at 0 Mbps before and 2 after, but the estate gives 0 and 20");
    }

    [Fact]
    public void A_move_json_that_cannot_be_read_is_bad_input()
    {
        var estate = Planned();
        Write("bad.json", "{ \"schemaVersion\": true }");
        var (exit, _, error) = Run("move", estate, "out/plan.json", "--verify", "bad.json");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("bad.json:1:");
        error.ShouldContain("error: the file is not a valid move.json at $.schemaVersion: the value is not a whole number");
    }

    [Fact]
    public void An_unknown_or_ambiguous_data_centre_is_bad_input()
    {
        var estate = Planned();
        var (exit, _, error) = Run("move", estate, "out/plan.json", "--dc", "mars");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldBe("error: --dc 'mars' is not a site of the estate; the sites are a, dc; no move was planned." + Environment.NewLine);
    }

    [Fact]
    public void A_plan_of_another_estate_is_bad_input()
    {
        Planned();
        var other = Write("other.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1)));
        var (exit, _, error) = Run("move", other, "out/plan.json");
        exit.ShouldBe(ExitCodes.BadInput);
        error.ShouldContain("out/plan.json: error: ");
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_bad_input_and_one_that_cannot_be_written_exits_3()
    {
        var estate = Planned();
        Write("taken", "x");
        Run("move", estate, "out/plan.json", "--out", "taken").Exit.ShouldBe(ExitCodes.BadInput);
        Directory.CreateDirectory(Path.Combine(Folder, "ro", "move.json"));
        var (exit, _, error) = Run("move", estate, "out/plan.json", "--out", "ro");
        exit.ShouldBe(ExitCodes.OutputFailed);
        error.ShouldStartWith("error: cannot write move.json to ro: ");
    }

    [Fact]
    public void Help_explains_the_command_and_its_exit_codes()
    {
        var (exit, output, _) = Run("move", "--help");
        exit.ShouldBe(ExitCodes.Ok);
        output.ShouldContain("--verify");
        output.ShouldContain("--dc");
        output.ShouldContain("Exit 0 sound, 1 violations");
    }
}
