using System.Globalization;
using Microsoft.AspNetCore.Http;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Guests;

/// <summary>
/// A guest query from a request's query string, the same for the pages and the API: estate, state, owner, name, list,
/// threshold, window, page (and, for the API, limit). A value out of range is an error naming the parameter.
/// </summary>
internal static class GuestQueryText
{
    /// <summary>Guests on a page of the list when the request does not say.</summary>
    public const int PageSize = 100;

    /// <summary>The most guests one page or API answer holds.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Today as the console's clock says, as a UTC date.</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The query the request asks for, or the first parameter that is wrong and why.</summary>
    public static (GuestQuery? Query, string? Error) Parse(IQueryCollection q, TimeProvider time, GuestList? list = null)
    {
        string? Text(string name) => q.TryGetValue(name, out var v) && v.ToString().Trim() is { Length: > 0 } t ? t : null;
        var query = new GuestQuery { Today = Today(time) };
        if (Text("threshold") is { } threshold)
        {
            if (!double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) || !(t is >= 0 and <= 100))
            {
                return (null, Get("web.query.threshold"));
            }

            query = query with { ThresholdPercent = t };
        }

        if (Text("window") is { } window)
        {
            if (!int.TryParse(window, NumberStyles.None, CultureInfo.InvariantCulture, out var w) || w is < 1 or > Activity.MaxWindowDays)
            {
                return (null, Format("web.query.window", Activity.MaxWindowDays));
            }

            query = query with { WindowDays = w };
        }

        if (Text("estate") is { } estate)
        {
            if (!long.TryParse(estate, NumberStyles.None, CultureInfo.InvariantCulture, out var e))
            {
                return (null, Get("web.query.estate"));
            }

            query = query with { EstateId = e };
        }

        if (Text("state") is { } state)
        {
            if (state is not (GuestState.Active or GuestState.Marked or GuestState.Retired))
            {
                return (null, Get("web.query.state"));
            }

            query = query with { State = state };
        }

        if (list is null && Text("list") is { } name)
        {
            if (!Enum.TryParse<GuestList>(name, ignoreCase: true, out var l) || name.Any(char.IsDigit))
            {
                return (null, Get("web.query.list"));
            }

            list = l;
        }

        var limit = PageSize;
        if (Text("limit") is { } limitText && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, Format("web.query.limit", MaxLimit));
        }

        var page = 1;
        if (Text("page") is { } pageText && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page is < 1 or > 1_000_000))
        {
            return (null, Get("web.query.page"));
        }

        return (query with { Owner = Text("owner"), Name = Text("name"), List = list ?? GuestList.All, Limit = limit, Offset = (page - 1) * limit }, null);
    }
}
