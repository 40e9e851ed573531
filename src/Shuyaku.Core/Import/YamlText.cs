using System.Buffers;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>
/// Turns a file's bytes into the one YAML document of an estate, or into one located error. Whatever would crash or
/// stall YamlDotNet's composer is caught first, on the text and on the parser's events, before any node is built:
/// nesting deeper than <see cref="MaxDepth"/>, keys that are lists, mappings or aliases, aliases to no anchor.
/// </summary>
internal static class YamlText
{
    /// <summary>How deep lists and mappings may nest; an estate needs about six levels.</summary>
    public const int MaxDepth = 64;

    /// <summary>The root node of the file's single document, or null after reporting why there is none.</summary>
    public static YamlNode? Load(byte[] bytes, YamlNodes nodes)
    {
        if (Decode(bytes, nodes) is not { } text)
        {
            return null;
        }

        if (FlowTooDeep(text) is { } deep)
        {
            nodes.Error(deep.Line, deep.Column, TooDeep);
            return null;
        }

        var (documents, second) = Walk(text, nodes);
        if (nodes.Errors.Count > 0)
        {
            return null;
        }

        if (documents == 0)
        {
            nodes.Error(1, 1, "the file is empty: an estate needs at least workloads and a catalog");
            return null;
        }

        if (documents > 1)
        {
            // Only one document would be read: the rest (a policy, say) would silently not apply.
            nodes.Error((int)second.Line, (int)second.Column, $"the file holds {documents} YAML documents (separated by '---'): an estate is one document, so merge them or remove the extra '---'");
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var inner = Sentence(e.InnerException?.Message ?? e.Message);
            nodes.Error(Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column), inner.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? $"key '{inner["Duplicate key ".Length..]}' appears twice in one mapping: keep one"
                : $"the file is not valid YAML or JSON: {inner}");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private const string TooDeep = "lists and mappings nest more than 64 levels deep here: an estate needs far fewer, so close the brackets or remove the extra nesting";

    /// <summary>UTF-8 (with or without a byte-order mark), or UTF-16 with its mark; invalid UTF-8 is an error at its place.</summary>
    private static string? Decode(byte[] bytes, YamlNodes nodes)
    {
        if (bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        var span = bytes.AsSpan(bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var chars = new char[span.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = new string(chars, 0, written);
        var line = before.Count(c => c == '\n') + 1;
        var column = written - (before.LastIndexOf('\n') + 1) + 1;
        nodes.Error(line, column, $"the file is not valid UTF-8 (byte 0x{span[read]:X2} here): save it as UTF-8 text");
        return null;
    }

    /// <summary>
    /// The place of the first '[' or '{' that opens flow collections more than <see cref="MaxDepth"/> deep. The parser
    /// would first scan the whole run of brackets (in time quadratic in its length), so this looks at the text itself:
    /// brackets count where a node may start, and in quotes and comments not at all.
    /// </summary>
    private static (int Line, int Column)? FlowTooDeep(string text)
    {
        var depth = 0;
        var line = 1;
        var column = 0;
        var nodeStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            column++;
            if (c is '\n')
            {
                line++;
                column = 0;
                nodeStart = true;
            }
            else if (c is ' ' or '\t' or '\r')
            {
                nodeStart |= i > 0 && text[i - 1] is '-' or '?' or ':';
            }
            else if (c is '#' && (i == 0 || char.IsWhiteSpace(text[i - 1])))
            {
                while (i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'' && nodeStart)
            {
                for (i++; i < text.Length && !(text[i] == c && !(c == '\'' && i + 1 < text.Length && text[i + 1] == '\'')); i++)
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        column = 0;
                    }
                    else if (c == '"' && text[i] == '\\' || c == '\'' && text[i] == '\'')
                    {
                        i++;
                    }

                    column++;
                }

                nodeStart = false;
            }
            else if (c is '[' or '{' && (depth > 0 || nodeStart))
            {
                if (++depth > MaxDepth)
                {
                    return (line, column);
                }

                nodeStart = true;
            }
            else
            {
                depth -= c is ']' or '}' && depth > 0 ? 1 : 0;
                nodeStart = c is ',' && depth > 0;
            }
        }

        return null;
    }

    /// <summary>Reads every parser event once: counts documents and reports the first problem the composer would trip on.</summary>
    private static (int Documents, Mark Second) Walk(string text, YamlNodes nodes)
    {
        var parser = new Parser(new StringReader(text));
        var open = new List<(ParsingEvent Start, bool Mapping, bool KeyNext)>();
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var documents = 0;
        var second = Mark.Empty;
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                if (e is DocumentStart && ++documents == 2)
                {
                    second = e.Start;
                }

                if (e is NodeEvent or AnchorAlias && Problem(e, open, anchors) is { } problem)
                {
                    nodes.Error((int)e.Start.Line, (int)e.Start.Column, problem);
                    return (documents, second);
                }

                if (e is MappingEnd or SequenceEnd && open.Count > 0)
                {
                    open.RemoveAt(open.Count - 1);
                }

                last = e;
            }
        }
        catch (YamlException e)
        {
            var (line, column, message) = Located(e, text, last);
            nodes.Error(line, column, message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this, without a place, on some unclosed flow collections.
            var flow = open.LastOrDefault(o => o.Start is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow });
            if (flow.Start is { } start)
            {
                nodes.Error((int)start.Start.Line, (int)start.Start.Column, flow.Mapping
                    ? "this '{' is never closed: add the matching '}'"
                    : "this '[' is never closed: add the matching ']'");
            }
            else
            {
                var at = last?.End ?? Mark.Empty;
                nodes.Error(Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "the file is not valid YAML or JSON here: check this line for an unclosed bracket or quote");
            }
        }

        return (documents, second);
    }

