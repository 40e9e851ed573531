using System.Text;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Import;

/// <summary>Input that YamlDotNet throws on, recurses on or misreads: each becomes one located error with a sentence.</summary>
public sealed class YamlInputTests
{
    private static List<string> Errors(string yaml) =>
        EstateFit.ReadAndCheck(yaml, "estate.yaml").Errors.Select(e => e.ToString()).ToList();

    [Fact]
    public void An_unclosed_flow_list_in_a_rule_is_an_error_at_its_bracket()
    {
        var errors = Errors(TestEstates.Estate(TestEstates.Workloads(5, 1, 1), rules: "  - spread: [w1, w2\n  - gather: [w3, w4]\n  - lonely: [w5]\n"));

        errors.ShouldBe(["estate.yaml:9:13: this '[' is never closed: add the matching ']'"]);
    }

    [Fact]
    public void A_hundred_thousand_nested_brackets_are_rejected_where_the_nesting_limit_is_crossed()
    {
        // Before the limit, YamlDotNet's composer overflowed the stack; its parser alone scans the run in quadratic time.
        Errors("workloads: " + new string('[', 100_000)).ShouldBe([
            "estate.yaml:1:76: lists and mappings nest more than 64 levels deep here: an estate needs far fewer, so close the brackets or remove the extra nesting",
        ]);
    }

    [Fact]
    public void Nesting_by_indentation_is_held_to_the_same_limit()
    {
        var yaml = new StringBuilder("workloads:\n");
        for (var depth = 1; depth <= 100; depth++)
        {
            yaml.Append(' ', depth).Append("k:\n");
        }

        Errors(yaml.ToString()).ShouldBe([
            "estate.yaml:65:65: lists and mappings nest more than 64 levels deep here: an estate needs far fewer, so close the brackets or remove the extra nesting",
        ]);
    }

    [Fact]
    public void A_tab_in_indentation_is_reported_at_the_tab()
    {
        Errors("workloads:\n  - id: a\n    demand:\n    \tcpu: 5%\ncatalog: []\n").ShouldBe([
            "estate.yaml:4:5: a tab in the indentation: YAML indents with spaces only, so replace the tab with spaces",
        ]);
    }

