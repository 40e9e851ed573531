using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>
/// The YAML file given to an importer's --catalog: a mapping with 'catalog' and optionally 'policy', 'hostGroups' and
/// 'rules', appended as written to the estate the importer writes so that it plans at once.
/// </summary>
/// <param name="Path">The file, as diagnostics name it.</param>
/// <param name="Text">Its text, without a byte-order mark, ending in a line break.</param>
public sealed record CatalogFile(string Path, string Text)
{
    /// <summary>The top-level keys a catalog file may hold.</summary>
    public static readonly string[] Keys = ["catalog", "policy", "hostGroups", "rules"];

    /// <summary>Reads and checks the file at <paramref name="path"/>: YAML, one mapping, only <see cref="Keys"/>, 'catalog' present.</summary>
    public static ReadResult<CatalogFile> Read(string path)
    {
        if (!File.Exists(path))
        {
            return Failed(path, 0, 0, Texts.Get("import.catalog.missing"));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, 0, 0, Texts.Format("import.catalog.unreadable", e.Message));
        }

        var nodes = new YamlNodes(path);
        if (YamlText.Load(bytes, nodes) is not { } root)
        {
            return ReadResult<CatalogFile>.Failed(nodes.Errors, []);
        }

        var top = nodes.Mapping(root, Texts.Get("import.catalog.label"), Keys);
        top?.Required("catalog");
        if (nodes.Errors.Count > 0)
        {
            return ReadResult<CatalogFile>.Failed(nodes.Errors, []);
        }

        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd().TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() is "---" or "...")
            {
                return Failed(path, i + 1, 1, Texts.Get("import.catalog.document-marker"));
            }
        }

        return ReadResult<CatalogFile>.Ok(new CatalogFile(path, text.EndsWith('\n') ? text : text + "\n"), []);
    }

    private static ReadResult<CatalogFile> Failed(string path, int line, int column, string message) =>
        ReadResult<CatalogFile>.Failed([new Diagnostic(path, line, column, message)], []);
}
