using Shuyaku.Core.Placement;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web;

/// <summary>How the console runs: its database, addresses, clock, planner budgets and security limits.</summary>
public sealed record ConsoleOptions
{
    /// <summary>The address the console listens on when none is given: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Where users, estates, plans and the audit log are kept.</summary>
    public required DatabaseOptions Database { get; init; }

    /// <summary>Addresses to listen on, separated by semicolons (ASP.NET Core's --urls); port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>Where the start-up lines and the one-time set-up token are printed.</summary>
    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>The clock for every stored time.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The planner's search options for each plan (budgets, an exact backend); the CLI gives the same as <c>shuyaku plan</c>.</summary>
    public Func<SolveOptions> Search { get; init; } = () => new SolveOptions();

    /// <summary>Sign-in attempts each client address may make per minute; the next get 429 until the minute is over.</summary>
    public int LoginAttemptsPerMinute { get; init; } = 5;

    /// <summary>The largest estate file accepted, in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>A folder to keep the cookie-protection keys in, so sessions survive a restart; null keeps them in memory only.</summary>
    public string? KeysFolder { get; init; }

    /// <summary>Whether ASP.NET Core logs warnings and errors to the standard error stream.</summary>
    public bool LogWarnings { get; init; }
}
