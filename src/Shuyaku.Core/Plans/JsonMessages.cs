using System.Text.Json;
using System.Text.RegularExpressions;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Plans;

/// <summary>System.Text.Json's messages in a file format's own words, without .NET type names; plan.json and move.json share it.</summary>
internal static partial class JsonMessages
{
    /// <summary>
    /// Where <paramref name="e"/> happened (1-based line and column, and its JSON path unless it is the root, else null)
    /// and what it means, said plainly as <see cref="Plainly"/> does, in the reader's language.
    /// </summary>
    public static (int Line, int Column, string? Path, string Plainly) Describe(JsonException e, Func<string, string> tooDeep, string empty)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        // The reader's own place ("LineNumber: 0 | BytePositionInLine: 8") is the line and column given beside it.
        message = ReaderPlace().Replace(message, "");
        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path;
        return ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, where, Plainly(message.TrimEnd('.'), tooDeep, empty));
    }

    /// <summary>The plain sentence for a value of the wrong type, in the reader's language (callers refine it per field).</summary>
    public static string WrongType => Texts.Get("json.wrong-type");

    /// <summary>
    /// <paramref name="message"/> said plainly: <paramref name="tooDeep"/> gives the sentence for nesting beyond the given
    /// depth, <paramref name="empty"/> the one for a file with no JSON at all. A message of System.Text.Json's that is not
    /// recognised is given in its own words (English), with .NET type names replaced.
    /// </summary>
    public static string Plainly(string message, Func<string, string> tooDeep, string empty)
    {
        if (Regex.Match(message, "maximum configured depth of ([0-9]+) has been exceeded") is { Success: true } deep)
        {
            return tooDeep(deep.Groups[1].Value);
        }

        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return empty;
        }

        if (Regex.Match(message, "^The JSON value could not be converted to (.+)$") is { Success: true } converted)
        {
            return converted.Groups[1].Value switch
            {
                "System.Int32" or "System.Int64" => Texts.Get("json.whole-number"),
                "System.Double" => Texts.Get("json.number"),
                "System.String" => Texts.Get("json.string"),
                "System.Boolean" => Texts.Get("json.boolean"),
                var type when type.StartsWith("System.Collections.", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => Texts.Get("json.list"),
                _ => WrongType,
            };
        }

        if (Regex.Match(message, "^The JSON property '(.+)' could not be mapped to any .NET member contained in type '.+'$") is { Success: true } unknown)
        {
            return Texts.Format("json.unknown-field", unknown.Groups[1].Value);
        }

        if (Regex.Match(message, "^JSON deserialization for type '.+' was missing required properties including: (.+)$") is { Success: true } missing)
        {
            return Texts.Format("json.missing", missing.Groups[1].Value);
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return Texts.Get("json.null");
        }

        if (Syntax(message) is { } syntax)
        {
            return syntax;
        }

        return Regex.Replace(message, @"'?(System|Shuyaku)\.[A-Za-z0-9_.`\[\], ]+'?", "a value");
    }

    /// <summary>The JSON reader's syntax errors (text that is not JSON), said plainly; null for any other message.</summary>
    private static string? Syntax(string message)
    {
        (string Pattern, string Key)[] said =
        [
            (@"^'(.*)' is invalid after a value\. Expected either ',', '\}', or '\]'$", "json.syntax.after-value"),
            (@"^'(.*)' is invalid after a property name\. Expected a ':'$", "json.syntax.colon"),
            (@"^'(.*)' is an invalid JSON literal\. Expected the literal '(.*)'$", "json.syntax.literal"),
            (@"^The JSON (?:object|array) contains a trailing comma at the end", "json.syntax.trailing-comma"),
            (@"^Expected end of string, but instead reached end of data$", "json.syntax.open-string"),
            (@"^'(.*)' is invalid after a single JSON value\. Expected end of data$", "json.syntax.after-end"),
            (@"^'(.*)' is an invalid escapable character within a JSON string", "json.syntax.escape"),
            (@"^'(.*)' is invalid within a JSON string", "json.syntax.control"),
            (@"^Invalid leading zero before '(.*)'$", "json.syntax.leading-zero"),
            (@"^'(.*)' is invalid within a number", "json.syntax.number"),
            (@"^'(.*)' is an invalid start of a property name\. Expected a '""'$", "json.syntax.name"),
            (@"^'(.*)' is an invalid start of a value$", "json.syntax.value"),
            (@"^Expected depth to be zero at the end of the JSON payload", "json.syntax.unclosed"),
            (@"reached end of data$", "json.syntax.unclosed"),
        ];
        foreach (var (pattern, key) in said)
        {
            if (Regex.Match(message, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)) is { Success: true } m)
            {
                return Texts.Format(key, [.. m.Groups.Cast<Group>().Skip(1).Select(g => (object?)g.Value)]);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?$")]
    private static partial Regex ReaderPlace();
}
