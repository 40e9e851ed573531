using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Shuyaku.Cli;

/// <summary>
/// Range checks for numeric options. They look at the typed token only when it is a number: System.CommandLine reports an
/// unparsable token itself, and asking a validator's result for its value then throws instead.
/// </summary>
internal static class OptionRanges
{
    public static void MustBe(this Option<double> option, Func<double, bool> ok, string error) =>
        option.Validators.Add(r =>
        {
            if (Token(r) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !ok(v))
            {
                r.AddError(error);
            }
        });

    public static void MustBe(this Option<int?> option, Func<int, bool> ok, string error) =>
        option.Validators.Add(r =>
        {
            if (Token(r) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && !ok(v))
            {
                r.AddError(error);
            }
        });

    private static string? Token(OptionResult r) => r.Tokens.Count == 1 ? r.Tokens[0].Value : null;
}
