using System.Globalization;
using System.Resources;

namespace Shuyaku.Core.Localization;

/// <summary>
/// Core's words for people, from <c>Strings.resx</c> (English) and <c>Strings.ja.resx</c> (Japanese) beside this file,
/// in the current UI culture's language (<see cref="Language"/>), looked up through <see cref="ResourceTexts"/>. Keys are
/// dotted names (<c>report.summary.title</c>); a key used here must exist in both files, which <c>LocalizationTests</c> verifies.
/// </summary>
public static class Texts
{
    private static readonly ResourceTexts Resources = new(new ResourceManager("Shuyaku.Core.Localization.Strings", typeof(Texts).Assembly), "Shuyaku.Core");

    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public static string Get(string key) => Resources.Get(key);

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="culture"/> (the invariant culture: English).</summary>
    public static string In(CultureInfo culture, string key) => Resources.In(culture, key);

    /// <summary>The text of <paramref name="key"/> with its placeholders (<c>{0}</c>, <c>{1}</c>, ...) filled in.</summary>
    public static string Format(string key, params object?[] args) => Resources.Format(key, args);

    /// <summary>
    /// The text of <paramref name="key"/> with its arguments kept, to be shown in the reader's language or stored in
    /// English (<see cref="Localization.Phrase"/>).
    /// </summary>
    public static Phrase Phrase(string key, params object?[] args) => new(key, args);

    /// <summary>
    /// A count with its noun: <paramref name="key"/><c>.one</c> when <paramref name="n"/> is 1, else <paramref name="key"/><c>.other</c>,
    /// each with <c>{0}</c> for the number in <paramref name="format"/>, by default with thousands separators ("1 host",
    /// "1,200 hosts"; Japanese "ホスト 3 台").
    /// </summary>
    public static string Count(string key, int n, string format = "N0") => Resources.Count(key, n, format);

    /// <summary>
    /// A count with its noun kept as a <see cref="Localization.Phrase"/>: <paramref name="key"/><c>.one</c> or
    /// <c>.other</c> with the number in <paramref name="format"/>, by default plain digits as files have always written them.
    /// </summary>
    public static Phrase Counted(string key, int n, string format = "0") =>
        new(n == 1 ? key + ".one" : key + ".other", [n.ToString(format, CultureInfo.InvariantCulture)]);
}
