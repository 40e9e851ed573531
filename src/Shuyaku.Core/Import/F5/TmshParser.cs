using System.Buffers;
using System.Text;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.F5;

/// <summary>A word or a braced block of tmsh text, where it starts.</summary>
internal abstract record TmshNode(int Line, int Column);

/// <summary>A bare word or a quoted string (with <c>\"</c> and <c>\\</c> decoded, other escapes kept as written).</summary>
internal sealed record TmshWord(string Text, bool Quoted, int Line, int Column) : TmshNode(Line, Column);

/// <summary>
/// A <c>{ ... }</c> block. <see cref="Multiline"/> blocks (their first item on a later line than the brace, as
/// bigip.conf writes them) hold one property per line; inline blocks are read by each key's arity.
/// <see cref="Raw"/> is the verbatim body of a Tcl block (an iRule), whose items are not tokenized.
/// </summary>
internal sealed record TmshBlock(IReadOnlyList<TmshNode> Items, int Line, int Column, string? Raw = null) : TmshNode(Line, Column)
{
    /// <summary>Whether the block's first item stands on a later line than its opening brace.</summary>
    public bool Multiline => Items.Count > 0 && Items[0].Line > Line;
}

/// <summary>A top-level object: its header words (<c>ltm pool /Common/p</c>) and its body.</summary>
internal sealed record TmshObject(IReadOnlyList<TmshWord> Header, TmshBlock Body)
{
    /// <summary>The header as one string, as the report names the object.</summary>
    public string Title => string.Join(" ", Header.Select(w => w.Text));

    /// <summary>The line of the object's first word.</summary>
    public int Line => Header[0].Line;

    /// <summary>The column of the object's first word.</summary>
    public int Column => Header[0].Column;
}

/// <summary>
/// Tokenizes and parses the tmsh configuration syntax of bigip.conf into top-level objects of words and blocks,
/// without interpreting them. Comments start with '#' at the start of a word and run to the end of the line; strings
/// are double-quoted with backslash escapes; bodies of Tcl carriers (<c>ltm rule</c>, <c>gtm rule</c>,
/// <c>sys icall script</c>, <c>sys application template</c>) are taken verbatim by Tcl's brace counting. The first
/// syntax error (unbalanced brace, unterminated string, invalid UTF-8) ends the parse with its line and column.
/// </summary>
internal sealed class TmshParser
{
    private readonly string _file;
    private readonly string _text;
    private readonly List<Diagnostic> _warnings = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private TmshParser(string file, string text)
    {
        _file = file;
        _text = text;
    }

    /// <summary>The objects of <paramref name="bytes"/>, or the one error that prevents them, and warnings about headers without a body.</summary>
    public static (IReadOnlyList<TmshObject> Objects, Diagnostic? Error, IReadOnlyList<Diagnostic> Warnings) Parse(string file, byte[] bytes)
    {
        if (Decode(file, bytes, out var text) is { } bad)
        {
            return ([], bad, []);
        }

        return Parse(file, text);
    }

    /// <summary>The objects of <paramref name="text"/>, or the one error that prevents them, and warnings.</summary>
    public static (IReadOnlyList<TmshObject> Objects, Diagnostic? Error, IReadOnlyList<Diagnostic> Warnings) Parse(string file, string text)
    {
        var parser = new TmshParser(file, text);
        var (objects, error) = parser.Run();
        return (objects, error, parser._warnings);
    }

