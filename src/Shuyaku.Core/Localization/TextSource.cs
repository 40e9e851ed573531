using System.Globalization;
using System.Resources;

namespace Shuyaku.Core.Localization;

/// <summary>
/// One assembly's words for people: its <c>Strings.resx</c> (English) and <c>Strings.ja.resx</c> (Japanese), looked up
/// in the current UI culture's language (<see cref="Language"/>). Core's <see cref="Texts"/> reads Core's; every other
/// assembly that speaks to people has a <c>Texts</c> class of its own over one of these (docs/languages.md).
/// </summary>
/// <param name="resources">The assembly's resources.</param>
/// <param name="owner">The assembly's name, as an error about a missing key names it.</param>
public sealed class TextSource(ResourceManager resources, string owner)
{
    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public string Get(string key) =>
        resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"no text '{key}' in {owner}'s resources");

    /// <summary>The text of <paramref name="key"/> with its placeholders (<c>{0}</c>, <c>{1}</c>, ...) filled in, numbers in the invariant format.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);

    /// <summary>
    /// A count with its noun: <paramref name="key"/><c>.one</c> when <paramref name="n"/> is 1, else <paramref name="key"/><c>.other</c>,
    /// each with <c>{0}</c> for the number in <paramref name="format"/>, by default with thousands separators ("1 host",
    /// "1,200 hosts"; Japanese "ホスト 3 台").
    /// </summary>
    public string Count(string key, long n, string format = "N0") =>
        Format(n == 1 ? key + ".one" : key + ".other", n.ToString(format, CultureInfo.InvariantCulture));
}
