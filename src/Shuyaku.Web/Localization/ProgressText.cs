using System.Globalization;

namespace Shuyaku.Web.Localization;

/// <summary>
/// The console's own progress lines of plans and what-ifs (waiting, reading, planning): stored in English, as the API
/// gives them, and shown on a page in the reader's language. Other lines (the planner's own, in the language
/// <c>shuyaku serve</c> runs in) are shown as stored.
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

    /// <summary>The line of <paramref name="key"/> as stored: English.</summary>
    public static string Stored(string key) => Texts.In(CultureInfo.InvariantCulture, key);

    /// <summary>A stored line in the current UI culture's language when it is one of the console's own, else as stored.</summary>
    public static string Shown(string stored) => Keys.FirstOrDefault(k => Stored(k) == stored) is { } key ? Texts.Get(key) : stored;
}
