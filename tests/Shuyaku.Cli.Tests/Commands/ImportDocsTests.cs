using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary>Runs the examples of docs/import-inventory.md and compares what they print with the page, so it cannot rot.</summary>
public sealed class ImportDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "import-inventory.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void The_Azure_Migrate_example_prints_what_the_page_shows_and_the_estate_plans()
    {
        using var dir = new TempFolder();
        dir.Write("servers.csv", RepositoryPaths.CodeBlocksOf(Page, "csv").Single());
        dir.Write("catalog.yaml", RepositoryPaths.CodeBlocksOf(Page, "yaml").Single());

        var (exit, output) = Run(dir.Path, "import", "azure-migrate", "servers.csv", "-o", "estate.yaml", "--catalog", "catalog.yaml");

        exit.ShouldBe(0);
        output.ShouldBe(Block("Read servers.csv"));
        File.ReadAllText(dir.File("estate.yaml")).ShouldContain(Block("  - id: db-01"));
        Run(dir.Path, "plan", "estate.yaml").Exit.ShouldBe(0);
    }

    [RealDataFact]
    public void The_RVTools_example_on_the_real_export_prints_what_the_page_shows()
    {
        using var dir = new TempFolder();
        var catalog = RepositoryPaths.CodeBlocksOf(Page, "yaml").Single();
        dir.Write("catalog.yaml", catalog[..catalog.IndexOf("rules:", StringComparison.Ordinal)]);
        var export = Path.Combine(RealData.Root!, "rvtools", "kubev2v-example1.xlsx");

        var (exit, output) = Run(dir.Path, "import", "rvtools", export, "-o", "kubev2v.estate.yaml", "--catalog", "catalog.yaml");

        exit.ShouldBe(0);
        output.Replace(export, "../shared/data/rvtools/kubev2v-example1.xlsx", StringComparison.Ordinal).ShouldBe(Block("Read ../shared/data/rvtools/kubev2v-example1.xlsx"));
        Run(dir.Path, "plan", "kubev2v.estate.yaml").Exit.ShouldBe(0);
    }

    private static (int Exit, string Output) Run(string dir, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();
        var exit = ShuyakuCli.Run(args, new CliContext(console, error, dir));
        return (exit, console.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>The untagged fenced block of the page whose first line starts with <paramref name="start"/>.</summary>
    private static string Block(string start) => RepositoryPaths.CodeBlocksOf(Page, "").Single(b => b.StartsWith(start, StringComparison.Ordinal));
}
