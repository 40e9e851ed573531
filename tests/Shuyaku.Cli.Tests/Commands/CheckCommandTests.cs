using System.Text.Json;
using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>check --json: the verdict and every violation for scripts.</summary>
public sealed class CheckCommandTests : CliFolder
{
    [Fact]
    public void A_valid_plan_gives_valid_true_and_no_violations()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(6, 3, 4), "  - spread: [w1, w2]", failures: 1));
        Run("plan", estate, "--out", "out").Exit.ShouldBe(0);

        var (exit, output, _) = Run("check", estate, "out/plan.json", "--json");

        exit.ShouldBe(0);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        doc.RootElement.GetProperty("failures").GetInt32().ShouldBe(1);
        doc.RootElement.GetProperty("scenariosChecked").GetInt32().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("violations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void A_broken_spread_is_listed_with_its_kind_hosts_and_workloads_and_exit_1()
    {
        var estate = Write("estate.yaml", TestEstates.Estate(TestEstates.Workloads(2, 1, 1), "  - spread: [w1, w2]"));
        Run("plan", estate, "-o", "out").Exit.ShouldBe(0);
        var plan = File.ReadAllText(Path.Combine(Folder, "out", "plan.json"));
        var broken = Write("broken.json", plan.Replace("\"host\": \"host-02\"", "\"host\": \"host-01\"", StringComparison.Ordinal));

        var (exit, output, _) = Run("check", estate, broken, "--json");

        exit.ShouldBe(1);
        using var doc = JsonDocument.Parse(output);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var spread = doc.RootElement.GetProperty("violations").EnumerateArray().Single(v => v.GetProperty("kind").GetString() == "spread");
        spread.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()).ShouldContain("host-01");
        spread.GetProperty("workloads").EnumerateArray().Select(w => w.GetString()).ShouldBe(["w1", "w2"], ignoreOrder: true);
        spread.GetProperty("failed").GetArrayLength().ShouldBe(0);
    }
}
