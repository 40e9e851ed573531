using System.Reflection;

namespace Shuyaku.Solver.CpSat;

/// <summary>The versions of Google OR-Tools this program runs on: the managed wrapper's and the native library's.</summary>
public static class OrToolsRuntime
{
    /// <summary>The version of the Google.OrTools assembly (its informational version without the build's commit).</summary>
    public static string ManagedVersion
    {
        get
        {
            var assembly = typeof(Google.OrTools.Sat.CpModel).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return informational is null ? assembly.GetName().Version?.ToString() ?? "unknown" : informational.Split('+')[0];
        }
    }

    /// <summary>
    /// Loads the native OR-Tools library and asks it its version: the version it reports, or null and the reason when the
    /// library cannot be loaded (a missing or foreign native runtime).
    /// </summary>
    public static (string? Version, string? Failure) NativeVersion()
    {
        try
        {
            return (Google.OrTools.Init.OrToolsVersion.VersionString(), null);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            return (null, $"{cause.GetType().Name}: {cause.Message}");
        }
    }
}
