using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>The ids declared in one section; an empty id or one declared twice is reported where it is written.</summary>
internal sealed class UniqueIds(YamlNodes n, string what)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="id"/> is a new, non-empty id; null means it was missing, which is reported elsewhere.</summary>
    public bool Add(string? id, YamlNode node)
    {
        if (id is null)
        {
            return false;
        }

        if (id.Length == 0)
        {
            n.Error(node, F("estate.ids.empty", what));
            return false;
        }

        if (!_seen.Add(id))
        {
            n.Error(node, F("estate.ids.twice", what, id));
            return false;
        }

        return true;
    }
}
