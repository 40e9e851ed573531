using System.Text.Json;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Plans;

/// <summary>
/// Why System.Text.Json refused a document, said plainly in the reader's language as plan.json's and move.json's
/// readers say it, for readers of small JSON bodies outside Core (the web console's what-if API).
/// </summary>
public static class JsonReasons
{
    /// <summary>The plain sentence for a value of the wrong type (at the root: the document is not the object it should be).</summary>
    public static string WrongType => JsonMessages.WrongType;

    /// <summary>Where <paramref name="e"/> happened (its JSON path; null at the root) and what it means.</summary>
    public static (string? Path, string Plainly) Of(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var (_, _, path, plainly) = JsonMessages.Describe(e, depth => Texts.Format("json.too-deep", depth), Texts.Get("json.empty"));
        return (path, plainly);
    }
}
