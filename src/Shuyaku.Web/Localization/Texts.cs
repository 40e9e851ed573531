using System.Resources;
using Shuyaku.Core.Localization;

namespace Shuyaku.Web.Localization;

/// <summary>
/// The web console's words for people, from <c>Strings.resx</c> (English) and <c>Strings.ja.resx</c> (Japanese) beside
/// this file, in the request's language (<see cref="ConsoleLanguage"/> sets the UI culture per request), looked up
/// through Core's <see cref="ResourceTexts"/>. Keys start with <c>web.</c>; <c>LocalizationTests</c> checks both files.
/// </summary>
internal static class Texts
{
    private static readonly ResourceTexts Resources = new(new ResourceManager("Shuyaku.Web.Localization.Strings", typeof(Texts).Assembly), "Shuyaku.Web");

    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public static string Get(string key) => Resources.Get(key);

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="culture"/> (the invariant culture: English).</summary>
    public static string In(System.Globalization.CultureInfo culture, string key) => Resources.In(culture, key);

    /// <summary>The text of <paramref name="key"/> with its placeholders (<c>{0}</c>, <c>{1}</c>, ...) filled in.</summary>
    public static string Format(string key, params object?[] args) => Resources.Format(key, args);

    /// <summary>The text of <paramref name="key"/> kept with its arguments, to be stored and shown later in the reader's language.</summary>
    public static StoredText Phrase(string key, params object?[] args) => StoredText.Of(key, args);

    /// <summary>A count with its noun: <paramref name="key"/><c>.one</c> or <c>.other</c>, <c>{0}</c> the number without separators.</summary>
    public static string Count(string key, long n) => Resources.Count(key, n, "0");
}
