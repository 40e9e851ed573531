using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>Replays the examples of docs/traces.md on the real data and compares the output with the page, so it cannot rot.</summary>
public sealed class DocsExampleTests
{
    [RealDataFact]
    public void The_PlanetLab_example_of_the_traces_page_prints_what_the_page_shows()
    {
        Check("Traces: 1,052 series", "--traces", Path.Combine(RealData.Root!, "planetlab", "20110303"), "--assign", "in-order");
    }

    [RealDataFact]
    public void The_Bitbrains_example_of_the_traces_page_prints_what_the_page_shows()
    {
        Check("Traces: 100 series", "--traces", Path.Combine(RealData.Root!, "bitbrains", "2013-9"), "--assign", "in-order", "--cpu-only", "--growth", "--out", "shuyaku-out/replay-bitbrains");
    }

    private static void Check(string blockStart, params string[] options)
    {
        using var dir = new TempFolder();
        var estate = dir.Write("examples/tdu-2006/estate.yaml", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml")));
        Run(dir, "plan", estate).Code.ShouldBe(0);

        var (code, output) = Run(dir, ["simulate", "examples/tdu-2006/estate.yaml", "shuyaku-out/plan.json", .. options]);

        code.ShouldBe(0);
        Lines(output).ShouldBe(Lines(Block(blockStart)));
    }

    private static (int Code, string Output) Run(TempFolder dir, params string[] args)
    {
        var console = new TestConsole(); // 80 columns, and no ANSI below: what a redirected terminal gets
        console.Profile.Capabilities.Ansi = false;
        var errors = new StringWriter();
        var code = ShuyakuCli.Run(args, new CliContext(console, errors, dir.Path));
        errors.ToString().ShouldBeEmpty();
        return (code, console.Output);
    }

    /// <summary>The fenced block of docs/traces.md whose first line starts with <paramref name="start"/>.</summary>
    private static string Block(string start)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "traces.md"));
        var at = page.IndexOf("```\n" + start, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, $"docs/traces.md has no block starting with '{start}'");
        var body = at + 4;
        return page[body..page.IndexOf("\n```", body, StringComparison.Ordinal)];
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
}
