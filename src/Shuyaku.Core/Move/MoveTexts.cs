using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Move;

/// <summary>
/// The move's notes, reasons and violations in the reader's language: move.json keeps them in English (the same in
/// every language, as <c>shuyaku move</c> wrote them), and <see cref="Describe"/> reads each back from its words and
/// shows it translated (docs/languages.md).
/// </summary>
public static class MoveTexts
{
    /// <summary>Every text the move writes into move.json, by its key.</summary>
    private static readonly string[] Keys =
    [
        "move.v.data-centre",
        "move.v.plan-model",
        "move.v.route-late",
        "move.v.route-unlisted",
        "move.v.address-changes.one",
        "move.v.address-changes.other",
        "move.v.wan-missing",
        "move.v.wan-recount",
        "move.v.unreachable.before",
        "move.v.unreachable.after",
        "move.v.overload",
        "move.bound.nothing",
        "move.bound.units",
        "move.bound.data",
        "move.bound.hours",
        "move.bound.spread",
        "move.bound.chain",
        "move.v.wave-number",
        "move.v.wave-server-stays",
        "move.v.wave-server-unknown",
        "move.v.server-twice",
        "move.v.wave-workload-stays",
        "move.v.wave-workload-unknown",
        "move.v.workload-twice",
        "move.v.server-unlisted",
        "move.v.workload-unlisted",
        "move.v.workload-apart",
        "move.v.server-no-path",
        "move.v.workload-no-path",
        "move.v.wave-servers",
        "move.v.wave-data",
        "move.v.wave-data-stated",
        "move.v.wave-window",
        "move.v.wave-window.no-hop",
        "move.v.wave-window-stated",
        "move.v.wave-spread",
        "move.v.needs-unmoved",
        "move.v.needs-later",
        "move.v.needs-before",
        "move.v.spread-cycle",
        "move.v.workload-unplannable",
        "move.v.server-unplannable",
        "move.v.workload-too-big",
        "move.v.server-too-big",
        "move.v.workload-too-long",
        "move.v.server-too-long",
        "move.v.spread-one-unit",
        "move.v.dependency-cycle",
        "move.note.move-rest.one",
        "move.note.move-rest.other",
        "move.note.split-prefix.one.none",
        "move.note.split-prefix.one.one",
        "move.note.split-prefix.one.other",
        "move.note.split-prefix.other.none",
        "move.note.split-prefix.other.one",
        "move.note.split-prefix.other.other",
        "move.note.renumber.one.none",
        "move.note.renumber.one.some",
        "move.note.renumber.other.none",
        "move.note.renumber.other.some",
        "move.address.none",
        "move.address.at-dc",
        "move.address.no-subnet",
        "move.address.subnet-at-dc",
        "move.address.moved",
        "move.address.stays",
        "move.address.move-rest",
        "move.address.routed",
        "move.address.left",
    ];

    /// <summary>
    /// <paramref name="english"/> (a note, a reason or a violation's message as move.json holds it) in the reader's
    /// language, or as it is when these are not words this build writes.
    /// </summary>
    public static string Describe(string english)
    {
        ArgumentNullException.ThrowIfNull(english);
        return Phrase.Recognise(english, Keys)?.ToString() ?? english;
    }
}
