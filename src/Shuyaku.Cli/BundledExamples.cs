using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Cli;

/// <summary>
/// The repository's examples/ folder, compiled into the program as resources so that every way of installing it
/// (the .NET tool, a single-file binary, a build) carries them: <c>plan</c> without an estate reads the case study
/// from here, and <c>shuyaku example</c> writes them all out for a user to read and edit.
/// </summary>
internal static class BundledExamples
{
    /// <summary>The case-study estate's name, as diagnostics about it show it.</summary>
    public const string Estate = "examples/tdu-2006/estate.yaml";

    private const string Prefix = "examples/";

    /// <summary>Every bundled file, as a path relative to the folder the examples are written to (examples/...), sorted.</summary>
    public static IReadOnlyList<string> Files { get; } = typeof(BundledExamples).Assembly.GetManifestResourceNames()
        .Select(name => name.Replace('\\', '/'))
        .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The bytes of one bundled file (<paramref name="file"/> as listed in <see cref="Files"/>).</summary>
    public static byte[] Read(string file)
    {
        var assembly = typeof(BundledExamples).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.Replace('\\', '/') == file);
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>
    /// Reads the estate at <paramref name="estatePath"/> (relative to the working directory), or the bundled case study
    /// when it is null; returns the result and the name its diagnostics use.
    /// </summary>
    public static (ReadResult<Estate> Read, string Path) ReadEstateOrExample(CliContext context, string? estatePath)
    {
        if (estatePath is null)
        {
            return (EstateFit.ReadAndCheck(Read(Estate), Estate), Estate);
        }

        var path = context.Resolve(estatePath);
        return (EstateFit.ReadAndCheckFile(path), path);
    }
}
