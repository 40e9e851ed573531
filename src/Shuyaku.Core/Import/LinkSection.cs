using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'links' section: the wide-area links between sites, with their bandwidth and history.</summary>
internal sealed class LinkSection(YamlNodes n, CrossSectionChecks references)
{
    private const int FirstYear = 1950;
    private const int LastYear = 2200;

    public List<Link> Read(YamlNode? node, List<Site> sites)
    {
        var links = new List<Link>();
        var ids = new UniqueIds(n, T("estate.kind.link"));
        foreach (var item in n.Sequence(node, "links"))
        {
            var f = n.Mapping(item, T("estate.what.a-link"), "id", "from", "to", "bandwidth", "latency", "target", "history");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), Of(T("estate.what.a-link"), "id"));
            var what = string.IsNullOrEmpty(id) ? T("estate.what.a-link") : F("estate.what.link", id);
            var from = End(f, "from", what, sites);
            var to = End(f, "to", what, sites);
            if (from is not null && from == to)
            {
                n.Error(f["to"]!, F("estate.link.to-itself", what, from));
            }

            var bandwidth = n.Positive(f.Required("bandwidth"), Of(what, "bandwidth"), QuantityKind.Bandwidth);
            var latency = n.Quantity(f["latency"], Of(what, "latency"), QuantityKind.Duration);
            var target = n.Share(f["target"], Of(what, "target"));
            var history = History(f["history"], what);
            if (ids.Add(id, f.Node) && from is not null && to is not null && from != to && bandwidth is not null)
            {
                references.Place($"link:{id}", f.Node);
                links.Add(new Link
                {
                    Id = id!,
                    From = from,
                    To = to,
                    BandwidthMbps = bandwidth.Value,
                    LatencyMs = latency * 1000,
                    TargetUtilisation = target ?? 0.7,
                    History = history,
                });
            }
        }

        return links;
    }

    private string? End(Fields f, string key, string what, List<Site> sites)
    {
        var site = n.Text(f.Required(key), Of(what, key));
        if (site is null)
        {
            return null;
        }

        if (sites.All(s => s.Id != site))
        {
            n.Error(f[key]!, F("estate.cross.site", what, site));
            return null;
        }

        return site;
    }

    /// <summary>What carried the link before, oldest first: each era's year must follow the one before.</summary>
    private List<LinkEra> History(YamlNode? node, string what)
    {
        var eras = new List<LinkEra>();
        int? previous = null;
        foreach (var item in n.Sequence(node, Of(what, "history")))
        {
            var f = n.Mapping(item, F("estate.link.era", what), "year", "technology", "bandwidth");
            if (f is null)
            {
                continue;
            }

            var year = n.Integer(f.Required("year"), F("estate.link.era-field", what, "year"), FirstYear, LastYear);
            var technology = n.Text(f["technology"], F("estate.link.era-field", what, "technology")) ?? "";
            var bandwidth = n.Positive(f.Required("bandwidth"), F("estate.link.era-field", what, "bandwidth"), QuantityKind.Bandwidth);
            if (year is not null && previous is not null && year <= previous)
            {
                n.Error(f["year"]!, F("estate.link.history-order", what, year, previous));
            }

            previous = year ?? previous;
            if (year is not null && bandwidth is not null)
            {
                eras.Add(new LinkEra(year.Value, technology, bandwidth.Value));
            }
        }

        return eras;
    }
}
