using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Benchmarks.Access;

/// <summary>What <c>bench slb</c> measured for one virtual service in one round; times in milliseconds, null when not measured.</summary>
public sealed record SlbFigures
{
    /// <summary>The round, from 1.</summary>
    public required int Round { get; init; }

    /// <summary>The virtual service's id in the estate.</summary>
    public required string Service { get; init; }

    /// <summary>The daemon that carried it: haproxy, dnsdist or nginx.</summary>
    public required string Daemon { get; init; }

    /// <summary>Why the service was not measured, shown in the reader's language (<see cref="Phrase.ToString"/>), or null when it was.</summary>
    public Phrase? SkippedBecause { get; init; }

    /// <summary>Why the service was not measured in English, as the CSV keeps it (for example "haproxy not installed"), or null when it was.</summary>
    public string? Skipped => SkippedBecause?.English;

    /// <summary>The members started as fake real servers.</summary>
    public int Members { get; init; }

    /// <summary>Requests sent at the fixed rate before the kill (the baseline).</summary>
    public int BaselineSent { get; init; }

    /// <summary>Baseline requests that failed or got no answer.</summary>
    public int BaselineLost { get; init; }

    /// <summary>From the kill of one member until the balancer stopped sending to it; null when not seen within the time bound.</summary>
    public double? FailoverMs { get; init; }

    /// <summary>How <see cref="FailoverMs"/> was observed: "daemon log" (the daemon marked the member down) or "clients" (the last request lost or answered by the killed member).</summary>
    public string FailoverSeenBy { get; init; } = "";

    /// <summary>Requests sent at the fixed rate from the kill to the end of the failover window.</summary>
    public int FailoverSent { get; init; }

    /// <summary>Of <see cref="FailoverSent"/>, those that failed or got no answer.</summary>
    public int FailoverLost { get; init; }

    /// <summary>The abuse limit the abusive source went over: the smallest count among the service's connection and request rates.</summary>
    public int? BanLimit { get; init; }

    /// <summary>From sending the abusive source's first request over <see cref="BanLimit"/> until its first refused one (0 when refused at or before the limit: see <see cref="RefusedAt"/>).</summary>
    public double? BanMs { get; init; }

    /// <summary>The number (from 1) of the abusive source's first refused request.</summary>
    public int? RefusedAt { get; init; }

    /// <summary>Requests of the other sources while the abusive one was at work.</summary>
    public int OthersSent { get; init; }

    /// <summary>Of <see cref="OthersSent"/>, those served.</summary>
    public int OthersServed { get; init; }

    /// <summary>Why the ban was not measured, shown in the reader's language, or null.</summary>
    public Phrase? BanNoteBecause { get; init; }

    /// <summary>Why the ban was not measured in English, as the CSV keeps it, or null.</summary>
    public string? BanNote => BanNoteBecause?.English;
}
