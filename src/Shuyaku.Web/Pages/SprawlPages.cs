using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The sprawl view: idle guests, guests without owner and expired guests, each with the capacity it holds.</summary>
internal static class SprawlPages
{
    /// <summary>The three sprawl lists, in page order, with the keys of their headings.</summary>
    public static readonly (GuestList List, string Id, string Heading)[] Lists =
    [
        (GuestList.Idle, "idle", "web.sprawl.idle"),
        (GuestList.Unowned, "unowned", "web.sprawl.unowned"),
        (GuestList.Expired, "expired", "web.sprawl.expired"),
    ];

    /// <summary>Guests each list shows on the page; the rest are a link away.</summary>
    public const int Shown = 50;

    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/guests/sprawl", SprawlAsync).RequireAuthorization(ConsoleSecurity.Viewer);

    /// <summary>The three lists of a query: each list's first <paramref name="limit"/> guests and the capacity all of its guests hold.</summary>
    public static async Task<IReadOnlyList<(GuestList List, List<GuestRecord> Rows, Held Held)>> ReadAsync(ConsoleStore store, GuestQuery query, int limit)
    {
        var answers = await store.GuestsAsync(Lists.Select(l => query with { List = l.List, Limit = limit, Offset = 0 }).ToList());
        return Lists.Select((l, i) => (l.List, answers[i].Rows, answers[i].Held)).ToList();
    }

    private static async Task<IResult> SprawlAsync(HttpContext context, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time, GuestList.All);
        if (query is null)
        {
            return Page(context, Get("web.nav.sprawl"), $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        var lists = await ReadAsync(store, query, Shown);
        var filters = $"threshold={GuestPages.F(query.ThresholdPercent)}&window={query.WindowDays}" + (query.EstateId is { } e ? $"&estate={e}" : "");
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"/guests/sprawl\" class=\"filters\">")
            .Append($"<label>{E(Get("web.filter.threshold"))}<input name=\"threshold\" value=\"{E(GuestPages.F(query.ThresholdPercent))}\" size=\"5\"></label>")
            .Append($"<label>{E(Get("web.filter.window"))}<input name=\"window\" value=\"{query.WindowDays}\" size=\"5\"></label>")
            .Append($"<label>{E(Get("web.filter.estate"))}<input name=\"estate\" value=\"{(query.EstateId is { } estateId ? estateId : "")}\" size=\"5\"></label>")
            .Append($"<button type=\"submit\">{E(Get("web.sprawl.show"))}</button></form>")
            .Append("<p>").Append(E(GuestPages.Judged(query))).Append(' ').Append(E(Get("web.sprawl.retired"))).Append("</p>");
        body.Append(Table([Get("web.filter.list"), Get("web.col.guests"), "vCPU", Get("web.col.memory-gib"), Get("web.col.disk-gib")], lists.Select(l => (IReadOnlyList<string>)
        [
            $"<a href=\"#{Lists.First(x => x.List == l.List).Id}\">{E(Get(Lists.First(x => x.List == l.List).Heading))}</a>", N(l.Held.Guests), N(l.Held.Vcpus),
            GuestPages.Gib(l.Held.MemoryMib), GuestPages.Gib(l.Held.DiskMib),
        ])));
        foreach (var (list, rows, held) in lists)
        {
            var (_, id, heading) = Lists.First(x => x.List == list);
            body.Append($"<section id=\"{id}\"><h2>{E(Get(heading))}</h2><p class=\"held\">{E(Format("web.sprawl.held", GuestPages.HeldText(held)))}")
                .Append(held.Guests > rows.Count ? " " + Markup("web.sprawl.first", rows.Count, $"<a href=\"/guests?list={id}&{E(filters)}\">{E(Get("web.sprawl.all"))}</a>") : "")
                .Append("</p>").Append(rows.Count == 0 ? $"<p>{E(Get("web.sprawl.none"))}</p>" : GuestPages.GuestTable(rows)).Append("</section>\n");
        }

        return Page(context, Get("web.nav.sprawl"), body.ToString());

    }
}
