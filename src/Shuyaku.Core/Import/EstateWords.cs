using System.Collections.Concurrent;
using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import;

/// <summary>
/// The estate reader's words (<c>estate.…</c> keys of <see cref="Texts"/>), each looked up once per language and kept
/// per language (a console serving both languages reads both at once): the reader names every entry it reads (<c>workload 'vm1'</c>, <c>workload 'vm1''s server</c>) in case it has an error, which is
/// hundreds of thousands of lookups on a large estate.
/// </summary>
internal static class EstateWords
{
    private static readonly ConcurrentDictionary<(string Culture, string Key), string> Words = new();

    /// <summary>The text of <paramref name="key"/> in the current UI culture's language.</summary>
    public static string T(string key) => Words.GetOrAdd((CultureInfo.CurrentUICulture.Name, key), k => Texts.Get(k.Key));

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in.</summary>
    public static string F(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(key), args);

    /// <summary>A field of an entry, named by its key in the file: "workload 'vm1''s server".</summary>
    public static string Of(string what, string key) => F("estate.label.of", what, key);
}
