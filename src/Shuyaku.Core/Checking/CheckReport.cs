using System.Text.Json.Serialization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Checking;

/// <summary>One broken requirement, with the hosts and workloads involved.</summary>
/// <param name="Kind">What kind of requirement broke (capacity, spread, failover, bound, ...).</param>
/// <param name="Message">The violation in a sentence.</param>
/// <param name="Hosts">The hosts involved.</param>
/// <param name="Workloads">The workloads involved.</param>
/// <param name="Failed">The failed hosts of the failure scenario it occurs in; empty in normal operation.</param>
public sealed record Violation(string Kind, string Message, IReadOnlyList<string> Hosts, IReadOnlyList<string> Workloads, IReadOnlyList<string>? Failed = null)
{
    /// <summary>A violation whose message is <paramref name="text"/>, kept in English in <see cref="Message"/> (files and JSON) and shown by <see cref="Describe"/>.</summary>
    /// <param name="kind">What kind of requirement broke.</param>
    /// <param name="text">The violation in a sentence, as a phrase.</param>
    /// <param name="hosts">The hosts involved.</param>
    /// <param name="workloads">The workloads involved.</param>
    /// <param name="failed">The failed hosts of the failure scenario it occurs in.</param>
    public Violation(string kind, Phrase text, IReadOnlyList<string> hosts, IReadOnlyList<string> workloads, IReadOnlyList<string>? failed = null)
        : this(kind, text.English, hosts, workloads, failed) => Text = text;

    /// <summary>The message as a phrase, when the checker wrote it (null for a violation made from a message alone).</summary>
    [JsonIgnore]
    public Phrase? Text { get; init; }

    /// <summary>The message in the reader's language (docs/languages.md); <see cref="Message"/> stays English.</summary>
    public string Describe() => Text?.ToString() ?? Message;

    /// <summary>Kind and message, as printed.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>Which arguments of the plan's lower bound the checker recomputed from the estate, and which it could not.</summary>
/// <param name="Verified">Reasons of the parts recomputed and found to hold (their host count is at most what the checker proves).</param>
/// <param name="Unverified">Reasons of the parts the checker cannot recompute (no kind, an exact solver's bound, or an n+k-spares or n+k-slots part not decided within its work limit, with why): taken on trust.</param>
public sealed record BoundVerification(IReadOnlyList<string> Verified, IReadOnlyList<string> Unverified)
{
    /// <summary>No verification (the plan could not be checked).</summary>
    public static readonly BoundVerification None = new([], []);
}

/// <summary>The checker's verdict; a plan is valid when there is no violation.</summary>
/// <param name="Violations">Every violation found.</param>
/// <param name="ScenariosChecked">How many failure scenarios were walked.</param>
/// <param name="DigestMatches">Whether the plan was made from this estate file, byte for byte.</param>
/// <param name="InputError">Why the plan could not be checked against this estate at all, if so.</param>
/// <param name="Failures">The k of N+k checked: the estate's policy, or the one asked for.</param>
/// <param name="Bound">Which lower-bound arguments were verified; violations of them are among <paramref name="Violations"/>.</param>
public sealed record CheckReport(
    IReadOnlyList<Violation> Violations, int ScenariosChecked, bool DigestMatches, string? InputError = null, int Failures = 0, BoundVerification? Bound = null)
{
    /// <summary>No violation and no input error.</summary>
    public bool Valid => Violations.Count == 0 && InputError is null;
}
