using Shuyaku.Core.Tests.Support;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>
/// Runs every command of docs/walkthrough.md and docs/walkthrough.ja.md, in order, in an empty folder (the first command
/// writes the bundled examples into it), and compares what each prints with the page, so the walkthrough cannot rot.
/// </summary>
/// <remarks>
/// A page's ```console blocks hold commands (lines starting <c>$ shuyaku</c>) each followed by what it prints: standard
/// output, then standard error, on an 80-column console without colour (what a redirected terminal gets). A line
/// <c>…</c> alone stands for any number of lines (output that differs by machine); a last line <c>[exit N]</c> says the
/// command ends with exit code N (0 when absent).
/// </remarks>
public sealed class WalkthroughTests
{
    [Theory]
    [InlineData("walkthrough.md")]
    [InlineData("walkthrough.ja.md")]
    public void Every_command_of_the_walkthrough_prints_what_the_page_shows(string page)
    {
        var steps = Steps(page);
        steps.Count.ShouldBeGreaterThanOrEqualTo(8, $"docs/{page} holds too few commands: is its console block syntax right?");
        using var folder = new TempFolder();

        foreach (var step in steps)
        {
            var console = new TestConsole();
            console.Profile.Width = 80;
            console.Profile.Capabilities.Ansi = false;
            var error = new StringWriter();

            var exit = ShuyakuCli.Run(Arguments(step.Command), new CliContext(console, error, folder.Path));

            var printed = Lines(console.Output + error);
            exit.ShouldBe(step.Exit, $"docs/{page} line {step.Line}: '{step.Command}' printed:\n{string.Join('\n', printed)}");
            Matches(printed, step.Expected).ShouldBeTrue(
                $"docs/{page} line {step.Line}: '{step.Command}' printed\n{string.Join('\n', printed)}\n\nbut the page shows\n{string.Join('\n', step.Expected)}");
        }
    }

    [Fact]
    public void The_japanese_walkthrough_runs_the_same_commands_as_the_english_one_in_japanese()
    {
        var ja = Steps("walkthrough.ja.md").Select(s => s.Command).ToList();
        ja.ShouldAllBe(c => c.EndsWith(" --lang ja", StringComparison.Ordinal));
        ja.Select(c => c[..^" --lang ja".Length]).ShouldBe(Steps("walkthrough.md").Select(s => s.Command));
    }

    [Fact]
    public void The_matcher_lets_an_ellipsis_stand_for_lines_and_nothing_else()
    {
        Matches(["a", "b", "c", "d"], ["a", "…", "d"]).ShouldBeTrue();
        Matches(["a", "d"], ["a", "…", "d"]).ShouldBeTrue();
        Matches(["a", "b", "c"], ["a", "…", "d"]).ShouldBeFalse();
        Matches(["a", "b"], ["a"]).ShouldBeFalse();
        Matches(["a", "x"], ["a", "b"]).ShouldBeFalse();
    }

    private sealed record Step(int Line, string Command, IReadOnlyList<string> Expected, int Exit);

    private static List<Step> Steps(string page)
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", page)).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var steps = new List<Step>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```console")
            {
                continue;
            }

            for (i++; i < lines.Length && lines[i].Trim() != "```";)
            {
                lines[i].ShouldStartWith("$ shuyaku ", Case.Sensitive, $"docs/{page} line {i + 1}: a console block starts with a command");
                var (line, command) = (i + 1, lines[i][2..]);
                var expected = new List<string>();
                for (i++; i < lines.Length && lines[i].Trim() != "```" && !lines[i].StartsWith("$ ", StringComparison.Ordinal); i++)
                {
                    expected.Add(lines[i].TrimEnd());
                }

                var exit = 0;
                if (expected.Count > 0 && expected[^1].StartsWith("[exit ", StringComparison.Ordinal))
                {
                    exit = int.Parse(expected[^1][6..^1], System.Globalization.CultureInfo.InvariantCulture);
                    expected.RemoveAt(expected.Count - 1);
                }

                steps.Add(new Step(line, command, expected, exit));
            }
        }

        return steps;
    }

    /// <summary>The words of a command after <c>shuyaku</c>; double quotes group words.</summary>
    private static string[] Arguments(string command)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in command + " ")
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        return words.Skip(1).ToArray();
    }

    private static bool Matches(IReadOnlyList<string> printed, IReadOnlyList<string> expected)
    {
        return From(0, 0);

        bool From(int p, int e)
        {
            if (e == expected.Count)
            {
                return p == printed.Count;
            }

            if (expected[e] == "…")
            {
                for (var skip = p; skip <= printed.Count; skip++)
                {
                    if (From(skip, e + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            return p < printed.Count && printed[p] == expected[e] && From(p + 1, e + 1);
        }
    }

    private static string[] Lines(string text)
    {
        var lines = text.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n').Select(l => l.TrimEnd()).ToArray();
        return lines is [""] ? [] : lines;
    }
}
