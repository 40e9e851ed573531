using System.Text;
using Shuyaku.Core.Import.F5;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Tests.Import.F5;

public sealed class TmshParserTests
{
    private static IReadOnlyList<TmshObject> Parse(string text)
    {
        var (objects, error, _) = TmshParser.Parse("bigip.conf", text);
        error.ShouldBeNull();
        return objects;
    }

    private static string Error(string text) => TmshParser.Parse("bigip.conf", Encoding.UTF8.GetBytes(text)).Error!.ToString();

    [Fact]
    public void Objects_are_header_words_and_a_body_with_comments_left_out()
    {
        var objects = Parse("#TMSH-VERSION: 15.1.8\n# a comment { with a brace\nltm pool /Common/p { # trailing }\n    monitor /Common/tcp\n}\nsys db x { value \"1\" }\n");

        objects.Select(o => o.Title).ShouldBe(["ltm pool /Common/p", "sys db x"]);
        objects[0].Line.ShouldBe(3);
        objects[0].Body.Items.OfType<TmshWord>().Select(w => w.Text).ShouldBe(["monitor", "/Common/tcp"]);
    }

    [Fact]
    public void Quoted_strings_keep_braces_and_spaces_and_decode_only_quote_and_backslash()
    {
        var objects = Parse("ltm monitor http /Common/m {\n    send \"GET / HTTP/1.0\\r\\n{\\\"a\\\"}\\\\\"\n    recv \"\"\n}\n");

        var words = objects[0].Body.Items.OfType<TmshWord>().ToList();
        words[1].Text.ShouldBe("GET / HTTP/1.0\\r\\n{\"a\"}\\");
        words[1].Quoted.ShouldBeTrue();
        words[3].Text.ShouldBe("");
    }

    [Fact]
    public void A_quoted_string_may_span_lines()
    {
        var objects = Parse("ltm pool /Common/p {\n    description \"two\nlines\"\n}\n");

        objects[0].Body.Items.OfType<TmshWord>().Last().Text.ShouldBe("two\nlines");
    }

    [Fact]
    public void Blocks_nest_and_know_whether_they_are_written_one_property_a_line()
    {
        var objects = Parse("ltm virtual /Common/v { profiles { /Common/http { } /Common/tcp { } } pool /Common/p }\nltm pool /Common/p {\n    members {\n        /Common/10.0.0.1:80 {\n            address 10.0.0.1\n        }\n    }\n}\n");

        objects[0].Body.Multiline.ShouldBeFalse();
        var profiles = (TmshBlock)objects[0].Body.Items[1];
        profiles.Items.Count.ShouldBe(4);
        objects[1].Body.Multiline.ShouldBeTrue();
        var members = (TmshBlock)objects[1].Body.Items[1];
        ((TmshBlock)members.Items[1]).Items.Count.ShouldBe(2);
    }

    [Fact]
    public void An_irule_body_is_taken_verbatim_by_tcl_brace_counting()
    {
        var objects = Parse("ltm rule /Common/r {\n    when HTTP_REQUEST {\n        log local0. \"odd \\} brace \\\" quote\"\n    }\n}\nltm pool /Common/p { }\n");

        objects.Select(o => o.Title).ShouldBe(["ltm rule /Common/r", "ltm pool /Common/p"]);
        objects[0].Body.Raw!.ShouldContain("odd \\} brace");
    }

    [Fact]
    public void An_unclosed_brace_is_an_error_at_the_innermost_open_brace()
    {
        Error("ltm pool /Common/p {\n    members {\n        /Common/10.0.0.1:80 {\n            address 10.0.0.1\n    }\n}\n")
            .ShouldBe("bigip.conf:1:20: the '{' here is never closed: the file ends inside this block; add the missing '}'");
    }

    [Fact]
    public void An_unclosed_brace_deep_inside_names_the_outermost_block_too()
    {
        Error("ltm pool /Common/p {\n    members {\n        /Common/10.0.0.1:80 {\n")
            .ShouldBe("bigip.conf:3:29: the '{' here is never closed (the file ends 3 blocks deep, the outermost opened at line 1); add the missing '}'");
    }

    [Fact]
    public void A_parse_error_reads_in_japanese_at_the_same_line_and_column()
    {
        using (Language.Use(Language.Japanese))
        {
            Error("ltm pool /Common/p {\n    members {\n        /Common/10.0.0.1:80 {\n")
                .ShouldBe("bigip.conf:3:29: ここの '{' が閉じられていません (ファイルはブロック 3 段の内側で終わっています。いちばん外側は 1 行目で開いています)。足りない '}' を加えてください");
        }
    }

    [Fact]
    public void A_stray_closing_brace_is_an_error_where_it_stands()
    {
        Error("ltm pool /Common/p { }\n  }\n").ShouldBe("bigip.conf:2:3: '}' closes no block: remove it or add the '{' it belongs to");
    }

    [Fact]
    public void An_unterminated_string_is_an_error_at_its_opening_quote()
    {
        Error("ltm monitor http /Common/m {\n    send \"GET / HTTP/1.0\n}\n").ShouldBe("bigip.conf:2:10: unterminated string: the '\"' here is never closed");
    }

    [Fact]
    public void An_irule_never_closed_is_an_error_at_its_brace()
    {
        Error("ltm rule /Common/r {\n  when HTTP_REQUEST {\n    # a brace in a Tcl comment counts: {\n  }\n}\n")
            .ShouldBe("bigip.conf:1:20: the '{' of ltm rule /Common/r is never closed: add the missing '}'");
    }

    [Fact]
    public void A_block_with_no_object_before_it_is_an_error()
    {
        Error("\n  { address 10.0.0.1 }\n").ShouldBe("bigip.conf:2:3: '{' opens a block with no object before it: a top-level object starts with words such as 'ltm pool /Common/name'");
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_byte()
    {
        var (_, error, _) = TmshParser.Parse("bigip.conf", [.. "ltm pool /Common/p {\n  x "u8.ToArray(), 0xFF, .. "}"u8.ToArray()]);

        error!.ToString().ShouldBe("bigip.conf:2:5: the file is not valid UTF-8 (byte 0xFF here): a bigip.conf is UTF-8 text");
    }

    [Fact]
    public void A_header_without_a_body_on_its_line_is_skipped_with_a_warning()
    {
        var (objects, error, warnings) = TmshParser.Parse("bigip.conf", "ltm pool /Common/orphan\nltm pool /Common/p { }\n");

        error.ShouldBeNull();
        objects.Single().Title.ShouldBe("ltm pool /Common/p");
        warnings.Single().ToString().ShouldBe("bigip.conf:1:1: 'ltm pool /Common/orphan' has no '{ ... }' body on its line; skipped");
    }

    [Fact]
    public void Columns_count_from_one_after_every_newline()
    {
        var objects = Parse("\n\n   ltm node /Common/n {\n\taddress 10.0.0.9\n}\n");

        objects[0].Line.ShouldBe(3);
        objects[0].Column.ShouldBe(4);
        objects[0].Body.Items[1].ShouldBe(new TmshWord("10.0.0.9", false, 4, 10));
    }
}
