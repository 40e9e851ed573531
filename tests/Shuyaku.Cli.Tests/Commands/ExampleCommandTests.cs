using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests.Commands;

/// <summary><c>shuyaku example</c>: the bundled examples written out, never over a file with other content unless --force.</summary>
public sealed class ExampleCommandTests : CliFolder
{
    private static readonly string Repository = Path.Combine(RepositoryPaths.Root, "examples");

    private static List<string> RepositoryFiles() =>
        Directory.GetFiles(Repository, "*", SearchOption.AllDirectories).Select(f => "examples/" + Path.GetRelativePath(Repository, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void The_program_carries_every_file_of_the_repository_s_examples_folder()
    {
        BundledExamples.Files.ShouldBe(RepositoryFiles());
        BundledExamples.Files.ShouldContain(BundledExamples.Estate);
    }

    [Fact]
    public void Example_writes_every_bundled_file_byte_for_byte_under_out_examples_and_says_how_to_plan_it()
    {
        var (exit, output, error) = Run("example", "--out", "here");
        exit.ShouldBe(0, error);
        foreach (var file in RepositoryFiles())
        {
            File.ReadAllBytes(Path.Combine(Folder, "here", file)).ShouldBe(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, file)), file);
            output.ShouldContain("  " + file + "\n");
        }

        output.ShouldContain($"({RepositoryFiles().Count} written, 0 already there)");
        output.ShouldContain("Plan the case study: shuyaku plan " + Path.Combine("here", BundledExamples.Estate));
        Run("plan", Path.Combine("here", BundledExamples.Estate), "--out", "out").Exit.ShouldBe(0);
    }

    [Fact]
    public void A_second_run_leaves_identical_files_and_refuses_a_changed_one_unless_forced_writing_nothing()
    {
        Run("example").Exit.ShouldBe(0);
        var again = Run("example");
        again.Exit.ShouldBe(0, again.Err);
        again.Out.ShouldContain($"(0 written, {RepositoryFiles().Count} already there)");

        var estate = Path.Combine(Folder, BundledExamples.Estate);
        File.WriteAllText(estate, "edited");
        var readme = Path.Combine(Folder, "examples", "tdu-2006", "README.md");
        File.Delete(readme);
        var (exit, output, error) = Run("example");
        exit.ShouldBe(3);
        output.ShouldBeEmpty();
        error.ShouldBe($"error: {estate} exists with other content; give another --out, or --force to overwrite it.\nNothing was written.\n");
        File.Exists(readme).ShouldBeFalse();
        File.ReadAllText(estate).ShouldBe("edited");

        var forced = Run("example", "--force");
        forced.Exit.ShouldBe(0, forced.Err);
        forced.Out.ShouldContain("(2 written, ");
        File.ReadAllBytes(estate).ShouldBe(BundledExamples.Read(BundledExamples.Estate));
    }

    [Fact]
    public void An_out_that_is_a_file_exits_3()
    {
        Write("file", "x");
        var (exit, _, error) = Run("example", "--out", "file");
        exit.ShouldBe(3);
        error.ShouldContain("--out file cannot be a folder");
    }
}
