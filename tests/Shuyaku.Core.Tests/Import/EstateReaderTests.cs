using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import;

public sealed class EstateReaderTests
{
    // What the user is shown: the fit check (Sizing) runs after reading, and its messages are pinned here too.
    private static List<string> Errors(string yaml) =>
        EstateFit.ReadAndCheck(yaml, "estate.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void A_complete_estate_is_read_with_units_converted()
    {
        var estate = TestEstates.Read("""
            name: demo
            sites:
              - { id: a, name: Campus A, role: campus }
              - { id: dc, role: datacenter }
            servers:
              - id: s1
                site: a
                ip: 10.0.0.5
                subnet: 10.0.0.0/24
                hardware: { sockets: 2, cores: 2, clock: 2GHz, perf: 0.5, memory: 4GiB, disk: 100GiB }
            workloads:
              - id: web1
                service: web
                software: apache
                server: s1
                zone: dmz
                demand: { cpu: { avg: 5%, p95: 10%, peak: 25% }, memory: 1GiB, disk: 20GiB, iops: 50, network: { peak: 30Mbps } }
              - { id: db, server: s1, dedicated: true, vcpus: 2, demand: { cpu: 0.5cores, memory: 2GiB } }
            rules:
              - maxPerHost: 10
            catalog:
              - { id: m, sockets: 2, cores: 8, clock: 2.5GHz, perf: 1.5, memory: 256GiB, power: { idle: 100W, max: 400W }, price: 9000 }
            policy:
              statistic: p95
              growth: 10%
              horizon: 3
            """);

        estate.Sites.Select(s => s.Role).ShouldBe([SiteRole.Campus, SiteRole.DataCenter]);
        estate.Servers[0].Hardware.CpuCapacity.ShouldBe(4.0);
        var web = estate.Workloads[0];
        web.Site.ShouldBe("a");
        web.Zone.ShouldBe("dmz");
        web.Demand.Cpu.ShouldBe(new Measure(0.05, 0.10, 0.25));
        web.Demand.MemoryMib.Peak.ShouldBe(1024);
        web.Demand.NetworkMbps.Peak.ShouldBe(30);
        estate.Workloads[1].Dedicated.ShouldBeTrue();
        estate.Workloads[1].Demand.CpuUnit.ShouldBe(CpuUnit.Cores);
        estate.Rules.Single().ShouldBe(new Rule(RuleKind.MaxPerHost, "maxPerHost-1", [], null, 10), new RuleComparer());
        estate.Catalog[0].CpuCapacity.ShouldBe(60.0);
        estate.Catalog[0].PowerMaxW.ShouldBe(400);
        estate.Policy.Statistic.ShouldBe(Statistic.P95);
        estate.Policy.GrowthPerYear.ShouldBe(0.10, 1e-12);
        estate.Digest.Length.ShouldBe(64);
    }

    [Fact]
    public void Json_is_accepted_as_well_as_yaml()
    {
        var estate = TestEstates.Read("""
            { "workloads": [ { "id": "a", "demand": { "cpu": "1GHz", "memory": "1GiB" } } ],
              "catalog": [ { "id": "m", "sockets": 1, "cores": 4, "clock": "2GHz", "memory": "8GiB" } ] }
            """);
        estate.Workloads.Single().Id.ShouldBe("a");
    }

    [Fact]
    public void Every_error_in_a_file_is_reported_at_once_with_line_and_column()
    {
        var errors = Errors("""
            workloads:
              - { id: a, server: nowhere, demand: { cpu: 10%, memory: 1GiB } }
              - { id: a, demand: { cpu: 1GHz, memory: 2Gib } }
              - { id: b, demand: { cpu: 1GHz, memroy: 1GiB } }
              - { id: c, demand: { cpu: 1GHz, memory: 1GiB }, dedicated: maybe }
            rules:
              - spread: [a, ghost]
            catalog:
              - { id: m, sockets: 0, cores: 4, clock: 2GHz, memory: 8GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:2:22: workload 'a' runs on server 'nowhere', which is not among the servers: add it under 'servers' or fix the name",
            "estate.yaml:3:5: workload id 'a' is used twice: ids must be unique",
            "estate.yaml:3:43: workload 'a''s memory: '2Gib' has an unknown unit 'Gib': units are case-sensitive, did you mean '2GiB'?",
            "estate.yaml:4:22: workload 'b''s demand has no 'memory': add it",
            "estate.yaml:4:35: unknown key 'memroy' in workload 'b''s demand: did you mean 'memory'?",
            "estate.yaml:5:62: workload 'c''s dedicated flag 'maybe' must be true or false",
            "estate.yaml:7:17: spread rule 1 names workload 'ghost', which does not exist: fix the name or remove it",
            "estate.yaml:9:23: host model 'm''s sockets is 0 but must be at least 1",
        ]);
    }

    [Fact]
    public void A_workload_larger_than_every_host_model_is_named_with_the_resource_that_does_not_fit()
    {
        var errors = Errors(TestEstates.Estate(TestEstates.Workloads(1, 20, 1, "big")));
        errors.ShouldBe([
            "estate.yaml:3:5: workload 'big1' is larger than every host model within the policy's headroom: box (cpu 20 GHz > 16 GHz); add a larger model to the catalog or split the workload",
        ]);
    }

    [Fact]
    public void Contradictory_rules_are_reported()
    {
        var errors = Errors(TestEstates.Estate(
            TestEstates.Workloads(3, 1, 1) + "  - { id: z, zone: dmz, demand: { cpu: 1GHz, memory: 1GiB } }\n  - { id: d, dedicated: true, demand: { cpu: 1GHz, memory: 1GiB } }\n",
            """
              - gather: [w1, w2]
              - spread: [w1, w2, w3]
              - gather: [w3, z]
              - gather: [d, w3]
              - lonely: [w2]
              - maxPerHost: { limit: 1, workloads: [w1, w2] }
            """,
            extra: "hostGroups:\n  - { id: g1 }\n  - { id: g2 }\n"));
        errors.ShouldContain(e => e.Contains("spread rule 'spread-2' puts 'w1' and 'w2' on distinct hosts, but gather rules put them on one host"));
        errors.ShouldContain(e => e.Contains("gather rules put 'w3', 'z', 'd' on one host, but they are in different zones ((none), dmz)"));
        errors.ShouldContain(e => e.Contains("workload 'd' is dedicated (a bare-metal host of its own) but a gather rule puts it with 'w3', 'z'"));
        errors.ShouldContain(e => e.Contains("lonely rule 'lonely-5' keeps 'w2' alone on its host, but a gather rule puts it with others"));
        errors.ShouldContain(e => e.Contains("maxPerHost rule 'maxPerHost-6' allows 1 per host, but gather rules put 2 of its workloads on one host"));
    }

    [Fact]
    public void Fencing_to_a_group_and_banning_from_it_is_a_contradiction()
    {
        var errors = Errors(TestEstates.Estate(
            TestEstates.Workloads(1, 1, 1),
            """
              - fence: { workloads: [w1], group: lic }
              - ban: { workloads: [w1], group: lic }
              - fence: { workloads: [w1], group: nope }
            """,
            extra: "hostGroups:\n  - { id: lic }\n"));
        errors.ShouldContain(e => e.EndsWith("fence rule 3 names host group 'nope', which is not among the hostGroups: add it or fix the name", StringComparison.Ordinal));
        errors.ShouldContain(e => e.EndsWith("'w1' is both fenced to and banned from host group 'lic': remove one of the rules", StringComparison.Ordinal));
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_position_not_an_exception()
    {
        var errors = Errors("workloads:\n  - { id: a, demand: { cpu: 1GHz\n");
        errors.Count.ShouldBe(1);
        errors[0].ShouldStartWith("estate.yaml:3:");
        errors[0].ShouldContain("the file is not valid YAML or JSON");
    }

    [Fact]
    public void Zero_capacities_are_rejected_for_servers_and_host_models_alike()
    {
        var errors = Errors("""
            sites:
              - { id: a }
            servers:
              - { id: s, site: a, hardware: { sockets: 1, cores: 1, clock: 0GHz, memory: 1GiB } }
            workloads:
              - { id: w, server: s, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: m, sockets: 1, cores: 4, clock: 2GHz, perf: 0, memory: 0GiB, network: 0Mbps }
            """);
        errors.ShouldBe([
            "estate.yaml:4:64: server 's''s clock must be more than zero",
            "estate.yaml:8:55: host model 'm''s performance factor must be more than zero",
            "estate.yaml:8:66: host model 'm''s memory must be more than zero",
            "estate.yaml:8:81: host model 'm''s network must be more than zero",
        ]);
    }

    [Fact]
    public void A_failover_limit_below_the_headroom_is_warned_about()
    {
        var result = EstateReader.Read(TestEstates.Estate(TestEstates.Workloads(1, 1, 1), headroom: "80%").Replace("  failures: 0", "  failures: 0\n  failoverUtilisation: 60%", StringComparison.Ordinal), "estate.yaml");
        result.Errors.ShouldBeEmpty();
        result.Warnings.Select(w => w.Message).ShouldBe([
            "failoverUtilisation 60% is below the headroom (80%): after a failure the survivors would have to run cooler than in normal operation, which costs hosts; it is usually at or above the headroom",
        ]);
    }

    [Fact]
    public void A_key_written_twice_is_an_error()
    {
        Errors("workloads: []\nworkloads: []\n").ShouldBe(["estate.yaml:2:1: key 'workloads' appears twice in one mapping: keep one"]);
    }

    [Fact]
    public void Missing_file_and_empty_file_are_errors()
    {
        EstateReader.ReadFile("/nonexistent/estate.yaml").Errors.Single().Message.ShouldBe("the file does not exist: check the path");
        Errors("").Single().ShouldBe("estate.yaml:1:1: the file is empty: an estate needs at least workloads and a catalog");
    }

    [Fact]
    public void Cpu_statistics_must_be_in_order_and_share_a_unit()
    {
        var errors = Errors(TestEstates.Estate("""
              - { id: a, demand: { cpu: { avg: 2GHz, peak: 1GHz }, memory: 1GiB } }
              - { id: b, demand: { cpu: { avg: 1GHz, peak: 50% }, memory: 1GiB } }
            """));
        errors.ShouldContain("estate.yaml:3:29: workload 'a''s cpu statistics are out of order: they must satisfy avg ≤ p95 ≤ peak");
        errors.ShouldContain("estate.yaml:4:48: workload 'b''s cpu peak '50%' mixes units with the other cpu statistics: write all of them in the same unit");
    }

    [Fact]
    public void Policy_values_out_of_range_are_rejected()
    {
        var errors = Errors(TestEstates.Estate(TestEstates.Workloads(1, 1, 1)).Replace("policy:\n", "policy:\n  statistic: median\n  failoverUtilisation: 0%\n", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("failoverUtilisation must be more than 0% and at most 100%"));
        errors.ShouldContain(e => e.Contains("statistic 'median' is unknown: write peak, p95 or avg"));
    }

    private sealed class RuleComparer : IEqualityComparer<Rule>
    {
        public bool Equals(Rule? x, Rule? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.Name == y.Name && x.Group == y.Group && x.Limit == y.Limit && x.Workloads.SequenceEqual(y.Workloads);

        public int GetHashCode(Rule obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_as_the_estate_is_reported_as_a_folder_not_as_missing()
    {
        using var folder = new TempFolder();

        var read = EstateReader.ReadFile(folder.Path);

        read.Errors.Single().ShouldBe(new Diagnostic(folder.Path, 0, 0, "this is a folder, not an estate file: give the estate's YAML or JSON file"));
    }

    [Fact]
    public void A_byte_order_mark_and_windows_line_endings_are_read_like_plain_utf8()
    {
        const string yaml = "name: bom\nworkloads:\n  - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }\ncatalog:\n  - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB }\n";
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(yaml.Replace("\n", "\r\n", StringComparison.Ordinal))];

        var read = EstateReader.Read(bytes, "bom.yaml");

        read.Errors.ShouldBeEmpty();
        read.Value!.Name.ShouldBe("bom");
        read.Value.Workloads.Single().Id.ShouldBe("a");
    }

    [Fact]
    public void Errors_in_a_file_with_windows_line_endings_point_at_the_right_line_and_column()
    {
        const string yaml = "workloads:\r\n  - { id: a, demand: { cpu: 1GHz, memory: 1Gb } }\r\ncatalog:\r\n  - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 8GiB }\r\n";

        Errors(yaml).ShouldBe(["estate.yaml:2:43: workload 'a''s memory: '1Gb' has an unknown unit 'Gb': units are case-sensitive, did you mean '1GB'?"]);
    }

    [Fact]
    public void Sockets_and_cores_too_large_to_count_are_errors_rather_than_an_overflowing_capacity()
    {
        var errors = Errors("""
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: big, sockets: 2147483647, cores: 2147483647, clock: 2GHz, memory: 16GiB }
              - { id: huge, sockets: 99999999999, cores: 4, clock: 2GHz, memory: 16GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:4:25: host model 'big''s sockets is 2147483647 but must be at most 64",
            "estate.yaml:4:44: host model 'big''s cores per socket is 2147483647 but must be at most 1024",
            "estate.yaml:5:26: host model 'huge''s sockets is 99999999999 but must be at most 64",
        ]);
    }

