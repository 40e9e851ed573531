using System.Runtime.InteropServices;
using System.Diagnostics;
using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests;

/// <summary><c>shuyaku --version</c>: Shuyaku's version and commit, OR-Tools' managed and native versions, .NET and the platform.</summary>
public sealed class VersionTests : CliFolder
{
    [Fact]
    public void Version_prints_version_commit_or_tools_and_runtime_on_four_lines()
    {
        var (exit, output, error) = Run("--version");
        exit.ShouldBe(0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(4, output);
        lines[0].ShouldMatch(@"^shuyaku \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$");
        lines[0].ShouldBe("shuyaku " + VersionInfo.Version);
        lines[1].ShouldMatch("^commit ([0-9a-f]{40}|unknown)$");
        lines[2].ShouldBe("OR-Tools 9.15.6755 (native library 9.15.6755)");
        lines[3].ShouldBe($".NET {Environment.Version} {RuntimeInformation.RuntimeIdentifier} (framework-dependent)");
    }

    [Fact]
    public void The_commit_is_the_checkout_s_HEAD_or_an_ancestor_when_built_from_git()
    {
        var head = Path.Combine(RepositoryPaths.Root, ".git");
        if (!Directory.Exists(head) && !File.Exists(head))
        {
            // A source archive without .git: the build has no commit to record and --version says "unknown".
            VersionInfo.Commit.ShouldBe("unknown");
            return;
        }

        // The build records the commit checked out when it ran: HEAD, or one of its ancestors when commits came after it.
        VersionInfo.Commit.ShouldMatch("^[0-9a-f]{40}$");
        var git = Process.Start(new ProcessStartInfo("git", ["-C", RepositoryPaths.Root, "merge-base", "--is-ancestor", VersionInfo.Commit, "HEAD"]))!;
        git.WaitForExit(10_000).ShouldBeTrue();
        git.ExitCode.ShouldBe(0, $"commit {VersionInfo.Commit} is not HEAD or an ancestor of it");
    }

    [Fact]
    public void Version_is_listed_in_help_with_what_it_prints()
    {
        var (_, output, _) = Run("--help");
        output.ShouldContain("--version");
        output.ShouldContain("the commit it was built from, the OR-Tools and .NET versions");
    }
}
