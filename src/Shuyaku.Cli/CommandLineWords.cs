using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Shuyaku.Cli.Localization;

namespace Shuyaku.Cli;

/// <summary>
/// System.CommandLine's own words — the help's headings, <c>[default: …]</c>, <c>(REQUIRED)</c>, the usage line's
/// placeholders and the parse errors it makes — in the command line's language. Its package ships only some of them in
/// Japanese, so each is taken from its resources by id in English (and, for errors, in the current language as well,
/// to recognise a message already translated) and given again from ours: key <c>cli.scl.</c> plus the id written in
/// lower case with dashes (<c>HelpUsageTitle</c> is <c>cli.scl.help-usage-title</c>). English output is unchanged.
/// </summary>
internal static class CommandLineWords
{
    private const string Prefix = "cli.scl.";

    private static readonly ResourceManager Theirs = new("System.CommandLine.Properties.Resources", typeof(Command).Assembly);

    /// <summary>The help's headings, each a line of its own.</summary>
    private static readonly string[] Headings =
    [
        "cli.scl.help-description-title", "cli.scl.help-usage-title", "cli.scl.help-arguments-title", "cli.scl.help-options-title",
        "cli.scl.help-commands-title", "cli.scl.help-additional-arguments-title",
    ];

    /// <summary>The help's words inside lines: the usage line's placeholders and the option labels.</summary>
    private static readonly string[] InLine = ["cli.scl.help-usage-options", "cli.scl.help-usage-command", "cli.scl.help-options-required-label"];

    /// <summary>
    /// The parse errors System.CommandLine makes, translated with their arguments; a message more specific than another
    /// that would also match it comes first.
    /// </summary>
    private static readonly string[] Errors =
    [
        "cli.scl.unrecognized-command-or-argument", "cli.scl.unrecognized-argument", "cli.scl.command-required-argument-missing",
        "cli.scl.option-required-argument-missing", "cli.scl.required-command-was-not-provided", "cli.scl.required-option-was-not-provided",
        "cli.scl.option-expects-one-argument", "cli.scl.argument-conversion-cannot-parse-for-option",
        "cli.scl.argument-conversion-cannot-parse-for-command", "cli.scl.argument-conversion-cannot-parse", "cli.scl.file-does-not-exist", "cli.scl.directory-does-not-exist",
        "cli.scl.file-or-directory-does-not-exist", "cli.scl.invalid-characters-in-path", "cli.scl.invalid-characters-in-file-name",
        "cli.scl.response-file-not-found", "cli.scl.error-reading-response-file", "cli.scl.version-option-cannot-be-combined-with-other-arguments",
    ];

    /// <summary>Makes the help of <paramref name="root"/> and of every command under it speak the current language.</summary>
    public static void Localise(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new LocalisedHelp(help.Action!);
    }

    /// <summary>System.CommandLine's text of <paramref name="key"/>'s id in <paramref name="culture"/>.</summary>
    private static string? TheirText(string key, CultureInfo culture) => Theirs.GetString(Id(key), culture);

    /// <summary><c>cli.scl.help-usage-title</c> → <c>HelpUsageTitle</c>.</summary>
    internal static string Id(string key) =>
        string.Concat(key[Prefix.Length..].Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    /// <summary>Help as System.CommandLine writes it in English, with its words replaced by ours.</summary>
    internal static string TranslateHelp(string help)
    {
        var lines = help.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var heading = Headings.FirstOrDefault(k => line.TrimEnd('\r') == TheirText(k, CultureInfo.InvariantCulture));
            if (heading is not null)
            {
                lines[i] = Texts.Get(heading) + line[line.TrimEnd('\r').Length..];
                continue;
            }

            foreach (var key in InLine)
            {
                // The label ends the first column, whose width was measured with System.CommandLine's word: ours is
                // padded to the same width in the terminal (a Japanese character takes two columns), so the second
                // column stays aligned.
                var theirs = TheirText(key, CultureInfo.InvariantCulture)!;
                var ours = Texts.Get(key);
                line = line.Replace(theirs, key == "cli.scl.help-options-required-label" ? ours.PadRight(ours.Length + Math.Max(0, Columns(theirs) - Columns(ours))) : ours, StringComparison.Ordinal);
            }

            // "[default: 10]" (wrapped lines may cut it after the colon).
            var label = TheirText("cli.scl.help-argument-default-value-label", CultureInfo.InvariantCulture);
            lines[i] = line.Replace("[" + label + ":", "[" + Texts.Get("cli.scl.help-argument-default-value-label") + ":", StringComparison.Ordinal);
        }

        return string.Join('\n', lines);
    }

