using System.IO.Compression;
using System.Text.RegularExpressions;
using Shuyaku.Cli.Tests.Support;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Cli.Tests;

/// <summary>
/// The .NET tool package (docs/install.md), made once per test run by <c>dotnet pack</c> of the CLI already built for
/// these tests, into a temporary folder that is the only package source: installing it needs no network.
/// </summary>
public sealed class ToolPackage : IDisposable
{
    /// <summary>The configuration the tests (and so the CLI beside them) were built in.</summary>
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public ToolPackage()
    {
        Directory.CreateDirectory(Source);
        var (exit, output, error) = ChildProcess.Run(
            ChildProcess.Dotnet,
            ["pack", Path.Combine(RepositoryPaths.Root, "src", "Shuyaku.Cli", "Shuyaku.Cli.csproj"), "-c", Configuration, "--no-build", "-o", Source, "-v", "q", "-nologo"],
            Root,
            TimeSpan.FromMinutes(10));
        exit.ShouldBe(0, output + error);
        Package = Path.Combine(Source, $"Shuyaku.{Version}.nupkg");
        File.Exists(Package).ShouldBeTrue($"dotnet pack wrote {string.Join(", ", Directory.GetFiles(Source).Select(Path.GetFileName))}");

        // The only source is the folder: nothing is asked of a registry.
        File.WriteAllText(Config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Source}" />
              </packageSources>
            </configuration>
            """);
    }

    /// <summary>The temporary folder holding everything the tests make.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("shuyaku-install-").FullName;

    /// <summary>The package source folder (TMP/pkgs).</summary>
    public string Source => Path.Combine(Root, "pkgs");

    /// <summary>A NuGet configuration whose only source is <see cref="Source"/>.</summary>
    public string Config => Path.Combine(Root, "nuget.config");

    /// <summary>The version the package and the program carry.</summary>
    public string Version => VersionInfo.Version;

    /// <summary>The .nupkg file.</summary>
    public string Package { get; } = "";

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary><c>dotnet tool install</c> of the package, the installed <c>shuyaku</c> at work, and what the package carries.</summary>
public sealed class InstallTests(ToolPackage package) : IClassFixture<ToolPackage>
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_tool_installs_offline_prints_its_version_writes_the_examples_plans_and_uninstalls()
    {
        var tools = Path.Combine(package.Root, "tools");
        var work = Directory.CreateDirectory(Path.Combine(package.Root, "work")).FullName;
        var install = Dotnet("tool", "install", "--tool-path", tools, "--configfile", package.Config, "Shuyaku", "--version", package.Version);
        install.Exit.ShouldBe(0, install.Out + install.Err);
        install.Out.ShouldContain($"Tool 'shuyaku' (version '{package.Version}') was successfully installed.");
        var shuyaku = Path.Combine(tools, OperatingSystem.IsWindows() ? "shuyaku.exe" : "shuyaku");

        var version = ChildProcess.Run(shuyaku, ["--version"], work, Bound);
        version.Exit.ShouldBe(0, version.Err);
        var lines = version.Out.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe($"shuyaku {package.Version}");
        lines[1].ShouldBe($"commit {VersionInfo.Commit}");
        lines[2].ShouldBe("OR-Tools 9.15.6755 (native library 9.15.6755)", "the package must carry this platform's native OR-Tools");
        lines[3].ShouldEndWith("(framework-dependent)");

        // Without an estate, plan plans the case study compiled into the tool.
        var plan = ChildProcess.Run(shuyaku, ["plan", "--out", "plan"], work, Bound);
        plan.Exit.ShouldBe(0, plan.Err);
        plan.Out.ShouldContain("Before: 4 sites, 37 machines, 70 workloads");
        plan.Out.ShouldContain("Checker: valid");
        File.Exists(Path.Combine(work, "plan", "plan.json")).ShouldBeTrue();

        // `example` writes the repository's examples byte for byte, and the written estate plans like the bundled one.
        var example = ChildProcess.Run(shuyaku, ["example"], work, Bound);
        example.Exit.ShouldBe(0, example.Err);
        example.Out.ShouldContain("Plan the case study: shuyaku plan examples/tdu-2006/estate.yaml");
        var repository = Path.Combine(RepositoryPaths.Root, "examples");
        var expected = Directory.GetFiles(repository, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(repository, f)).Order(StringComparer.Ordinal).ToList();
        var written = Path.Combine(work, "examples");
        Directory.GetFiles(written, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(written, f)).Order(StringComparer.Ordinal).ShouldBe(expected);
        foreach (var file in expected)
        {
            File.ReadAllBytes(Path.Combine(written, file)).ShouldBe(File.ReadAllBytes(Path.Combine(repository, file)), file);
        }

        var planFile = ChildProcess.Run(shuyaku, ["plan", "examples/tdu-2006/estate.yaml", "--out", "plan2"], work, Bound);
        planFile.Exit.ShouldBe(0, planFile.Err);
        Hosts(planFile.Out).ShouldBe(Hosts(plan.Out));

        var uninstall = Dotnet("tool", "uninstall", "--tool-path", tools, "Shuyaku");
        uninstall.Exit.ShouldBe(0, uninstall.Out + uninstall.Err);
        File.Exists(shuyaku).ShouldBeFalse();
        Directory.Exists(Path.Combine(tools, ".store", "shuyaku")).ShouldBeFalse();

        static string Hosts(string output) => Regex.Match(output, @"After: .*= \d+ hosts").Value;
    }

    [Fact]
    public void The_package_is_the_shuyaku_tool_with_the_readme_and_the_native_or_tools_of_every_supported_platform()
    {
        using var zip = ZipFile.OpenRead(package.Package);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        using (var reader = new StreamReader(zip.GetEntry("Shuyaku.nuspec")!.Open()))
        {
            var nuspec = reader.ReadToEnd();
            nuspec.ShouldContain("<id>Shuyaku</id>");
            nuspec.ShouldContain($"<version>{package.Version}</version>");
            nuspec.ShouldContain("<packageType name=\"DotnetTool\" />");
            nuspec.ShouldContain("<readme>README.md</readme>");
        }

        using (var reader = new StreamReader(zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open()))
        {
            reader.ReadToEnd().ShouldContain("<Command Name=\"shuyaku\" EntryPoint=\"shuyaku.dll\" Runner=\"dotnet\" />");
        }

        names.ShouldContain("README.md");
        string[] natives =
        [
            "linux-x64/native/libortools.so.9", "linux-arm64/native/libortools.so.9", "osx-arm64/native/libortools.9.dylib",
            "osx-x64/native/libortools.9.dylib", "win-x64/native/ortools.dll",
        ];
        foreach (var native in natives)
        {
            names.ShouldContain("tools/net10.0/any/runtimes/" + native);
        }
    }

    private (int Exit, string Out, string Err) Dotnet(params string[] args) => ChildProcess.Run(ChildProcess.Dotnet, args, package.Root, Bound);
}
