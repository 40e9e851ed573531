using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Import;

/// <summary>Reads an estate file (YAML, or JSON, which is read as YAML) and validates it in one pass.</summary>
/// <remarks>
/// Whether each workload fits some host model needs Sizing's arithmetic, so it is not checked here:
/// callers that show the estate to a user call <c>Shuyaku.Core.Sizing.EstateFit.ReadAndCheck</c>, which reads and then checks.
/// </remarks>
internal static class EstateReader
{
    /// <summary>Reads the estate file at <paramref name="path"/>; a missing or unreadable file is an error at 0:0.</summary>
    public static ReadResult<Estate> ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, Texts.Get("estate.file.folder"))], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, Texts.Get("estate.file.missing"))], []);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, Texts.Format("estate.file.unreadable", e.Message))], []);
        }

        return Read(bytes, path);
    }

    /// <summary>Reads an estate from <paramref name="text"/>, naming <paramref name="file"/> in diagnostics.</summary>
    public static ReadResult<Estate> Read(string text, string file) => Read(Encoding.UTF8.GetBytes(text), file);

    /// <summary>Reads an estate from the UTF-8 <paramref name="bytes"/> of a file, naming <paramref name="file"/> in diagnostics.</summary>
    public static ReadResult<Estate> Read(byte[] bytes, string file)
    {
        var nodes = new YamlNodes(file);
        if (YamlText.Load(bytes, nodes) is not { } root)
        {
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        var estate = new EstateParser(nodes).Parse(root) with { Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        var errors = nodes.Errors.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return errors.Count == 0
            ? ReadResult<Estate>.Ok(estate, nodes.Warnings)
            : ReadResult<Estate>.Failed(errors, nodes.Warnings);
    }
}
