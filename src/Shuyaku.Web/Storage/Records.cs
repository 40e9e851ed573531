using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>What a user may do: a viewer reads, an operator also uploads and plans, an admin also manages users.</summary>
public enum Role
{
    /// <summary>Reads every page and the API; changes nothing.</summary>
    Viewer,

    /// <summary>A viewer who also uploads estates and runs plans.</summary>
    Operator,

    /// <summary>An operator who also manages users and reads the audit log.</summary>
    Admin,
}

/// <summary>The role names as stored and shown.</summary>
public static class Roles
{
    /// <summary>The stored name of a role: viewer, operator or admin.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Admin => "admin",
        Role.Operator => "operator",
        _ => "viewer",
    };

    /// <summary>The role with a stored name, or null when the name is none of them.</summary>
    public static Role? Parse(string? name) => name switch
    {
        "admin" => Role.Admin,
        "operator" => Role.Operator,
        "viewer" => Role.Viewer,
        _ => null,
    };
}

/// <summary>A local account: the password only as its hash.</summary>
public sealed record UserRecord(long Id, string Name, string PasswordHash, Role Role, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>An uploaded estate file, kept verbatim with its SHA-256.</summary>
public sealed record EstateRecord(long Id, string Name, string FileName, string SourceText, string Digest, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>Where a plan is: queued, running, done (a plan exists), infeasible (no placement exists) or failed (an error).</summary>
public static class PlanStatus
{
    /// <summary>Waiting for the planner.</summary>
    public const string Queued = "queued";

    /// <summary>Being planned; the progress column says which step.</summary>
    public const string Running = "running";

    /// <summary>Planned and checked; plan.json is stored.</summary>
    public const string Done = "done";

    /// <summary>No placement exists; the message says why.</summary>
    public const string Infeasible = "infeasible";

    /// <summary>Planning failed (the estate no longer reads, or a bug); the message says why.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// A plan run of an estate and, once done, its plan.json and headline figures. <see cref="PlanJson"/> is read only
/// with one plan (<c>ConsoleStore.PlanAsync</c>); lists leave it null and say by <see cref="HasPlanJson"/> whether one is stored.
/// </summary>
public sealed record PlanRecord(
    long Id,
    long EstateId,
    string Status,
    string Progress,
    string? InputsDigest,
    string? PlanJson,
    long? Hosts,
    long? LowerBound,
    long? Failures,
    bool? CheckerValid,
    string? Message,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? MessageText = null)
{
    /// <summary>
    /// The message in the current UI culture's language when it was stored as a <see cref="StoredText"/>
    /// (<see cref="MessageText"/>); otherwise, as plans stored before, <see cref="Message"/> as it is.
    /// </summary>
    public string? Reason => StoredText.FromJson(MessageText)?.ToString() ?? Message;

    /// <summary>Whether the plan has a stored plan.json (also in lists, which do not read it).</summary>
    public bool HasPlanJson { get; init; }
}

/// <summary>
/// A finished plan's result, stored in one transaction: <see cref="Message"/> in English (the API's and the audit's),
/// <see cref="Why"/>, when given, the same text kept to be shown in the reader's language.
/// </summary>
public sealed record PlanResult(string Status, string? InputsDigest, string? PlanJson, int? Hosts, int? LowerBound, int? Failures, bool? CheckerValid, string? Message,
    StoredText? Why = null)
{
    /// <summary>A result without a plan (failed or infeasible) whose reason is <paramref name="why"/>.</summary>
    public static PlanResult NoPlan(string status, StoredText why) => new(status, null, null, null, null, null, null, why.English, why);
}

/// <summary>An estate with its newest plan (null before the first plan), for the dashboard.</summary>
public sealed record EstateSummary(EstateRecord Estate, PlanRecord? LatestPlan);

/// <summary>One change: who made it, when, what kind, on what, and the details.</summary>
public sealed record AuditEntry(long Id, string Actor, DateTimeOffset At, string Action, string Object, string Detail, string? DetailText = null)
{
    /// <summary>The detail in the current UI culture's language when it was kept as a stored text (version 8 on); otherwise <see cref="Detail"/> (English) as stored.</summary>
    public string ShownDetail => StoredText.Shown(DetailText, Detail) ?? Detail;
}

/// <summary>Where a guest is in its life: active, marked for retirement, or retired.</summary>
public static class GuestState
{
    /// <summary>Running and counted in plans.</summary>
    public const string Active = "active";

    /// <summary>Chosen to go; still counted in plans until retired.</summary>
    public const string Marked = "marked";

    /// <summary>Gone: left out of the next plans of its estate, and out of the sprawl lists.</summary>
    public const string Retired = "retired";
}

/// <summary>A guest as taken from its estate's workload: what it holds and what people know of it.</summary>
public sealed record NewGuest(string Name, long Vcpus, double MemoryMib, double DiskMib, string? Owner, string? Purpose, DateOnly? CreatedOn, DateOnly? ExpiresOn);

/// <summary>
/// A guest (one workload of an uploaded estate) with its owner, purpose, dates and state, and, when a query asked for
/// them, its last active day and window peak under that query's threshold and window.
/// </summary>
public sealed record GuestRecord(
    long Id,
    long EstateId,
    string EstateName,
    string Name,
    long Vcpus,
    double MemoryMib,
    double DiskMib,
    string? Owner,
    string? Purpose,
    DateOnly? CreatedOn,
    DateOnly? ExpiresOn,
    string State,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    DateOnly? LastActiveDay,
    double? WindowPeak);

/// <summary>What an operator may change of a guest by hand.</summary>
public sealed record GuestEdit(string? Owner, string? Purpose, DateOnly? ExpiresOn);

/// <summary>The capacity a set of guests holds: how many, their vCPUs, memory (MiB) and disk (MiB).</summary>
public sealed record Held(long Guests, long Vcpus, double MemoryMib, double DiskMib);

/// <summary>A done what-if's answer: as WhatIfJson writes it, the new plan's plan.json when it re-planned, whether it holds, and its sentences kept as stored texts.</summary>
public sealed record WhatIfAnswer(string ResultJson, string? NewPlanJson, bool Holds, AnswerTexts Texts);

/// <summary>A what-if of a plan: what was asked (as JSON and in words) and, once done, the answer as WhatIfJson writes it.</summary>
public sealed record WhatIfRecord(
    long Id,
    long PlanId,
    string Status,
    string Progress,
    string RequestJson,
    string Summary,
    string? ResultJson,
    string? NewPlanJson,
    bool? Holds,
    string? Message,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? MessageText = null,
    string? AnswerText = null)
{
    /// <summary>The message in the current UI culture's language when it was kept as a stored text (version 8 on); otherwise <see cref="Message"/> as stored.</summary>
    public string? Reason => StoredText.Shown(MessageText, Message);

    /// <summary>The answer's sentences kept as stored texts, or null (answers stored before version 8).</summary>
    public AnswerTexts? Texts => AnswerTexts.FromJson(AnswerText);
}

/// <summary>The move plan of a plan: queued, running, done (move.json stored), or failed with a message.</summary>
public sealed record MoveRecord(
    long Id,
    long PlanId,
    string Status,
    string? MoveJson,
    long? Violations,
    string? Message,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? MessageText = null)
{
    /// <summary>The message in the current UI culture's language when it was kept as a stored text (version 8 on); otherwise <see cref="Message"/> as stored.</summary>
    public string? Reason => StoredText.Shown(MessageText, Message);
}