    /// <summary>What is wrong with a node before the composer sees it, updating the stack of open collections and anchors.</summary>
    private static string? Problem(ParsingEvent e, List<(ParsingEvent Start, bool Mapping, bool KeyNext)> open, HashSet<string> anchors)
    {
        if (open.Count > 0 && open[^1] is { Mapping: true } top)
        {
            // Keys are compared by value and hashed whole, recursively: a key that is a collection or an alias could
            // recurse through a cycle, so the composer must never see one. An estate's keys are names.
            open[^1] = top with { KeyNext = !top.KeyNext };
            if (top.KeyNext && e is not Scalar)
            {
                return "a key here is a list, a mapping or an alias: keys in an estate are plain names, so write one";
            }
        }

        if (e is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
        {
            return $"'*{alias.Value.Value}' refers to no anchor: define '&{alias.Value.Value}' before it, or remove the alias";
        }

        if (e is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            anchors.Add(anchored.Anchor.Value);
        }

        if (e is SequenceStart or MappingStart)
        {
            open.Add((e, e is MappingStart, true));
            if (open.Count > MaxDepth)
            {
                return TooDeep;
            }
        }

        return null;
    }

    /// <summary>The place and sentence for a parser error; a tab in indentation is found in the text, since the parser places it at 1:1.</summary>
    private static (int Line, int Column, string Message) Located(YamlException e, string text, ParsingEvent? last)
    {
        if (e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase)
            && TabInIndentation(text, (int)Math.Min(e.Start.Line, last?.Start.Line ?? e.Start.Line)) is { } tab)
        {
            return (tab.Line, tab.Column, "a tab in the indentation: YAML indents with spaces only, so replace the tab with spaces");
        }

        var at = e.Start.Line > 0 ? e.Start : last?.End ?? Mark.Empty;
        return (Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), $"the file is not valid YAML or JSON: {Sentence(e.Message)}");
    }

    /// <summary>The first tab before the text of a line, from line <paramref name="from"/> on.</summary>
    private static (int Line, int Column)? TabInIndentation(string text, int from)
    {
        var lines = text.Split('\n');
        for (var l = Math.Max(1, from) - 1; l < lines.Length; l++)
        {
            var indent = lines[l].Length - lines[l].TrimStart(' ', '\t').Length;
            var tab = lines[l].IndexOf('\t', 0, indent);
            if (tab >= 0 && indent < lines[l].TrimEnd('\r').Length)
            {
                return (l + 1, tab + 1);
            }
        }

        return null;
    }

    private static string Sentence(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }
}
