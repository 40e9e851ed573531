using System.Resources;

namespace Shuyaku.Core.Localization;

/// <summary>
/// Core's words for people, from <c>Strings.resx</c> (English) and <c>Strings.ja.resx</c> (Japanese) beside this file,
/// in the current UI culture's language (<see cref="Language"/>). Keys are dotted names (<c>report.summary.title</c>);
/// a key used here must exist in both files, which <c>LocalizationTests</c> verifies.
/// </summary>
public static class Texts
{
    private static readonly TextSource Source = new(new ResourceManager("Shuyaku.Core.Localization.Strings", typeof(Texts).Assembly), "Shuyaku.Core");

    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public static string Get(string key) => Source.Get(key);

    /// <summary>The text of <paramref name="key"/> with its placeholders (<c>{0}</c>, <c>{1}</c>, ...) filled in.</summary>
    public static string Format(string key, params object?[] args) => Source.Format(key, args);

    /// <summary>
    /// A count with its noun: <paramref name="key"/><c>.one</c> when <paramref name="n"/> is 1, else <paramref name="key"/><c>.other</c>,
    /// each with <c>{0}</c> for the number in <paramref name="format"/>, by default with thousands separators ("1 host",
    /// "1,200 hosts"; Japanese "ホスト 3 台").
    /// </summary>
    public static string Count(string key, int n, string format = "N0") => Source.Count(key, n, format);
}