    [Fact]
    public void An_alias_to_no_anchor_and_a_key_that_is_a_list_are_errors_at_their_place()
    {
        Errors("workloads: *hw\n").ShouldBe(["estate.yaml:1:12: '*hw' refers to no anchor: define '&hw' before it, or remove the alias"]);
        Errors("workloads: []\n? [a, b]\n: 1\n").ShouldBe(["estate.yaml:2:3: a key here is a list, a mapping or an alias: keys in an estate are plain names, so write one"]);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_at_their_place()
    {
        var errors = EstateFit.ReadAndCheck([.. "name: a\nworkloads: x\xC3"u8.ToArray()[..^1], 0xC3, 0x28], "estate.yaml").Errors.Select(e => e.ToString());

        errors.ShouldBe(["estate.yaml:2:13: the file is not valid UTF-8 (byte 0xC3 here): save it as UTF-8 text"]);
    }

    [Fact]
    public void Merge_keys_share_hardware_and_keys_written_beside_them_win()
    {
        var estate = TestEstates.Read("""
            sites: [{ id: a }]
            servers:
              - { id: s1, site: a, hardware: &hw { sockets: 2, cores: 2, clock: 2GHz, memory: 4GiB } }
              - { id: s2, site: a, hardware: { <<: *hw, memory: 8GiB } }
            workloads:
              - { id: w, server: s2, demand: { cpu: 10%, memory: 1GiB } }
            catalog:
              - &model { id: m, sockets: 1, cores: 8, clock: 2GHz, memory: 64GiB }
              - { <<: *model, id: m2, memory: 128GiB }
            """);

        estate.Servers[1].Hardware.Sockets.ShouldBe(2);
        estate.Servers[1].Hardware.MemoryMib.ShouldBe(8192);
        estate.Catalog[1].CpuCapacity.ShouldBe(16.0);
        estate.Catalog[1].MemoryMib.ShouldBe(131072);
    }

    [Fact]
    public void A_merge_of_something_other_than_a_mapping_and_an_unknown_key_in_a_shared_anchor_are_each_reported_once()
    {
        var errors = Errors("""
            sites: [{ id: a }]
            servers:
              - { id: s1, site: a, hardware: &hw { sockets: 2, cores: 2, clock: 2GHz, memroy: 4GiB } }
              - { id: s2, site: a, hardware: { <<: *hw, memory: 8GiB } }
              - { id: s3, site: a, hardware: { <<: 5, memory: 8GiB } }
            workloads:
              - { id: w, demand: { cpu: 1GHz, memory: 1GiB } }
            catalog:
              - { id: m, sockets: 1, cores: 8, clock: 2GHz, memory: 64GiB }
            """);

        errors.ShouldBe([
            "estate.yaml:3:34: server 's1''s hardware has no 'memory': add it",
            "estate.yaml:3:75: unknown key 'memroy' in server 's1''s hardware: did you mean 'memory'?",
            "estate.yaml:3:75: unknown key 'memroy' in server 's2''s hardware: did you mean 'memory'?",
            "estate.yaml:5:34: server 's3''s hardware has no 'sockets': add it",
            "estate.yaml:5:34: server 's3''s hardware has no 'cores': add it",
            "estate.yaml:5:34: server 's3''s hardware has no 'clock': add it",
            "estate.yaml:5:40: the merge key '<<' takes a mapping or a list of mappings, usually an alias such as *hw to an anchored mapping (&hw)",
        ]);
    }

    [Fact]
    public void Anchors_merged_into_each_other_in_a_cycle_or_a_long_chain_end_in_an_answer()
    {
        var chain = new StringBuilder("name: x\nx0: &a0 { id: m }\n");
        for (var i = 1; i <= 200; i++)
        {
            chain.Append($"x{i}: &a{i} {{ <<: [*a{i - 1}, *a{i - 1}] }}\n");
        }

        chain.Append("catalog: [*a200]\n");
        Errors(chain.ToString()).ShouldContain(e => e.Contains("merge keys ('<<') nest more than 64 levels deep here", StringComparison.Ordinal));
        Errors("workloads: &w [{ id: a, <<: *w }]\ncatalog: []\n").ShouldContain(e => e.Contains("the merge key '<<' merges a mapping into itself", StringComparison.Ordinal));
        Errors("catalog: [&m { id: m, <<: *m }]\n").ShouldContain(e => e.Contains("the merge key '<<' merges a mapping into itself", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("on")]
    [InlineData("off")]
    public void Booleans_are_true_or_false_only(string word)
    {
        Errors(TestEstates.Estate(TestEstates.Workloads(1, 1, 1, attributes: $"dedicated: {word}, "))).ShouldBe([
            $"estate.yaml:3:26: workload 'w1''s dedicated flag is '{word}', which YAML 1.2 reads as text: write true or false",
        ]);
    }

    [Fact]
    public void The_merge_key_example_of_the_estate_format_reads_as_it_says()
    {
        var example = RepositoryPaths.CodeBlocks(Path.Combine(RepositoryPaths.Root, "docs", "estate-format.md"), "yml").Single();

        var estate = TestEstates.Read("sites: [{ id: north }]\nworkloads: [{ id: a, demand: { cpu: 1GHz, memory: 1GiB } }]\n" + example);

        estate.Servers.Select(s => (s.Id, s.Hardware.Sockets, s.Hardware.MemoryMib)).ShouldBe([("north-01", 2, 4096.0), ("north-02", 2, 8192.0)]);
        estate.Catalog.Select(m => (m.Id, m.Cores, m.MemoryMib, m.Price)).ShouldBe([("r650", 32, 524288.0, 18000.0), ("r650-1t", 32, 1048576.0, 24000.0)]);
    }
}
