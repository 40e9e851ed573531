using Shuyaku.Core.Import;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Import;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// The estate reader's network, move and access sections speak Japanese: each mistake is reported at the same
/// <c>file:line:col</c> in both languages, with the Japanese sentence in place of the English one.
/// </summary>
public sealed class EstateSectionLanguageTests
{
    public static TheoryData<string, string, string, string> Mistakes() => new()
    {
        // section, the text changed in the sample estate, what it becomes, the Japanese message
        { "links", "to: dc\n    bandwidth: 300Mbps", "to: a\n    bandwidth: 300Mbps",
            "リンク 'a-dc' が拠点 'a' からそれ自身へつながっています。リンクは異なる 2 つの拠点を結ぶものです" },
        { "subnets", "{ prefix: 10.0.0.0/24, site: dc }", "{ prefix: 10.0.0.1/24, site: dc }",
            "サブネット の prefix '10.0.0.1/24' は先頭 24 ビットより後ろにも 1 のビットがあります。ネットワーク自身のアドレス 10.0.0.0/24 を書いてください" },
        { "traffic", "{ service: web, site: b, peak: 10Mbps }", "{ service: webb, site: b, peak: 10Mbps }",
            "サービス 'webb' の traffic が指定するサービスを持つワークロードがありません。いずれかのワークロードにそのサービスを付けるか、名前を直してください (サービス: DNS, mail, web)" },
        { "dependencies", "{ from: web1, to: dns1 }", "{ from: web1, to: dns9 }",
            "依存の 'to' が 'dns9' を指定していますが、これはワークロードの id でもサービスでもありません。名前を直してください" },
        { "equipment", "kind: rack", "kind: shelf",
            "機器 'dc-rack' の kind 'shelf' は使えません。loadBalancer, storage, backup, switch, rack または other を書いてください" },
        { "costs", "per: core", "per: cpu",
            "ライセンスの数え方 'cpu' は使えません。socket か core を書いてください" },
        { "migration", "maxServers: 4", "maxServers: 0",
            "migration の maxServers が 0 ですが、1 以上でなければなりません" },
        { "access", "advertInterval: 1s", "advertInterval: 15ms",
            "vrrp の advertInterval が 15ms です。VRRP は 100 分の 1 秒単位で数えるので、10ms の倍数を書いてください" },
        { "access", "ports: [80]", "ports: [80, 80]",
            "サービス 'web' にポート 80 が 2 回書かれています。1 つだけ残してください" },
        { "access", "{ id: slb-2, site: dc, address: 10.0.0.12, priority: 100 }", "{ id: slb-2, site: dc, address: 10.0.0.12, priority: 150 }",
            "サーバ負荷分散装置 'slb-2' の priority 150 はサーバ負荷分散装置 'slb-1' と同じです。マスタのほうに高い priority を付けてください" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void A_mistake_is_reported_in_japanese_at_the_same_place(string section, string from, string to, string japanese)
    {
        var sample = section == "access" ? AccessSectionTests.Estate : MoveSectionTests.Complete;
        sample.ShouldContain(from);
        var yaml = sample.Replace(from, to, StringComparison.Ordinal);
        var en = Read(yaml, Language.English);
        var ja = Read(yaml, Language.Japanese);

        en.Count.ShouldBe(1, string.Join("\n", en));
        ja.Count.ShouldBe(1, string.Join("\n", ja));
        (ja[0].File, ja[0].Line, ja[0].Column).ShouldBe((en[0].File, en[0].Line, en[0].Column));
        ja[0].Message.ShouldBe(japanese, $"English: {en[0].Message}");
    }

    private static List<Diagnostics.Diagnostic> Read(string yaml, string language)
    {
        using (Language.Use(language))
        {
            return [.. EstateReader.Read(yaml, "estate.yaml").Errors];
        }
    }
}
