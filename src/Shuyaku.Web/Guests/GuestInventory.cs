using System.Globalization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Guests;

/// <summary>
/// The guests of an estate: one per workload, with the capacity it holds (vCPUs as the planner counts them, peak memory,
/// disk) and what the estate file says of it in comments: owner, purpose, creation and expiry dates (docs/console.md).
/// </summary>
public static class GuestInventory
{
    /// <summary>Comment keys (compared ignoring case) whose value is the owner.</summary>
    public static readonly string[] OwnerKeys = ["owner"];

    /// <summary>Comment keys whose value is the purpose, the first found winning; the RVTools annotation comes last.</summary>
    public static readonly string[] PurposeKeys = ["purpose", "annotation"];

    /// <summary>Comment keys whose value is the expiry date (yyyy-MM-dd, or an ISO 8601 time whose date is taken).</summary>
    public static readonly string[] ExpiryKeys = ["expiry", "expires", "expiry date", "expiration date"];

    /// <summary>Comment keys whose value is the creation date; the RVTools importer writes <c># created yyyy-MM-dd</c>.</summary>
    public static readonly string[] CreatedKeys = ["created", "creation date"];

    /// <summary>The guests of <paramref name="estate"/>, read with the comments of <paramref name="sourceText"/>, in the estate's workload order.</summary>
    public static IReadOnlyList<NewGuest> Of(Estate estate, string sourceText)
    {
        var lines = sourceText.Split('\n');
        return estate.Workloads.Select(w =>
        {
            var notes = Comments(lines, estate.Sources.Workload(w.Id).Line);
            return new NewGuest(w.Id, Sizer.Vcpus(estate, w), w.Demand.MemoryMib.Pick(Statistic.Peak), w.Demand.DiskMib,
                Find(notes, OwnerKeys), Find(notes, PurposeKeys), Date(Find(notes, CreatedKeys)), Date(Find(notes, ExpiryKeys)));
        }).ToList();
    }

    /// <summary>
    /// The key-value comments of the workload entry that starts on <paramref name="line"/> (from 1): the comment lines
    /// right after that line, up to the first line that is not a comment; each as <c># key: value</c> or <c># key value</c>
    /// for the keys above. The key is lower-cased; comments without a value are left out.
    /// </summary>
    public static IReadOnlyList<(string Key, string Value)> Comments(IReadOnlyList<string> lines, int line)
    {
        var notes = new List<(string, string)>();
        for (var i = line; line > 0 && i < lines.Count; i++)
        {
            var text = lines[i].Trim();
            if (!text.StartsWith('#'))
            {
                break;
            }

            text = text.TrimStart('#').Trim();
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                notes.Add((text[..colon].Trim().ToLowerInvariant(), text[(colon + 1)..].Trim()));
            }
            else if (text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0)
            {
                notes.Add((text[..space].ToLowerInvariant(), text[(space + 1)..].Trim()));
            }
        }

        return notes.Where(n => n.Item2.Length > 0).ToList();
    }

    private static string? Find(IReadOnlyList<(string Key, string Value)> notes, string[] keys) =>
        keys.Select(k => notes.FirstOrDefault(n => n.Key == k).Value).FirstOrDefault(v => v is not null);

    /// <summary>A date in yyyy-MM-dd form, or the date of an ISO 8601 time; null for anything else.</summary>
    public static DateOnly? Date(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        return text.Length > 10 && text[10] == 'T' && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? DateOnly.FromDateTime(time.UtcDateTime)
            : null;
    }

    /// <summary>
    /// The estate without the workloads named in <paramref name="retired"/>: they leave the workload list and every
    /// rule's list; a rule left with no workload is dropped (a max-per-host rule that named none keeps applying to all).
    /// </summary>
    public static Estate Without(Estate estate, IReadOnlyCollection<string> retired)
    {
        if (retired.Count == 0)
        {
            return estate;
        }

        var gone = retired.ToHashSet(StringComparer.Ordinal);
        var rules = new List<Rule>();
        foreach (var rule in estate.Rules)
        {
            var left = rule.Workloads.Where(w => !gone.Contains(w)).ToList();
            if (rule.Workloads.Count == 0 || left.Count > 0)
            {
                rules.Add(rule.Workloads.Count == left.Count ? rule : rule with { Workloads = left });
            }
        }

        return estate with { Workloads = estate.Workloads.Where(w => !gone.Contains(w.Id)).ToList(), Rules = rules };
    }
}
