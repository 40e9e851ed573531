using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Benchmarks.Inventory;
using Spectre.Console.Testing;

namespace Shuyaku.Cli.Tests;

/// <summary>
/// Runs only where SHUYAKU_BINARY names a binary made by build/publish.sh for this machine (.ci/run publishes linux-x64
/// and sets it): publishing takes minutes, too long for every test run.
/// </summary>
public sealed class BinaryFactAttribute : FactAttribute
{
    public BinaryFactAttribute()
    {
        if (BinaryTests.Binary is null)
        {
            Skip = "SHUYAKU_BINARY is not set: run build/publish.sh linux-x64 and set it to artifacts/bin/linux-x64/shuyaku (.ci/run does).";
        }
    }
}

/// <summary>
/// The published single-file binary (trimmed, self-contained) against the program these tests are built with: every
/// command that reads or writes through reflection (YAML, JSON, Excel, protobuf inside OR-Tools, the native solver)
/// is run by both on the same inputs in two folders, and the files they write must be the same byte for byte, so that
/// what trimming removes is found here.
/// </summary>
public sealed class BinaryTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    private readonly string _root = Directory.CreateTempSubdirectory("shuyaku-binary-").FullName;

    /// <summary>The binary under test, from SHUYAKU_BINARY, or null.</summary>
    public static string? Binary => Environment.GetEnvironmentVariable("SHUYAKU_BINARY") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    private string Published => Path.Combine(_root, "binary");

    private string Reference => Path.Combine(_root, "reference");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [BinaryFact]
    public void The_binary_is_one_self_contained_file_that_loads_the_native_or_tools()
    {
        var (exit, output, error) = ChildProcess.Run(Binary!, ["--version"], _root, Bound);
        exit.ShouldBe(0, error);
        var lines = output.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe($"shuyaku {VersionInfo.Version}");
        lines[2].ShouldBe("OR-Tools 9.15.6755 (native library 9.15.6755)");
        lines[3].ShouldEndWith("(self-contained single file)");
    }

    [BinaryFact]
    public void Every_reflecting_command_writes_the_same_files_from_the_binary_as_from_the_untrimmed_program()
    {
        // The same inputs in both folders (a workbook written twice differs in its zip timestamps).
        Directory.CreateDirectory(Reference);
        Directory.CreateDirectory(Published);
        RvToolsBenchmark.Write(Path.Combine(Reference, "rv.xlsx"), 60, 3);
        File.WriteAllText(Path.Combine(Reference, "catalog.yaml"), "catalog:\n  - { id: r650, sockets: 2, cores: 32, clock: 2.8GHz, memory: 1TiB, price: 18000 }\npolicy:\n  failures: 1\n");
        File.Copy(Path.Combine(Reference, "rv.xlsx"), Path.Combine(Published, "rv.xlsx"));
        File.Copy(Path.Combine(Reference, "catalog.yaml"), Path.Combine(Published, "catalog.yaml"));

        const string Estate = "examples/tdu-2006/estate.yaml";
        string[][] commands =
        [
            ["example"],
            ["plan", "--out", "bundled"],
            ["plan", Estate, "--out", "out"],
            ["check", Estate, "out/plan.json", "--json"],
            ["move", Estate, "out/plan.json"],
            ["report", Estate, "out/plan.json", "--move", "out/move.json", "-o", "out/report.html"],
            ["export", "slb", Estate, "out/plan.json", "--out", "slb", "--no-validate"],
            ["import", "rvtools", "rv.xlsx", "-o", "rv-estate.yaml", "--catalog", "catalog.yaml"],
            ["plan", "rv-estate.yaml", "--out", "rv-out"],
            ["import", "f5", "examples/f5/bigip.conf", "-o", "access.yaml", "--estate", Estate],
            ["import", "sar", "examples/measurements/web1.sadf.txt", "--workload", "kanda-apache-1", "-o", "web1.csv"],
        ];
        foreach (var args in commands)
        {
            var binary = ChildProcess.Run(Binary!, args, Published, Bound);
            var reference = InProcess(args);
            binary.Exit.ShouldBe(reference.Exit, $"shuyaku {string.Join(' ', args)}: the binary exits {binary.Exit}, the program {reference.Exit}\n{binary.Err}");
            binary.Err.ShouldNotContain("internal error", Case.Sensitive, string.Join(' ', args));
            if (args[0] == "check")
            {
                binary.Out.ShouldBe(reference.Out, "check --json");
            }
        }

        var expected = Files(Reference);
        Files(Published).ShouldBe(expected);
        expected.ShouldContain("out/plan.json");
        expected.ShouldContain("out/move.json");
        expected.ShouldContain("out/report.html");
        expected.ShouldContain("rv-out/plan.json");
        expected.ShouldContain("access.yaml");
        foreach (var file in expected)
        {
            // Files may name their inputs by absolute path: the two folders' names are made one.
            File.ReadAllText(Path.Combine(Published, file)).Replace(Published, "DIR", StringComparison.Ordinal)
                .ShouldBe(File.ReadAllText(Path.Combine(Reference, file)).Replace(Reference, "DIR", StringComparison.Ordinal), file);
        }
    }

    private (int Exit, string Out) InProcess(string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 80;
        console.Profile.Capabilities.Ansi = false;
        var exit = ShuyakuCli.Run(args, new CliContext(console, new StringWriter(), Reference));
        return (exit, console.Output);
    }

    private static List<string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
}
