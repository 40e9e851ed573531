using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Plans;

/// <summary>
/// The sizing breakdown's steps in words: plan.json stores each in English (<see cref="BreakdownStep.Step"/>, the same
/// in every language), and <see cref="Describe"/> shows it in the reader's language, read back from those words
/// (docs/languages.md).
/// </summary>
public static class BreakdownTexts
{
    /// <summary>Today's demand at full capacity, the placement rules left aside.</summary>
    public static Phrase CapacityAlone { get; } = Texts.Phrase("sizing.step.capacity-alone");

    /// <summary>The placement rules added, of these kinds (spread, gather, ...).</summary>
    public static Phrase Rules(IEnumerable<string> kinds) => Texts.Phrase("sizing.step.rules", string.Join(", ", kinds));

    /// <summary>Today's demand at full capacity.</summary>
    public static Phrase Today { get; } = Texts.Phrase("sizing.step.today");

    /// <summary>Headroom added, per resource as percentages (<c>80%</c>).</summary>
    public static Phrase Headroom(string cpu, string memory, string network) => Texts.Phrase("sizing.step.headroom", cpu, memory, network);

    /// <summary>N+k failover added.</summary>
    public static Phrase Failover(int failures) => Texts.Phrase("sizing.step.failover", failures.ToString(CultureInfo.InvariantCulture));

    /// <summary>Growth added: a percentage a year over a horizon in years.</summary>
    public static Phrase Growth(string perYear, int years) => Texts.Phrase("sizing.step.growth", perYear, years.ToString(CultureInfo.InvariantCulture));

    /// <summary>The dedicated bare-metal hosts added.</summary>
    public static Phrase Dedicated(int hosts) => Texts.Counted("sizing.step.dedicated", hosts);

    private static readonly string[] Keys =
    [
        "sizing.step.capacity-alone", "sizing.step.rules", "sizing.step.today", "sizing.step.headroom", "sizing.step.failover",
        "sizing.step.growth", "sizing.step.dedicated.one", "sizing.step.dedicated.other",
    ];

    /// <summary>The step in the reader's language, or as stored when these are not words this build writes.</summary>
    public static string Describe(BreakdownStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Phrase.Recognise(step.Step, Keys)?.ToString() ?? step.Step;
    }
}
