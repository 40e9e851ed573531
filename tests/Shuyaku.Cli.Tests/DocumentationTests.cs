using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>What the README says the command line prints and offers is what it does, so it cannot rot.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void The_sample_output_in_the_readme_is_what_plan_prints_when_redirected()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("## What it prints", StringComparison.Ordinal);
        var sample = RepositoryPaths.CodeBlocksOf(readme[start..], "").First();
        using var folder = new TempFolder();
        var console = new TestConsole();
        console.Profile.Width = 80;
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();

        var exit = ShuyakuCli.Run(["plan"], new CliContext(console, error, folder.Path));

        exit.ShouldBe(0, error.ToString());
        Lines(console.Output).ShouldBe(Lines(sample));

        static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
    }

    [Fact]
    public void The_readme_lists_every_command_and_links_every_documentation_page()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var root = ShuyakuCli.Build(new CliContext(new TestConsole(), new StringWriter(), RepositoryPaths.Root));

        foreach (var command in root.Subcommands)
        {
            readme.ShouldContain($"| `shuyaku {command.Name} ", Case.Sensitive, $"the command table lacks '{command.Name}'");
        }

        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md"))
        {
            readme.ShouldContain($"](docs/{Path.GetFileName(page)})", Case.Sensitive, $"README does not link {Path.GetFileName(page)}");
        }
    }
}
