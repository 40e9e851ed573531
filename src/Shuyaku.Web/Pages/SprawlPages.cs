using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The sprawl view: idle guests, guests without owner and expired guests, each with the capacity it holds.</summary>
internal static class SprawlPages
{
    /// <summary>The three sprawl lists, in page order, with their headings.</summary>
    public static readonly (GuestList List, string Id, string Heading)[] Lists =
    [
        (GuestList.Idle, "idle", "Idle guests"),
        (GuestList.Unowned, "unowned", "Guests without owner"),
        (GuestList.Expired, "expired", "Expired guests"),
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
            return Page(context, "Sprawl", $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        var lists = await ReadAsync(store, query, Shown);
        var filters = $"threshold={GuestPages.F(query.ThresholdPercent)}&window={query.WindowDays}" + (query.EstateId is { } e ? $"&estate={e}" : "");
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"/guests/sprawl\" class=\"filters\">")
            .Append($"<label>threshold %<input name=\"threshold\" value=\"{E(GuestPages.F(query.ThresholdPercent))}\" size=\"5\"></label>")
            .Append($"<label>window days<input name=\"window\" value=\"{query.WindowDays}\" size=\"5\"></label>")
            .Append($"<label>estate id<input name=\"estate\" value=\"{(query.EstateId is { } estateId ? estateId : "")}\" size=\"5\"></label>")
            .Append("<button type=\"submit\">Show</button></form>")
            .Append("<p>").Append(E(GuestPages.Judged(query))).Append(" Retired guests are in no list.</p>");
        body.Append(Table(["list", "guests", "vCPU", "memory GiB", "disk GiB"], lists.Select(l => (IReadOnlyList<string>)
        [
            $"<a href=\"#{Lists.First(x => x.List == l.List).Id}\">{E(Lists.First(x => x.List == l.List).Heading)}</a>", N(l.Held.Guests), N(l.Held.Vcpus),
            GuestPages.Gib(l.Held.MemoryMib), GuestPages.Gib(l.Held.DiskMib),
        ])));
        foreach (var (list, rows, held) in lists)
        {
            var (_, id, heading) = Lists.First(x => x.List == list);
            body.Append($"<section id=\"{id}\"><h2>{E(heading)}</h2><p class=\"held\">{E(GuestPages.HeldText(held))}.")
                .Append(held.Guests > rows.Count ? $" The first {rows.Count} by name; <a href=\"/guests?list={id}&{E(filters)}\">all of them</a>." : "")
                .Append("</p>").Append(rows.Count == 0 ? "<p>None.</p>" : GuestPages.GuestTable(rows)).Append("</section>\n");
        }

        return Page(context, "Sprawl", body.ToString());
    }
}
