using System.Buffers;
using System.Text;
using Shuyaku.Core.Localization;
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

        // One pass: the composer pulls its events through Checked, which stops it at the first problem before it sees it.
        var checkedParser = new Checked(text);
        var stream = new YamlStream();
        try
        {
            stream.Load(checkedParser);
        }
        catch (Stopped)
        {
            // Checked has the problem, or has counted every document after finding a second one.
        }
        catch (YamlException e)
        {
            var inner = Sentence(e.InnerException?.Message ?? e.Message);
            nodes.Error(Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column), inner.StartsWith("Duplicate key ", StringComparison.Ordinal)
                ? Texts.Format("estate.yaml.duplicate-key", inner["Duplicate key ".Length..])
                : Texts.Format("estate.yaml.invalid", inner));
            return null;
        }

        if (checkedParser.Problem is { } problem)
        {
            nodes.Error(problem.Line, problem.Column, problem.Message);
            return null;
        }

        if (checkedParser.Documents == 0)
        {
            nodes.Error(1, 1, Texts.Get("estate.yaml.empty"));
            return null;
        }

        if (checkedParser.Documents > 1)
        {
            // Only one document would be read: the rest (a policy, say) would silently not apply.
            var second = checkedParser.Second;
            nodes.Error((int)second.Line, (int)second.Column, Texts.Format("estate.yaml.documents", checkedParser.Documents));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static string TooDeep => Texts.Get("estate.yaml.too-deep");

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
        nodes.Error(line, column, Texts.Format("estate.yaml.utf8", span[read].ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
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

    /// <summary>Ends the composer's pass once <see cref="Checked"/> has found a problem or a second document.</summary>
    private sealed class Stopped : Exception;

    /// <summary>
    /// YamlDotNet's parser with the checks the composer needs done first: each event is checked before the composer gets
    /// it (<c>Problem</c>), and parser
    /// errors are placed. At a second document the rest of the file is only checked and its documents counted, so the
    /// error names how many there are. Either way the composer is stopped with <see cref="Stopped"/>.
    /// </summary>
    private sealed class Checked(string text) : IParser
    {
        private readonly Parser _parser = new(new StringReader(text));
        private readonly List<(ParsingEvent Start, bool Mapping, bool KeyNext)> _open = [];
        private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);
        private ParsingEvent? _last;

        public int Documents { get; private set; }

        public Mark Second { get; private set; } = Mark.Empty;

        public (int Line, int Column, string Message)? Problem { get; private set; }

        public ParsingEvent? Current => _parser.Current;

        public bool MoveNext()
        {
            if (!Next())
            {
                return false;
            }

            if (Documents < 2)
            {
                return true;
            }

            // A second document: check and count the rest, then stop the composer.
            while (Next())
            {
            }

            throw new Stopped();
        }

        /// <summary>The next event, checked; throws <see cref="Stopped"/> after recording a problem.</summary>
        private bool Next()
        {
            try
            {
                if (!_parser.MoveNext())
                {
                    return false;
                }
            }
            catch (YamlException e)
            {
                Stop(Located(e, text, _last));
            }
            catch (InvalidOperationException)
            {
                Stop(Unclosed());
            }

            var e1 = _parser.Current!;
            if (e1 is DocumentStart && ++Documents == 2)
            {
                Second = e1.Start;
            }

            if (e1 is NodeEvent or AnchorAlias && YamlText.Problem(e1, _open, _anchors) is { } problem)
            {
                Stop(((int)e1.Start.Line, (int)e1.Start.Column, problem));
            }

            if (e1 is MappingEnd or SequenceEnd && _open.Count > 0)
            {
                _open.RemoveAt(_open.Count - 1);
            }

            _last = e1;
            return true;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void Stop((int Line, int Column, string Message) problem)
        {
            Problem = problem;
            throw new Stopped();
        }

        /// <summary>YamlDotNet's parser throws InvalidOperationException, without a place, on some unclosed flow collections.</summary>
        private (int Line, int Column, string Message) Unclosed()
        {
            var flow = _open.LastOrDefault(o => o.Start is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow });
            if (flow.Start is { } start)
            {
                return ((int)start.Start.Line, (int)start.Start.Column, flow.Mapping
                    ? Texts.Get("estate.yaml.unclosed-brace")
                    : Texts.Get("estate.yaml.unclosed-bracket"));
            }

            var at = _last?.End ?? Mark.Empty;
            return (Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), Texts.Get("estate.yaml.invalid-here"));
        }
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
                return Texts.Get("estate.yaml.key-collection");
            }
        }

        if (e is AnchorAlias alias && !anchors.Contains(alias.Value.Value))
        {
            return Texts.Format("estate.yaml.alias", alias.Value.Value);
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
            return (tab.Line, tab.Column, Texts.Get("estate.yaml.tab"));
        }

        var at = e.Start.Line > 0 ? e.Start : last?.End ?? Mark.Empty;
        return (Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), Texts.Format("estate.yaml.invalid", Sentence(e.Message)));
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
