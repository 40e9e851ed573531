using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Shuyaku.Core.Localization;

/// <summary>
/// A text for people kept as its resource key and arguments, so that it can be stored in English in a file (plan.json,
/// move.json, a checker's JSON) and shown in the reader's language (docs/languages.md). Arguments are strings as they
/// are shown (numbers already formatted, invariant), other phrases, rendered in the same language, or functions that
/// word a text in the culture given (a list of problems another part words itself, asked for in that language).
/// </summary>
/// <param name="Key">The resource key (<c>check.capacity</c>).</param>
/// <param name="Args">The values of its placeholders <c>{0}</c>, <c>{1}</c>, ...</param>
public sealed partial record Phrase(string Key, IReadOnlyList<object?> Args)
{
    /// <summary>The phrase in the current UI culture's language.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    /// <summary>The phrase in English, as files store it: the same in every language.</summary>
    public string English => In(CultureInfo.InvariantCulture);

    /// <summary>Equal key and equal arguments, in order.</summary>
    public bool Equals(Phrase? other) =>
        other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    /// <summary>A hash of the key and the arguments.</summary>
    public override int GetHashCode() => Args.Aggregate(Key.GetHashCode(StringComparison.Ordinal), (h, a) => HashCode.Combine(h, a));

    /// <summary>The phrase in the language of <paramref name="culture"/>.</summary>
    public string In(CultureInfo culture) =>
        string.Format(CultureInfo.InvariantCulture, Texts.In(culture, Key), [.. Args.Select(a => a switch
        {
            Phrase p => p.In(culture),
            Func<CultureInfo, string> said => said(culture),
            _ => a,
        })]);

    /// <summary>
    /// The phrase of one of <paramref name="keys"/> whose English text, its placeholders filled, is exactly
    /// <paramref name="english"/> (each placeholder taken as the text it stands for); null when none is. This reads back
    /// texts a file stores in English without their arguments (the sizing breakdown's steps in plan.json).
    /// </summary>
    public static Phrase? Recognise(string english, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            var template = Texts.In(CultureInfo.InvariantCulture, key);
            var pattern = new StringBuilder("^");
            var seen = new HashSet<int>();
            var at = 0;
            foreach (Match m in Placeholder().Matches(template))
            {
                pattern.Append(Regex.Escape(template[at..m.Index]));
                var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                pattern.Append(seen.Add(n) ? $"(?<a{n}>.*?)" : $"\\k<a{n}>");
                at = m.Index + m.Length;
            }

            pattern.Append(Regex.Escape(template[at..])).Append('$');
            var match = Regex.Match(english, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (match.Success)
            {
                var phrase = new Phrase(key, [.. Enumerable.Range(0, seen.Count == 0 ? 0 : seen.Max() + 1).Select(i => (object?)match.Groups[$"a{i}"].Value)]);
                if (phrase.English == english)
                {
                    return phrase;
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
