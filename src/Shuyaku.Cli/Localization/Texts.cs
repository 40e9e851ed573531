using System.Resources;
using Shuyaku.Core.Localization;

namespace Shuyaku.Cli.Localization;

/// <summary>
/// The command line's words for people — help of every command and option, errors, tables, progress — from
/// <c>Strings.resx</c> (English) and <c>Strings.ja.resx</c> (Japanese) beside this file, in the current UI culture's
/// language (Core's <see cref="Language"/>). Keys start with <c>cli.</c>; <c>LocalizationTests</c> verifies that every
/// key used exists in both files.
/// </summary>
internal static class Texts
{
    private static readonly ResourceTexts Source = new(new ResourceManager("Shuyaku.Cli.Localization.Strings", typeof(Texts).Assembly), "shuyaku");

    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public static string Get(string key) => Source.Get(key);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in, numbers in the invariant format.</summary>
    public static string Format(string key, params object?[] args) => Source.Format(key, args);

    /// <summary>
    /// A count with its noun, or a sentence that depends on one: <paramref name="key"/><c>.one</c> when <paramref name="n"/>
    /// is 1, else <paramref name="key"/><c>.other</c>, with <c>{0}</c> for the number (thousands separated) and <c>{1}</c>,
    /// <c>{2}</c>, ... for <paramref name="args"/>.
    /// </summary>
    public static string Count(string key, long n, params object?[] args) => Source.Count(key, n, "N0", args);
}
