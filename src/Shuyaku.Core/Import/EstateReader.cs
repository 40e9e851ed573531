using System.Security.Cryptography;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, "this is a folder, not an estate file: give the estate's YAML or JSON file")], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, "the file does not exist: check the path")], []);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<Estate>.Failed([new Diagnostic(path, 0, 0, $"the file cannot be read: {e.Message}")], []);
        }

        return Read(bytes, path);
    }

    /// <summary>Reads an estate from <paramref name="text"/>, naming <paramref name="file"/> in diagnostics.</summary>
    public static ReadResult<Estate> Read(string text, string file) => Read(Encoding.UTF8.GetBytes(text), file);

    /// <summary>Reads an estate from the UTF-8 <paramref name="bytes"/> of a file, naming <paramref name="file"/> in diagnostics.</summary>
    public static ReadResult<Estate> Read(byte[] bytes, string file)
    {
        var nodes = new YamlNodes(file);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            var inner = Sentence(e.InnerException?.Message ?? e.Message);
            var message = inner.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"key '{inner["Duplicate key ".Length..]}' appears twice in one mapping: keep one"
                : $"the file is not valid YAML or JSON: {inner}";
            nodes.Error((int)e.Start.Line, (int)e.Start.Column, message);
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        if (stream.Documents.Count == 0)
        {
            nodes.Error(1, 1, "the file is empty: an estate needs at least workloads and a catalog");
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        if (stream.Documents.Count > 1)
        {
            // Only one document would be read: the rest (a policy, say) would silently not apply.
            var second = SecondDocumentStart(bytes);
            nodes.Error((int)second.Line, (int)second.Column, $"the file holds {stream.Documents.Count} YAML documents (separated by '---'): an estate is one document, so merge them or remove the extra '---'");
            return ReadResult<Estate>.Failed(nodes.Errors, nodes.Warnings);
        }

        var estate = new EstateParser(nodes).Parse(stream.Documents[0].RootNode) with { Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
        var errors = nodes.Errors.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        return errors.Count == 0
            ? ReadResult<Estate>.Ok(estate, nodes.Warnings)
            : ReadResult<Estate>.Failed(errors, nodes.Warnings);
    }

    private static Mark SecondDocumentStart(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        var parser = new Parser(reader);
        var documents = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is YamlDotNet.Core.Events.DocumentStart start && ++documents == 2)
            {
                return start.Start;
            }
        }

        return Mark.Empty;
    }

    private static string Sentence(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }
}
