using System.Globalization;

namespace Shuyaku.Core.Localization;

/// <summary>
/// The languages Shuyaku speaks to people, and how one is chosen (docs/languages.md): <c>--lang</c> first, then the
/// POSIX locale variables (<c>LC_ALL</c>, <c>LC_MESSAGES</c>, <c>LANG</c>, the first that is set), else English. Files
/// (plan.json, CSV, configurations) never depend on it.
/// </summary>
public static class Language
{
    /// <summary>English, the default and the language every resource is written in first.</summary>
    public const string English = "en";

    /// <summary>Japanese.</summary>
    public const string Japanese = "ja";

    /// <summary>Every language a user may choose, as <c>--lang</c> takes it.</summary>
    public static readonly IReadOnlyList<string> Supported = [English, Japanese];

    /// <summary>
    /// The supported language a locale or language tag names (<c>ja_JP.UTF-8</c>, <c>ja-JP</c>, <c>en</c>, <c>EN_us</c>), or
    /// null when it names another language or none (<c>C</c>, <c>POSIX</c>, empty).
    /// </summary>
    public static string? FromTag(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('_', '-', '.', '@')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }

    /// <summary>
    /// The language the POSIX locale variables ask for: the first of <c>LC_ALL</c>, <c>LC_MESSAGES</c> and <c>LANG</c> that is
    /// set and not empty decides (as POSIX orders them); English when it names another language, or when none is set.
    /// </summary>
    public static string FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        foreach (var name in (string[])["LC_ALL", "LC_MESSAGES", "LANG"])
        {
            if (variable(name) is { Length: > 0 } value)
            {
                return FromTag(value) ?? English;
            }
        }

        return English;
    }

    /// <summary>
    /// The language an HTTP <c>Accept-Language</c> header prefers among the supported ones (by its q-values, then by order);
    /// English when it names none of them or is absent.
    /// </summary>
    public static string FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return English;
        }

        var best = (Language: English, Q: -1.0, Index: 0);
        var parts = header.Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            var fields = parts[i].Split(';');
            var q = 1.0;
            foreach (var field in fields.Skip(1))
            {
                var kv = field.Trim();
                if (kv.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    !double.TryParse(kv[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out q))
                {
                    q = 0;
                }
            }

            if (FromTag(fields[0]) is { } language && q > 0 && q > best.Q)
            {
                best = (language, q, i);
            }
        }

        return best.Language;
    }

    /// <summary>The culture resources of <paramref name="language"/> are looked up by.</summary>
    public static CultureInfo Culture(string language) =>
        CultureInfo.GetCultureInfo(FromTag(language) ?? throw new ArgumentException($"'{language}' is not one of {string.Join(", ", Supported)}.", nameof(language)));

    /// <summary>The language of the current UI culture: Japanese when it is Japanese, else English.</summary>
    public static string Current => FromTag(CultureInfo.CurrentUICulture.Name) ?? English;

    /// <summary>
    /// Speaks <paramref name="language"/> on this thread and the work it starts until the result is disposed, which
    /// restores the previous UI culture. Number formats stay invariant (docs/languages.md).
    /// </summary>
    public static IDisposable Use(string language)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture(language);
        return new Restore(previous);
    }

    private sealed class Restore(CultureInfo previous) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
