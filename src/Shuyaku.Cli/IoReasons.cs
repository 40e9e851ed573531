using Shuyaku.Cli.Localization;

namespace Shuyaku.Cli;

/// <summary>
/// Why a file or folder could not be written, in the reader's language for the usual causes; .NET's own words (English)
/// for any other (docs/languages.md).
/// </summary>
internal static class IoReasons
{
    // errno values .NET keeps as the HResult of the IOException it throws on Linux and macOS.
    private const int NoSpace = 28, ReadOnly = 30;

    /// <summary>The reason <paramref name="e"/> gives, said plainly when it is a usual one.</summary>
    public static string Of(Exception e) => e switch
    {
        UnauthorizedAccessException => Texts.Get("cli.io.denied"),
        DirectoryNotFoundException => Texts.Get("cli.io.no-folder"),
        FileNotFoundException => Texts.Get("cli.io.cannot-create"),
        PathTooLongException => Texts.Get("cli.io.too-long"),
        IOException { HResult: NoSpace } => Texts.Get("cli.io.full"),
        IOException { HResult: ReadOnly } => Texts.Get("cli.io.read-only"),
        _ => e.Message,
    };
}