    /// <summary>The columns <paramref name="text"/> takes in a terminal: two for a wide (CJK, full-width) character.</summary>
    private static int Columns(string text) => text.Sum(c => c is >= '\u1100' and (<= '\u115F' or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6')) ? 2 : 1);

    /// <summary>
    /// A parse error of System.CommandLine in the current language: its message matched against its English text and
    /// against its current language's, and written again from ours with the same arguments (or by <paramref name="special"/>,
    /// given our key and the arguments, when it returns a text). A message it does not recognise is returned as it is.
    /// </summary>
    internal static string TranslateError(string message, Func<string, string[], string?>? special = null)
    {
        foreach (var key in Errors)
        {
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.CurrentUICulture })
            {
                if (TheirText(key, culture) is not { } template || Match(template, message) is not { } args)
                {
                    continue;
                }

                return special?.Invoke(key, args) ?? Texts.Format(key, args);
            }
        }

        return message;
    }

    /// <summary>The arguments of <paramref name="message"/> when it is <paramref name="template"/> filled in, else null.</summary>
    private static string[]? Match(string template, string message)
    {
        var pattern = new StringBuilder("^");
        var order = new List<int>();
        foreach (var part in Regex.Split(template, @"(\{\d+\})"))
        {
            if (part.Length > 2 && part[0] == '{' && part[^1] == '}' && int.TryParse(part[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                pattern.Append("(.*)");
                order.Add(n);
            }
            else
            {
                pattern.Append(Regex.Escape(part));
            }
        }

        var m = Regex.Match(message, pattern.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        if (!m.Success)
        {
            return null;
        }

        var args = new string[order.Count == 0 ? 0 : order.Max() + 1];
        for (var i = 0; i < order.Count; i++)
        {
            args[order[i]] = m.Groups[i + 1].Value;
        }

        return args;
    }

    /// <summary>
    /// The <c>--version</c> option's check that it stands alone, allowing <c>--lang</c> and <c>--verbose</c> beside it
    /// (System.CommandLine's own refuses any other option, so <c>shuyaku --lang ja --version</c> failed).
    /// </summary>
    public static void AllowBesideVersion(VersionOption version, params string[] allowed)
    {
        version.Validators.Clear();
        version.Validators.Add(result =>
        {
            if (result.Parent is System.CommandLine.Parsing.CommandResult parent &&
                parent.Children.Any(r => r is not System.CommandLine.Parsing.OptionResult { Option: VersionOption }
                    and not System.CommandLine.Parsing.OptionResult { Implicit: true }
                    && !(r is System.CommandLine.Parsing.OptionResult o && allowed.Contains(o.Option.Name))))
            {
                result.AddError(Texts.Format("cli.scl.version-option-cannot-be-combined-with-other-arguments", result.IdentifierToken?.Value ?? result.Option.Name));
            }
        });
    }

    /// <summary>Runs System.CommandLine's help in English into a buffer and writes it translated.</summary>
    private sealed class LocalisedHelp(CommandLineAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var config = parseResult.InvocationConfiguration;
            var output = config.Output;
            var culture = CultureInfo.CurrentUICulture;
            using var buffer = new StringWriter(CultureInfo.InvariantCulture);
            int code;
            try
            {
                config.Output = buffer;
                CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
                code = ((SynchronousCommandLineAction)inner).Invoke(parseResult);
            }
            finally
            {
                CultureInfo.CurrentUICulture = culture;
                config.Output = output;
            }

            output.Write(TranslateHelp(buffer.ToString()));
            return code;
        }
    }
}
