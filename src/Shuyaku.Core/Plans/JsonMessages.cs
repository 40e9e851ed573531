using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shuyaku.Core.Plans;

/// <summary>System.Text.Json's messages in a file format's own words, without .NET type names; plan.json and move.json share it.</summary>
internal static class JsonMessages
{
    /// <summary>
    /// Where <paramref name="e"/> happened (1-based line and column, and " at PATH" unless it is the root) and what it
    /// means, said plainly as <see cref="Plainly"/> does.
    /// </summary>
    public static (int Line, int Column, string Where, string Plainly) Describe(JsonException e, Func<string, string> tooDeep, string empty)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
        return ((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, where, Plainly(message.TrimEnd('.'), tooDeep, empty));
    }

    /// <summary>
    /// <paramref name="message"/> said plainly: <paramref name="tooDeep"/> gives the sentence for nesting beyond the given
    /// depth, <paramref name="empty"/> the one for a file with no JSON at all.
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
                "System.Int32" or "System.Int64" => "the value is not a whole number",
                "System.Double" => "the value is not a number",
                "System.String" => "the value is not a string",
                "System.Boolean" => "the value is not true or false",
                var type when type.StartsWith("System.Collections.", StringComparison.Ordinal) => "the value is not a list",
                _ => "the value has the wrong type",
            };
        }

        if (Regex.Match(message, "^The JSON property '(.+)' could not be mapped to any .NET member contained in type '.+'$") is { Success: true } unknown)
        {
            return $"unknown field '{unknown.Groups[1].Value}'";
        }

        if (Regex.Match(message, "^JSON deserialization for type '.+' was missing required properties including: (.+)$") is { Success: true } missing)
        {
            return $"required fields are missing: {missing.Groups[1].Value}";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
        {
            return "the value is null where the format has a value";
        }

        return Regex.Replace(message, @"'?(System|Shuyaku)\.[A-Za-z0-9_.`\[\], ]+'?", "a value");
    }
}
