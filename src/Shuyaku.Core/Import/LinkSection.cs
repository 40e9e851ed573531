using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'links' section: the wide-area links between sites, with their bandwidth and history.</summary>
internal sealed class LinkSection(YamlNodes n, CrossSectionChecks references)
{
    private const int FirstYear = 1950;
    private const int LastYear = 2200;

    public List<Link> Read(YamlNode? node, List<Site> sites)
    {
        var links = new List<Link>();
        var ids = new UniqueIds(n, "link");
        foreach (var item in n.Sequence(node, "links"))
        {
            var f = n.Mapping(item, "a link", "id", "from", "to", "bandwidth", "latency", "target", "history");
            if (f is null)
            {
                continue;
            }

            var id = n.Text(f.Required("id"), "a link's id");
            var what = string.IsNullOrEmpty(id) ? "a link" : $"link '{id}'";
            var from = End(f, "from", what, sites);
            var to = End(f, "to", what, sites);
            if (from is not null && from == to)
            {
                n.Error(f["to"]!, $"{what} runs from site '{from}' to itself: a link joins two different sites");
            }

            var bandwidth = n.Positive(f.Required("bandwidth"), $"{what}'s bandwidth", QuantityKind.Bandwidth);
            var latency = n.Quantity(f["latency"], $"{what}'s latency", QuantityKind.Duration);
            var target = n.Share(f["target"], $"{what}'s target");
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
        var site = n.Text(f.Required(key), $"{what}'s {key}");
        if (site is null)
        {
            return null;
        }

        if (sites.All(s => s.Id != site))
        {
            n.Error(f[key]!, $"{what} names site '{site}', which is not among the sites: add it under 'sites' or fix the name");
            return null;
        }

        return site;
    }

    /// <summary>What carried the link before, oldest first: each era's year must follow the one before.</summary>
    private List<LinkEra> History(YamlNode? node, string what)
    {
        var eras = new List<LinkEra>();
        int? previous = null;
        foreach (var item in n.Sequence(node, $"{what}'s history"))
        {
            var f = n.Mapping(item, $"an era of {what}'s history", "year", "technology", "bandwidth");
            if (f is null)
            {
                continue;
            }

            var year = n.Integer(f.Required("year"), $"the year of an era of {what}", FirstYear, LastYear);
            var technology = n.Text(f["technology"], $"the technology of an era of {what}") ?? "";
            var bandwidth = n.Positive(f.Required("bandwidth"), $"the bandwidth of an era of {what}", QuantityKind.Bandwidth);
            if (year is not null && previous is not null && year <= previous)
            {
                n.Error(f["year"]!, $"{what}'s history has {year} after {previous}: list the eras oldest first, each in a later year");
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
