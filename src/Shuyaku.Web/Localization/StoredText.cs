using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shuyaku.Core.Localization;
using CoreTexts = Shuyaku.Core.Localization.Texts;

namespace Shuyaku.Web.Localization;

/// <summary>
/// A text for people the console stores when it happens (a plan's failure reason) as its resource key and arguments,
/// so that a page shows it in the reader's language while the API and the audit keep its English (docs/console.md#languages).
/// A <c>web.…</c> key is the console's, any other Core's. An argument is a string, null, another stored text, or the
/// same words already said in each language (<c>{"en": …, "ja": …}</c>: texts made outside the resources, such as an
/// estate's errors, asked for in every language when stored).
/// </summary>
public sealed class StoredText
{
    private StoredText(string key, IReadOnlyList<object?> args)
    {
        Key = key;
        Args = args;
    }

    /// <summary>The resource key.</summary>
    public string Key { get; }

    /// <summary>The values of its placeholders: strings, nulls, stored texts, or <c>IReadOnlyDictionary&lt;string, string&gt;</c> by language.</summary>
    public IReadOnlyList<object?> Args { get; }

    /// <summary>The text in English, as the API and the audit log show it.</summary>
    public string English => In(CultureInfo.InvariantCulture);

    /// <summary>The text in the current UI culture's language (the request's, on a page).</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    /// <summary>The text in the language of <paramref name="culture"/>.</summary>
    public string In(CultureInfo culture) =>
        string.Format(CultureInfo.InvariantCulture, Template(culture, Key), [.. Args.Select(a => a switch
        {
            StoredText t => t.In(culture),
            IReadOnlyDictionary<string, string> said => said.GetValueOrDefault(Language.FromTag(culture.Name) ?? Language.English) ?? said.GetValueOrDefault(Language.English),
            _ => a,
        })]);

    /// <summary>The console's text of <paramref name="key"/>, its arguments strings (numbers formatted the invariant way), stored texts or phrases.</summary>
    public static StoredText Of(string key, params object?[] args) => new(key, [.. args.Select(Argument)]);

    /// <summary>Core's phrase kept as it is; an argument that is a function of the language is asked for in each language now.</summary>
    public static StoredText From(Phrase phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        return new(phrase.Key, [.. phrase.Args.Select(Argument)]);
    }

    /// <summary>Words made outside the resources, said in each supported language by <paramref name="say"/>, with no words of the console around them.</summary>
    public static StoredText Said(Func<string> say) => Of("web.said", InEachLanguage(say));

    /// <summary>Texts one after another, separated by semicolons (<c>a; b; c</c>); null for none.</summary>
    public static StoredText? Joined(IEnumerable<StoredText> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        StoredText? joined = null;
        foreach (var part in parts)
        {
            joined = joined is null ? part : Of("web.joined", joined, part);
        }

        return joined;
    }

    /// <summary>
    /// The stored text <paramref name="json"/> in the current UI culture's language when it can be shown and its English is
    /// <paramref name="stored"/> (the words stored beside it); otherwise <paramref name="stored"/> as it is (rows stored
    /// before the text was kept, or with a key this build does not have).
    /// </summary>
    public static string? Shown(string? json, string? stored) =>
        FromJson(json) is { } text && (stored is null || text.English == stored) ? text.ToString() : stored;

    /// <summary>Words made outside the resources, said in each supported language by <paramref name="say"/> (run with that language as the UI culture).</summary>
    public static IReadOnlyDictionary<string, string> InEachLanguage(Func<string> say)
    {
        ArgumentNullException.ThrowIfNull(say);
        var said = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Language.Supported)
        {
            using var _ = Language.Use(language);
            said[language] = say();
        }

        return said;
    }

    /// <summary>The text as stored, in JSON: <c>{"key": …, "args": […]}</c>.</summary>
    public string ToJson() => Node(this).ToJsonString();

    /// <summary>
    /// A stored text read back, or null when there is none or it cannot be shown (not this shape, or a key this build
    /// does not have): the caller then shows the English stored beside it.
    /// </summary>
    public static StoredText? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var text = Read(JsonNode.Parse(json));
            foreach (var language in Language.Supported)
            {
                _ = text?.In(Language.Culture(language));
            }

            return text;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static object? Argument(object? a) => a switch
    {
        null => null,
        string s => s,
        StoredText t => t,
        Phrase p => From(p),
        IReadOnlyDictionary<string, string> said => said,
        Func<CultureInfo, string> say => Language.Supported.ToDictionary(l => l, l => say(Language.Culture(l)), StringComparer.Ordinal),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => a.ToString(),
    };

    private static string Template(CultureInfo culture, string key) =>
        key.StartsWith("web.", StringComparison.Ordinal) ? Texts.In(culture, key) : CoreTexts.In(culture, key);

    private static JsonObject Node(StoredText t) => new()
    {
        ["key"] = t.Key,
        ["args"] = new JsonArray([.. t.Args.Select(a => a switch
        {
            null => null,
            StoredText inner => (JsonNode)Node(inner),
            IReadOnlyDictionary<string, string> said => new JsonObject(said.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            _ => JsonValue.Create((string)a),
        })]),
    };

    private static StoredText? Read(JsonNode? node)
    {
        if (node is not JsonObject o || o["key"]?.GetValue<string>() is not { } key || o["args"] is not JsonArray args)
        {
            return null;
        }

        return new(key, [.. args.Select(a => a switch
        {
            null => null,
            JsonObject inner when inner.ContainsKey("key") => Read(inner) ?? throw new FormatException("not a stored text"),
            JsonObject said => (object)said.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal),
            _ => a.GetValue<string>(),
        })]);
    }
}
