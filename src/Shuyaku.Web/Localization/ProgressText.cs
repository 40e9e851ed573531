using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Web.Localization;

/// <summary>
/// The progress lines of plans and what-ifs: the console's own (waiting, reading, planning) and the planner's
/// (<c>PlanProgress</c>, which the console runs in English), stored in English, as the API gives them, and shown on a
/// page in the reader's language, read back from their words as <c>Phrase.Recognise</c> reads texts that files keep.
/// Other lines (stored by an older console in the language <c>shuyaku serve</c> ran in) are shown as stored.
/// </summary>
internal static class ProgressText
{
    /// <summary>A plan waiting for the background planner.</summary>
    public const string WaitingForPlanner = "web.progress.waiting-planner";

    /// <summary>A what-if waiting for the background worker.</summary>
    public const string WaitingForWorker = "web.progress.waiting-worker";

    /// <summary>A plan reading its estate.</summary>
    public const string ReadingEstate = "web.progress.reading-estate";

    /// <summary>A what-if reading its estate and plan.</summary>
    public const string ReadingEstateAndPlan = "web.progress.reading-estate-plan";

    /// <summary>A what-if planning the changed estate.</summary>
    public const string Replanning = "web.progress.replanning";

    /// <summary>A what-if failing its hosts.</summary>
    public const string FailingHosts = "web.progress.failing-hosts";

    private static readonly string[] Keys = [WaitingForPlanner, WaitingForWorker, ReadingEstate, ReadingEstateAndPlan, Replanning, FailingHosts];

    /// <summary>The keys of the planner's progress lines (Core's <c>PlanProgress</c> and the what-if's re-plan).</summary>
    private static readonly string[] PlannerKeys =
    [
        "planner.progress.placing", "planner.progress.breakdown", "planner.progress.breakdown-workloads", "planner.progress.emptying",
        "planner.progress.failures", "planner.progress.survive", "planner.progress.slices", "planner.progress.searching",
        "planner.progress.cp-sat", "planner.progress.round", "planner.progress.branch-and-price", "planner.progress.column-generation",
        "whatif.progress.planning",
    ];

    /// <summary>The line of <paramref name="key"/> as stored: English.</summary>
    public static string Stored(string key) => Texts.In(CultureInfo.InvariantCulture, key);

    /// <summary>A stored line in the current UI culture's language when it is one of the console's own or the planner's in English, else as stored.</summary>
    public static string Shown(string stored) =>
        Keys.FirstOrDefault(k => Stored(k) == stored) is { } key ? Texts.Get(key) : Phrase.Recognise(stored, PlannerKeys)?.ToString() ?? stored;
}
