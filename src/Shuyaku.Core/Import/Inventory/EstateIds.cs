using System.Text;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>Makes estate ids from names: letters, digits, '.', '_' and '-' kept, every other run of characters one '-', unique.</summary>
public sealed class EstateIds(string fallback)
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>An id for <paramref name="name"/>, unique (without regard to case) among those made so far: a clash gets -2, -3, ….</summary>
    public string For(string name)
    {
        var id = Clean(name, fallback);
        if (_used.Add(id))
        {
            return id;
        }

        for (var i = 2; ; i++)
        {
            var candidate = $"{id}-{i}";
            if (_used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary><paramref name="name"/> in the id alphabet, at most 80 characters; <paramref name="fallback"/> when nothing is left.</summary>
    public static string Clean(string name, string fallback)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                b.Append(c);
            }
            else if (b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }
        }

        var id = b.ToString().Trim('-', '.');
        if (id.Length > 80)
        {
            id = id[..80].TrimEnd('-', '.');
        }

        return id.Length == 0 ? fallback : id;
    }
}
