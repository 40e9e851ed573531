using System.Text.RegularExpressions;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Plans;

/// <summary>
/// The lower bound's arguments in words: plan.json stores each in English (<see cref="PlanBoundPart.Reason"/>, the same in
/// every language), and <see cref="Describe"/> shows it in the reader's language, rebuilt from the part's kind and what
/// it rests on (docs/languages.md).
/// </summary>
public static partial class BoundTexts
{
    /// <summary>The volume of one resource: "cpu volume".</summary>
    public static Phrase Volume(string resource) => Texts.Phrase("bound.volume", resource);

    /// <summary>Martello and Toth's L2 on one resource.</summary>
    public static Phrase MartelloTothL2(string resource) => Texts.Phrase("bound.martello-toth-l2", resource);

    /// <summary>A set of workloads that pairwise cannot share a host, of this many workloads.</summary>
    public static Phrase IncompatibleSet(int workloads) => Texts.Phrase("bound.incompatible-set", Number(workloads));

    /// <summary>The largest spread group.</summary>
    public static Phrase LargestSpreadGroup { get; } = Texts.Phrase("bound.largest-spread-group");

    /// <summary>Isolation zones and lonely workloads, this many of them.</summary>
    public static Phrase Zones(int zones) => Texts.Phrase("bound.zones", Number(zones));

    /// <summary>N+k: the survivors of any k failures hold everything.</summary>
    public static Phrase NPlusK(int failures) => Texts.Counted("bound.n+k", failures);

    /// <summary>N+k by host group and zone.</summary>
    public static Phrase NPlusKRules(int failures) => Texts.Phrase("bound.n+k-rules", Number(failures));

    /// <summary>N+k by spares: host counts per zone and group, and idle hosts per group, that survive every k failures.</summary>
    public static Phrase NPlusKSpares(int failures) => Texts.Phrase("bound.n+k-spares", Number(failures));

    /// <summary>N+k by spares and free slots: spare counts that also leave the bound workloads of failed hosts free slots under max-per-host rules.</summary>
    public static Phrase NPlusKSlots(int failures) => Texts.Phrase("bound.n+k-slots", Number(failures));

    /// <summary>The dedicated bare-metal hosts, added to the bound.</summary>
    public static Phrase Dedicated { get; } = Texts.Phrase("bound.dedicated");

    /// <summary>An estate without workloads.</summary>
    public static Phrase NoWorkloads { get; } = Texts.Phrase("bound.none");

    /// <summary>What an exact backend proved, by its status.</summary>
    public static Phrase ExactBackend(string status) => Texts.Phrase("bound.exact-backend", status);

    /// <summary>What an exact backend proved, by its status, with the host count.</summary>
    public static Phrase ExactBackend(string status, int hosts) => Texts.Phrase("bound.exact-backend.hosts", status, Number(hosts));

    /// <summary>The argument in the reader's language (<see cref="Of"/>), or as stored when it cannot be rebuilt.</summary>
    public static string Describe(PlanBoundPart part) => Of(part)?.ToString() ?? part.Reason;

    /// <summary>
    /// The argument as a phrase, rebuilt from its kind and what it rests on; null when that does not give back its stored
    /// English words exactly (older plans, arguments this build does not know), which are then shown as stored.
    /// </summary>
    public static Phrase? Of(PlanBoundPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var phrase = part.Kind switch
        {
            "volume" when part.Resource is { } r => Volume(r),
            "martello-toth-l2" when part.Resource is { } r => MartelloTothL2(r),
            "incompatible-set" when part.Workloads is { } w => IncompatibleSet(w.Count),
            "largest-spread-group" => LargestSpreadGroup,
            "zones" when part.Zones is { } z => Zones(z.Count),
            "n+k" when part.Failures is { } k => NPlusK(k),
            "n+k-rules" when part.Failures is { } k => NPlusKRules(k),
            "n+k-spares" when part.Failures is { } k => NPlusKSpares(k),
            "n+k-slots" when part.Failures is { } k => NPlusKSlots(k),
            "dedicated" => Dedicated,
            "none" => NoWorkloads,
            "exact-backend" => Exact(part.Reason),
            _ => null,
        };
        return phrase is not null && phrase.English == part.Reason ? phrase : null;
    }

    private static Phrase? Exact(string reason) => ExactReason().Match(reason) is { Success: true } m
        ? m.Groups["hosts"].Success ? ExactBackend(m.Groups["status"].Value, int.Parse(m.Groups["hosts"].Value, System.Globalization.CultureInfo.InvariantCulture)) : ExactBackend(m.Groups["status"].Value)
        : null;

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A status in brackets, and maybe a count after it: the words around them are compared by <see cref="Describe"/>.</summary>
    [GeneratedRegex(@"^[^()]*\((?<status>[^()]*)\)(\D*(?<hosts>\d+)\D*)?$")]
    private static partial Regex ExactReason();
}
