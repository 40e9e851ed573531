using System.Globalization;
using System.Resources;

namespace Shuyaku.Core.Localization;

/// <summary>
/// The words of one assembly's <c>Strings.resx</c> / <c>Strings.ja.resx</c>, looked up in the current UI culture's
/// language (<see cref="Language"/>). Core's <see cref="Texts"/> is one; every other assembly that speaks to people
/// (the web console) makes its own over its own resources, so the lookup, the formatting and the counts are the same
/// everywhere (docs/languages.md).
/// </summary>
/// <param name="resources">The resources: <c>new ResourceManager("Assembly.Localization.Strings", assembly)</c>.</param>
/// <param name="owner">The assembly's name, for the message of a missing key.</param>
public sealed class ResourceTexts(ResourceManager resources, string owner)
{
    /// <summary>The text of <paramref name="key"/> in the current language.</summary>
    public string Get(string key) => In(CultureInfo.CurrentUICulture, key);

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="culture"/> (the invariant culture: English).</summary>
    public string In(CultureInfo culture, string key) =>
        resources.GetString(key, culture) ?? throw new KeyNotFoundException($"no text '{key}' in {owner}'s resources");

    /// <summary>The text of <paramref name="key"/> with its placeholders (<c>{0}</c>, <c>{1}</c>, ...) filled in.</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, Get(key), args);

    /// <summary>
    /// A count with its noun: <paramref name="key"/><c>.one</c> when <paramref name="n"/> is 1, else <paramref name="key"/><c>.other</c>,
    /// each with <c>{0}</c> for the number in <paramref name="format"/>, by default with thousands separators, and <c>{1}</c>,
    /// <c>{2}</c>, ... for <paramref name="args"/> (a sentence that depends on the count).
    /// </summary>
    public string Count(string key, long n, string format = "N0", params object?[] args) =>
        Format(n == 1 ? key + ".one" : key + ".other", [n.ToString(format, CultureInfo.InvariantCulture), .. args]);
}