    [Fact]
    public void Policy_failures_and_horizon_beyond_what_can_be_planned_are_errors()
    {
        var errors = Errors("""
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB }
            policy: { failures: 9, horizon: 100000, growth: 10% }
            """);

        errors.ShouldBe([
            "estate.yaml:5:21: the policy's failures is 9 but must be at most 8",
            "estate.yaml:5:33: the policy's horizon in years is 100000 but must be at most 100",
        ]);
    }

    [Fact]
    public void Growth_that_would_make_demand_explode_over_the_horizon_is_an_error()
    {
        var errors = Errors("""
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB }
            policy: { growth: 100000%, horizon: 100 }
            """);

        errors.ShouldBe(["estate.yaml:5:19: the policy's growth is 100000% a year: it must be at most 1000%"]);
    }

    [Fact]
    public void Errors_about_an_entry_without_a_usable_id_name_it_by_kind_rather_than_by_an_empty_id()
    {
        var errors = Errors("""
            servers:
              - { id: [s], site: a, hardware: { sockets: 1, cores: 2, clock: x, memory: 4GiB } }
            workloads:
              - { id: [a], demand: { cpu: [1GHz], memory: 1GiB } }
              - { demand: { cpu: 1GHz, memory: 1Gb } }
            catalog:
              - { id: { x: 1 }, sockets: 0, cores: 4, clock: 2GHz, memory: 16GiB }
            """);

        errors.ShouldNotContain(e => e.Contains("''", StringComparison.Ordinal));
        errors.ShouldContain("estate.yaml:4:31: a workload's cpu must be a single value, not a list or mapping");
        errors.ShouldContain("estate.yaml:5:36: a workload's memory: '1Gb' has an unknown unit 'Gb': units are case-sensitive, did you mean '1GB'?");
        errors.ShouldContain("estate.yaml:7:30: a host model's sockets is 0 but must be at least 1");
        errors.ShouldContain("estate.yaml:2:66: a server's clock: 'x' is not a frequency: write a number followed by a unit, for example '2.4GHz'");
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_rather_than_silently_ignored()
    {
        var errors = Errors("""
            ---
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB }
            ---
            # the policy
            policy: { failures: 3 }
            """);

        errors.ShouldBe(["estate.yaml:6:1: the file holds 2 YAML documents (separated by '---'): an estate is one document, so merge them or remove the extra '---'"]);
    }

    [Fact]
    public void A_rule_with_an_invalid_body_is_reported_once_without_follow_up_errors()
    {
        var errors = Errors("""
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: b, demand: { cpu: 1GHz, memory: 1GiB } }
            rules:
              - gather: a
              - maxPerHost: 0
              - maxPerHost: { workloads: [a, b] }
            catalog:
              - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:5:13: gather rule 1's workloads must be a list",
            "estate.yaml:6:17: maxPerHost rule 2's limit is 0 but must be at least 1",
            "estate.yaml:7:17: maxPerHost rule 3 has no 'limit': add it",
        ]);
    }

    [Fact]
    public void Cpu_demand_beyond_the_whole_of_the_workloads_server_is_an_error()
    {
        var errors = Errors("""
            sites: [{ id: a }]
            servers:
              - { id: s, site: a, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4GiB } }
            workloads:
              - { id: x, server: s, demand: { cpu: { avg: 15%, peak: 150% }, memory: 1GiB } }
              - { id: y, server: s, demand: { cpu: 3cores, memory: 1GiB } }
              - { id: z, server: s, demand: { cpu: 4.5GHz, memory: 1GiB } }
              - { id: ok, server: s, demand: { cpu: { avg: 10%, peak: 100% }, memory: 1GiB } }
            catalog:
              - { id: m, sockets: 1, cores: 8, clock: 2GHz, memory: 64GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:5:40: workload 'x''s cpu reaches 150% of its server 's': a share of a server is at most 100%",
            "estate.yaml:6:40: workload 'y''s cpu reaches 3 cores, but its server 's' has 2",
            "estate.yaml:7:40: workload 'z''s cpu reaches 4.5 GHz, but its server 's' has 4 GHz (2 cores × 2 GHz)",
        ]);
    }

