using System.Globalization;
using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Core.Tests.Support;

/// <summary>Small estates written as YAML, so that tests exercise the reader as a user's file would.</summary>
internal static class TestEstates
{
    /// <summary>A host of 8 cores × 2 GHz (16 GHz), 32 GiB, 1000 Mbps, with no reserve, no overhead, no headroom: easy arithmetic.</summary>
    public const string SimpleCatalog = """
        catalog:
          - { id: box, sockets: 1, cores: 8, clock: 2GHz, memory: 32GiB, network: 1000Mbps, price: 1000 }
        """;

    public static string Policy(int failures = 0, string headroom = "100%", string extra = "") => $$"""
        policy:
          headroom: { cpu: {{headroom}}, memory: {{headroom}}, network: {{headroom}} }
          overcommit: { vcpu: 100, memory: 1.0 }
          hypervisorReserve: { cpu: 0GHz, memory: 0MiB }
          vmOverhead: { cpu: 0GHz, memory: 0MiB }
          failures: {{failures}}
          growth: 0%
        {{extra}}
        """;

    /// <summary>Workload lines taking <paramref name="ghz"/> GHz of CPU and <paramref name="gib"/> GiB each.</summary>
    public static string Workloads(int count, double ghz, double gib, string prefix = "w", string attributes = "")
    {
        var sb = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  - {{ id: {prefix}{i}, {attributes}demand: {{ cpu: {ghz}GHz, memory: {gib}GiB }} }}\n");
        }

        return sb.ToString();
    }

    public static string Estate(string workloads, string rules = "", int failures = 0, string headroom = "100%", string extra = "", string catalog = SimpleCatalog) =>
        "name: test\nworkloads:\n" + Line(workloads) + (rules.Length > 0 ? "rules:\n" + Line(rules) : "") + catalog + "\n" + Policy(failures, headroom) + extra;

    private static string Line(string text) => text.EndsWith('\n') ? text : text + "\n";

    public static Estate Read(string yaml)
    {
        var result = EstateFit.ReadAndCheck(yaml, "test.yaml");
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        return result.Value!;
    }

    /// <summary>
    /// <paramref name="plan"/> with the bound part <paramref name="part"/> claiming one host more (and the bound's value
    /// raised with it), written to plan.json and read back as `check` reads it.
    /// </summary>
    public static Plan WithPartRaisedByOne(Plan plan, PlanBoundPart part)
    {
        var parts = plan.LowerBound.Parts.Select(p => p == part ? p with { Hosts = p.Hosts + 1 } : p).ToList();
        var dedicated = parts.Where(p => p.Kind == "dedicated").Sum(p => p.Hosts);
        var raised = plan with { LowerBound = new PlanBound(parts.Where(p => p.Kind != "dedicated").Max(p => p.Hosts) + dedicated, parts) };
        var read = PlanJson.Read(PlanJson.Write(raised), "plan.json");
        read.Errors.ShouldBeEmpty();
        return read.Value!;
    }

    /// <summary>Plans and asserts that the independent checker accepts the plan, as every test that plans must.</summary>
    public static Plan PlanChecked(Estate estate, PlanOptions? options = null)
    {
        var outcome = Planner.Plan(estate, options ?? new PlanOptions());
        outcome.Infeasible.ShouldBeNull();
        var report = Checker.Check(estate, outcome.Plan!);
        report.Violations.ShouldBeEmpty(string.Join("\n", report.Violations));
        return outcome.Plan!;
    }

    public static string HostOf(Plan plan, string workload) => plan.Assignments.Single(a => a.Workload == workload).Host;
}
