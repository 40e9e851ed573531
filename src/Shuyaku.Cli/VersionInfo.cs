using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using System.Runtime.InteropServices;
using Shuyaku.Cli.Localization;
using Shuyaku.Solver.CpSat;

namespace Shuyaku.Cli;

/// <summary>
/// What <c>shuyaku --version</c> prints: Shuyaku's version and the commit it was built from, the OR-Tools versions
/// (managed wrapper and native library, which is loaded to ask it), and the .NET runtime with its platform and how the
/// program was deployed.
/// </summary>
internal static class VersionInfo
{
    /// <summary>Shuyaku's version without the commit (e.g. 0.1.0).</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The commit the program was built from, or "unknown" when it was built outside a git checkout.</summary>
    public static string Commit => Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : "unknown";

    private static string Informational =>
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>
    /// How the program runs, as the key of its words: one self-contained file, self-contained in a folder, or on an
    /// installed .NET.
    /// </summary>
    public static string DeploymentKey
    {
        get
        {
            // A single-file bundle has no assembly paths (which is what IL3000 warns of, and what is asked here); a
            // self-contained app carries the runtime in its own folder.
#pragma warning disable IL3000
            if (string.IsNullOrEmpty(typeof(VersionInfo).Assembly.Location))
            {
                return "cli.version.single-file";
            }

            var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
            var appDir = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
#pragma warning restore IL3000
            return string.Equals(runtimeDir, appDir, StringComparison.Ordinal) ? "cli.version.self-contained" : "cli.version.framework-dependent";
        }
    }

    /// <summary>The lines <c>--version</c> prints, in the current language, and whether the native OR-Tools library loaded.</summary>
    public static (IReadOnlyList<string> Lines, bool NativeLoaded) Describe()
    {
        var (native, failure) = OrToolsRuntime.NativeVersion();
        var commit = Commit == "unknown" ? Texts.Get("cli.version.unknown") : Commit;
        return (
        [
            $"shuyaku {Version}",
            Texts.Format("cli.version.commit", commit),
            Texts.Format("cli.version.or-tools", OrToolsRuntime.ManagedVersion, native ?? Texts.Format("cli.version.not-loaded", failure)),
            Texts.Format("cli.version.dotnet", Environment.Version, RuntimeInformation.RuntimeIdentifier, Texts.Get(DeploymentKey)),
        ], native is not null);
    }

    /// <summary>Replaces System.CommandLine's --version (the bare informational version) by <see cref="Describe"/>.</summary>
    public static void Attach(RootCommand root, CliContext context)
    {
        var option = root.Options.OfType<VersionOption>().Single();
        option.Description = Texts.Get("cli.option.version");
        option.Action = new PrintAction(context);
    }

    private sealed class PrintAction(CliContext context) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var (lines, loaded) = Describe();
            foreach (var line in lines)
            {
                context.Out.Profile.Out.Writer.WriteLine(line);
            }

            // The native library must load for any solve to work: an install without it is broken, and says so.
            return loaded ? ExitCodes.Ok : ExitCodes.InternalError;
        }
    }
}