    [Fact]
    public void A_server_or_workload_with_its_own_errors_is_not_reported_again_as_missing_where_it_is_named()
    {
        var errors = Errors("""
            sites: [{ id: a }]
            servers:
              - { id: s, site: a, hardware: { sockets: 1, cores: 2, clock: 2GHz, memory: 4Gb } }
            workloads:
              - { id: w, server: s, demand: { cpu: 10%, memory: 1GiB } }
              - { id: v, demand: { cpu: 1GHz, memory: 1Gb } }
              - { id: u, demand: { cpu: 1GHz, memory: 1GiB } }
            rules:
              - spread: [v, u]
            catalog:
              - { id: m, sockets: 1, cores: 8, clock: 2GHz, memory: 64GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:3:78: server 's''s memory: '4Gb' has an unknown unit 'Gb': units are case-sensitive, did you mean '4GB'?",
            "estate.yaml:6:43: workload 'v''s memory: '1Gb' has an unknown unit 'Gb': units are case-sensitive, did you mean '1GB'?",
        ]);
    }

    [Fact]
    public void A_dedicated_workload_too_large_for_every_model_is_measured_against_bare_metal()
    {
        var errors = Errors("""
            workloads:
              - { id: ded, dedicated: true, demand: { cpu: 1GHz, memory: 100GiB } }
            catalog:
              - { id: large, sockets: 2, cores: 16, clock: 2GHz, memory: 64GiB }
            """);

        errors.ShouldBe(["estate.yaml:2:5: workload 'ded' is larger than every host model within the policy's headroom: large (memory 100 GiB > 57.6 GiB); add a larger model to the catalog or split the workload"]);
    }

    [Fact]
    public void An_empty_yaml_value_is_reported_as_empty_rather_than_as_the_text_null()
    {
        var errors = Errors("""
            workloads:
              - { id: b, demand: { cpu: ~, memory: null } }
            catalog:
              - { id: m, sockets: , cores: 4, clock: 2GHz, memory: 8GiB }
            policy:
            """);

        errors.ShouldBe([
            "estate.yaml:2:29: workload 'b''s cpu is empty: give a value",
            "estate.yaml:2:40: workload 'b''s memory is empty: give a value",
            "estate.yaml:4:23: host model 'm''s sockets is empty: give a value",
            "estate.yaml:5:8: the policy is empty: write its keys (headroom, failoverUtilisation, overcommit, hypervisorReserve, vmOverhead, failures, growth, horizon, statistic, storage) or remove it",
        ]);
    }

    [Fact]
    public void A_hypervisor_reserve_that_leaves_no_model_any_room_is_one_error_at_the_reserve()
    {
        var errors = Errors("""
            workloads:
              - { id: a, demand: { cpu: 1GHz, memory: 1GiB } }
              - { id: b, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: box, sockets: 1, cores: 4, clock: 2GHz, memory: 16GiB }
            policy:
              hypervisorReserve: { cpu: 1GHz, memory: 16GiB }
            """);

        errors.ShouldBe(["estate.yaml:7:22: the hypervisor reserve leaves no host model room for VMs: box has 16 GiB of memory, the reserve takes 16 GiB; lower the reserve or add a larger model"]);
    }
}
