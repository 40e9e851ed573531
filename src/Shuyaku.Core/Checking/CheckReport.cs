namespace Shuyaku.Core.Checking;

/// <summary>One broken requirement, with the hosts and workloads involved.</summary>
/// <param name="Kind">What kind of requirement broke (capacity, spread, failover, bound, ...).</param>
/// <param name="Message">The violation in a sentence.</param>
/// <param name="Hosts">The hosts involved.</param>
/// <param name="Workloads">The workloads involved.</param>
/// <param name="Failed">The failed hosts of the failure scenario it occurs in; empty in normal operation.</param>
public sealed record Violation(string Kind, string Message, IReadOnlyList<string> Hosts, IReadOnlyList<string> Workloads, IReadOnlyList<string>? Failed = null)
{
    /// <summary>Kind and message, as printed.</summary>
    public override string ToString() => $"{Kind}: {Message}";
}

/// <summary>Which arguments of the plan's lower bound the checker recomputed from the estate, and which it could not.</summary>
/// <param name="Verified">Reasons of the parts recomputed and found to hold (their host count is at most what the checker proves).</param>
/// <param name="Unverified">Reasons of the parts the checker cannot recompute (no kind, or an exact solver's bound): taken on trust.</param>
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
