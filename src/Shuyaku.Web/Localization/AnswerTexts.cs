using System.Text.Json.Nodes;
using Shuyaku.Core.Checking;
using Shuyaku.Core.WhatIf;

namespace Shuyaku.Web.Localization;

/// <summary>
/// The sentences of a what-if's stored answer — the re-plan's changes, why no plan exists, each violation's message —
/// kept as stored texts beside the answer (<c>what_ifs.answer_text</c>), whose JSON keeps them in English as
/// <c>WhatIfJson</c> writes them. A page shows one in the reader's language only when its English is the answer's
/// words at the same place; otherwise (answers stored before, or texts this build does not have) the answer's words.
/// </summary>
public sealed class AnswerTexts
{
    private AnswerTexts(IReadOnlyList<StoredText?> changes, StoredText? infeasible, IReadOnlyList<StoredText?> failure, IReadOnlyList<StoredText?> replan)
    {
        Changes = changes;
        Infeasible = infeasible;
        Failure = failure;
        Replan = replan;
    }

    /// <summary>The re-plan's changes, in the answer's order (<c>replan.changes</c>).</summary>
    public IReadOnlyList<StoredText?> Changes { get; }

    /// <summary>Why the changed estate has no plan (<c>replan.infeasible</c>).</summary>
    public StoredText? Infeasible { get; }

    /// <summary>The messages of the failure's violations (<c>failure.violations[].message</c>).</summary>
    public IReadOnlyList<StoredText?> Failure { get; }

    /// <summary>The messages of the new plan's violations (<c>replan.violations[].message</c>).</summary>
    public IReadOnlyList<StoredText?> Replan { get; }

    /// <summary>The texts of <paramref name="result"/>'s answer, each where Core kept it as a phrase.</summary>
    public static AnswerTexts Of(WhatIfResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var replan = result.Replan;
        return new(
            replan is null || replan.ChangeTexts.Count != replan.Changes.Count ? [] : [.. replan.ChangeTexts.Select(StoredText.From)],
            replan?.InfeasibleText is { } why && why.English == replan.Infeasible ? StoredText.From(why) : null,
            Texts(result.Failure?.Violations),
            Texts(replan?.Check?.Violations));

        static List<StoredText?> Texts(IReadOnlyList<Violation>? violations) =>
            [.. (violations ?? []).Select(v => v.Text is { } t && t.English == v.Message ? StoredText.From(t) : null)];
    }

    /// <summary>
    /// The answer's words at <paramref name="index"/> of <paramref name="texts"/> in the reader's language when the text
    /// kept there says exactly <paramref name="stored"/> in English; otherwise <paramref name="stored"/>.
    /// </summary>
    public static string Shown(IReadOnlyList<StoredText?>? texts, int index, string stored) =>
        texts is not null && index < texts.Count ? Shown(texts[index], stored) : stored;

    /// <summary><paramref name="text"/> in the reader's language when its English is <paramref name="stored"/>; otherwise <paramref name="stored"/>.</summary>
    public static string Shown(StoredText? text, string stored) => text is not null && text.English == stored ? text.ToString() : stored;

    /// <summary>The texts as stored: <c>{"changes": […], "infeasible": …, "failure": […], "replan": […]}</c>, each a stored text or null.</summary>
    public string ToJson() => new JsonObject
    {
        ["changes"] = List(Changes),
        ["infeasible"] = Node(Infeasible),
        ["failure"] = List(Failure),
        ["replan"] = List(Replan),
    }.ToJsonString();

    /// <summary>Stored texts read back; null when there are none (answers stored before version 8) or they are not of this shape.</summary>
    public static AnswerTexts? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject o
                ? new(Read(o["changes"]), Text(o["infeasible"]), Read(o["failure"]), Read(o["replan"]))
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        static List<StoredText?> Read(JsonNode? list) => list is JsonArray a ? [.. a.Select(Text)] : [];
        static StoredText? Text(JsonNode? node) => node is JsonObject ? StoredText.FromJson(node.ToJsonString()) : null;
    }

    private static JsonArray List(IReadOnlyList<StoredText?> texts) => new([.. texts.Select(Node)]);

    private static JsonNode? Node(StoredText? text) => text is null ? null : JsonNode.Parse(text.ToJson());
}
