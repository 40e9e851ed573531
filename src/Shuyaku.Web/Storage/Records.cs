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

/// <summary>A plan run of an estate and, once done, its plan.json and headline figures.</summary>
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
    DateTimeOffset? FinishedAt);

/// <summary>A finished plan's result, stored in one transaction.</summary>
public sealed record PlanResult(string Status, string? InputsDigest, string? PlanJson, int? Hosts, int? LowerBound, int? Failures, bool? CheckerValid, string? Message);

/// <summary>An estate with its newest plan (null before the first plan), for the dashboard.</summary>
public sealed record EstateSummary(EstateRecord Estate, PlanRecord? LatestPlan);

/// <summary>One change: who made it, when, what kind, on what, and the details.</summary>
public sealed record AuditEntry(long Id, string Actor, DateTimeOffset At, string Action, string Object, string Detail);

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
    DateTimeOffset? FinishedAt);

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
    DateTimeOffset? FinishedAt);