    private (List<TmshObject>, Diagnostic?) Run()
    {
        var objects = new List<TmshObject>();
        var header = new List<TmshWord>();
        // Open blocks, innermost last: where each began and what it holds so far.
        var open = new Stack<(int Line, int Column, List<TmshNode> Items)>();
        while (true)
        {
            SkipSpaceAndComments();
            if (_pos >= _text.Length)
            {
                break;
            }

            var (line, column) = (_line, _column);
            var c = _text[_pos];
            if (c == '{')
            {
                Advance();
                if (open.Count == 0 && header.Count == 0)
                {
                    return (objects, Error(line, column, Texts.Get("import.f5.open-without-object")));
                }

                if (open.Count == 0 && IsTcl(header))
                {
                    if (ReadTcl() is not { } raw)
                    {
                        return (objects, Error(line, column, Texts.Format("import.f5.block-of-unclosed", string.Join(" ", header.Select(w => w.Text)))));
                    }

                    objects.Add(new TmshObject([.. header], new TmshBlock([], line, column, raw)));
                    header.Clear();
                    continue;
                }

                open.Push((line, column, []));
                continue;
            }

            if (c == '}')
            {
                Advance();
                if (open.Count == 0)
                {
                    return (objects, Error(line, column, Texts.Get("import.f5.close-without-block")));
                }

                var done = open.Pop();
                var block = new TmshBlock(done.Items, done.Line, done.Column);
                if (open.Count > 0)
                {
                    open.Peek().Items.Add(block);
                }
                else
                {
                    objects.Add(new TmshObject([.. header], block));
                    header.Clear();
                }

                continue;
            }

            TmshWord word;
            if (c == '"')
            {
                if (ReadString(line, column) is not { } s)
                {
                    return (objects, Error(line, column, Texts.Get("import.f5.unterminated-string")));
                }

                word = s;
            }
            else
            {
                word = ReadWord(line, column);
            }

            if (open.Count > 0)
            {
                open.Peek().Items.Add(word);
                continue;
            }

            if (header.Count > 0 && word.Line > header[^1].Line)
            {
                // A header must be followed by its block on the same line; this one had none.
                WarnNoBody(header);
                header.Clear();
            }

            header.Add(word);
        }

        if (open.Count > 0)
        {
            var innermost = open.Peek();
            var outermost = open.Last();
            return (objects, Error(innermost.Line, innermost.Column, open.Count == 1
                ? Texts.Get("import.f5.unclosed-at-end")
                : Texts.Format("import.f5.unclosed-deep", open.Count, outermost.Line)));
        }

        if (header.Count > 0)
        {
            WarnNoBody(header);
        }

        return (objects, null);
    }

    private void WarnNoBody(List<TmshWord> header) =>
        _warnings.Add(new Diagnostic(_file, header[0].Line, header[0].Column,
            Texts.Format("import.f5.no-body", Shorten(string.Join(" ", header.Select(w => w.Text))))));

    /// <summary>Headers whose bodies are Tcl, where quotes do not delimit and only braces nest.</summary>
    private static bool IsTcl(List<TmshWord> header) =>
        header.Count >= 2 && (header[1].Text is "rule" or "irule"
            || header[0].Text == "sys" && header[1].Text is "icall" or "application" && header.Count >= 3 && header[2].Text is "script" or "template" or "apl-script");

    private void SkipSpaceAndComments()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    Advance();
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private TmshWord ReadWord(int line, int column)
    {
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not ('{' or '}' or '"') && !char.IsWhiteSpace(_text[_pos]))
        {
            Advance();
        }

        return new TmshWord(_text[start.._pos], false, line, column);
    }

    private TmshWord? ReadString(int line, int column)
    {
        Advance();
        var text = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            Advance();
            if (c == '"')
            {
                return new TmshWord(text.ToString(), true, line, column);
            }

            if (c == '\\' && _pos < _text.Length)
            {
                var next = _text[_pos];
                Advance();
                if (next is not ('"' or '\\'))
                {
                    text.Append('\\');
                }

                text.Append(next);
                continue;
            }

            text.Append(c);
        }

        return null;
    }

    /// <summary>A Tcl body up to its matching brace (backslash escapes any character), or null at the end of the file.</summary>
    private string? ReadTcl()
    {
        var start = _pos;
        var depth = 1;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            Advance();
            if (c == '\\' && _pos < _text.Length)
            {
                Advance();
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return _text[start..(_pos - 1)];
            }
        }

        return null;
    }

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _pos++;
    }

    private Diagnostic Error(int line, int column, string message) => new(_file, line, column, message);

    /// <summary>A header shortened for a message.</summary>
    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>UTF-8 (with or without a byte-order mark); invalid UTF-8 is an error at its place.</summary>
    private static Diagnostic? Decode(string file, byte[] bytes, out string text)
    {
        var span = bytes.AsSpan(bytes is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var chars = new char[span.Length];
        var status = System.Text.Unicode.Utf8.ToUtf16(span, chars, out var read, out var written, replaceInvalidSequences: false);
        text = new string(chars, 0, written);
        if (status == OperationStatus.Done)
        {
            return null;
        }

        var line = text.Count(c => c == '\n') + 1;
        var column = written - (text.LastIndexOf('\n') + 1) + 1;
        text = "";
        return new Diagnostic(file, line, column, Texts.Format("import.f5.not-utf8", span[read]));
    }
}
