using Shuyaku.Core.Import.F5;

namespace Shuyaku.Core.Tests.Import.F5;

public sealed class TmshBlocksTests
{
    private static TmshBlock Body(string text) => TmshParser.Parse("bigip.conf", text).Objects.Single().Body;

    private static List<string> Keys(string text) =>
        [.. TmshBlocks.Properties(Body(text)).Select(p => p.Key.Text + "=" + string.Join(" ", p.Values.Select(v => v is TmshWord w ? w.Text : "{}")))];

    [Fact]
    public void A_multiline_block_gives_each_key_the_rest_of_its_line()
    {
        Keys("ltm pool /Common/p {\n    monitor /Common/a and /Common/b\n    description \"x y\"\n    members {\n    }\n}\n")
            .ShouldBe(["monitor=/Common/a and /Common/b", "description=x y", "members={}"]);
    }

    [Fact]
    public void An_inline_block_gives_each_key_one_value_and_flags_none()
    {
        Keys("ltm virtual /Common/v { disabled destination /Common/1.2.3.4:80 ip-forward pool /Common/p vlans-enabled }")
            .ShouldBe(["disabled=", "destination=/Common/1.2.3.4:80", "ip-forward=", "pool=/Common/p", "vlans-enabled="]);
    }

    [Fact]
    public void An_inline_monitor_takes_its_and_chain_or_its_min_of_list()
    {
        Keys("ltm pool /Common/p { monitor /Common/a and /Common/b load-balancing-mode round-robin }")
            .ShouldBe(["monitor=/Common/a and /Common/b", "load-balancing-mode=round-robin"]);
        Keys("ltm pool /Common/p { monitor min 1 of { /Common/a /Common/b } min-active-members 1 }")
            .ShouldBe(["monitor=min 1 of {}", "min-active-members=1"]);
    }

    [Fact]
    public void Names_pair_each_name_with_the_block_after_it()
    {
        var body = Body("ltm virtual /Common/v { profiles { /Common/http { } /Common/tcp { context all } /Common/bare } }");
        var profiles = TmshBlocks.Properties(body).Single().Block;

        TmshBlocks.Names(profiles).Select(n => (n.Name.Text, n.Body is not null)).ShouldBe([("/Common/http", true), ("/Common/tcp", true), ("/Common/bare", false)]);
    }
}
