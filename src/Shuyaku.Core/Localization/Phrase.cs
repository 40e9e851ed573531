using System.Globalization;

namespace Shuyaku.Core.Localization;

/// <summary>
/// A text for people kept as its resource key and arguments, so that it can be stored in English in a file (plan.json,
/// move.json, a checker's JSON) and shown in the reader's language (docs/languages.md). Arguments are strings as they
/// are shown (numbers already formatted, invariant), or other phrases, rendered in the same language.
/// </summary>
/// <param name="Key">The resource key (<c>check.capacity</c>).</param>
/// <param name="Args">The values of its placeholders <c>{0}</c>, <c>{1}</c>, ...</param>
public sealed record Phrase(string Key, IReadOnlyList<object?> Args)
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
        string.Format(CultureInfo.InvariantCulture, Texts.In(culture, Key), [.. Args.Select(a => a is Phrase p ? p.In(culture) : a)]);
}
