using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>The guest list with its filters, the guest page with its actions, and the measurements upload of an estate.</summary>
internal static class GuestPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/guests", ListAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/guests/{id:long}", GuestAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        foreach (var action in ConsoleStore.GuestActions)
        {
            app.MapPost($"/guests/{{id:long}}/{action}", (HttpContext c, long id, ConsoleStore s) => ChangeAsync(c, id, s, action))
                .RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        }

        app.MapPost("/guests/{id:long}/edit", EditAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapPost("/estates/{id:long}/measurements", MeasurementsAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
    }

    /// <summary>Mebibytes as GiB with one decimal.</summary>
    public static string Gib(double mib) => (mib / 1024).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A number with at most two decimals.</summary>
    public static string F(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A day, or a dash.</summary>
    public static string D(DateOnly? day) => day is { } d ? Activity.Text(d) : "—";

    /// <summary>"N guests holding V vCPU, M GiB memory, D GiB disk".</summary>
    public static string HeldText(Held h) =>
        Format("web.guests.held", Count("web.count.guest", h.Guests), h.Vcpus, Gib(h.MemoryMib), Gib(h.DiskMib));

    /// <summary>A table of guests, each linked to its page.</summary>
    public static string GuestTable(IEnumerable<GuestRecord> guests) =>
        Table([Get("web.col.guest"), Get("web.col.estate"), Get("web.col.state"), Get("web.col.owner"), Get("web.col.purpose"), "vCPU", Get("web.col.memory-gib"), Get("web.col.disk-gib"),
                Get("web.col.created-on"), Get("web.col.expires"), Get("web.col.last-active"), Get("web.col.window-peak")],
            guests.Select(g => (IReadOnlyList<string>)
            [
                $"<a href=\"/guests/{g.Id}\">{E(g.Name)}</a>", $"<a href=\"/estates/{g.EstateId}\">{E(g.EstateName)}</a>", E(StateText(g.State)), E(g.Owner ?? "—"),
                E(g.Purpose ?? "—"), N(g.Vcpus), Gib(g.MemoryMib), Gib(g.DiskMib), D(g.CreatedOn), D(g.ExpiresOn), D(g.LastActiveDay), F(g.WindowPeak),
            ]));

    /// <summary>The threshold and window of a query as a sentence.</summary>
    public static string Judged(GuestQuery q) =>
        Format("web.guests.judged", F(q.ThresholdPercent), q.WindowDays, D(Activity.WindowStart(q.Today, q.WindowDays)), D(q.Today));

    private static async Task<IResult> ListAsync(HttpContext context, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Page(context, Get("web.nav.guests"), $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        var (rows, held) = await store.GuestsAsync(query);
        var q = context.Request.Query;
        string V(string name) => E(q.TryGetValue(name, out var v) ? v.ToString() : "");
        string Option(string name, string value, string label) => $"<option value=\"{value}\"{(V(name) == value ? " selected" : "")}>{label}</option>";
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"/guests\" class=\"filters\">")
            .Append($"<label>{E(Get("web.filter.name"))}<input name=\"name\" value=\"{V("name")}\"></label>")
            .Append($"<label>{E(Get("web.col.owner"))}<input name=\"owner\" value=\"{V("owner")}\"></label>")
            .Append($"<label>{E(Get("web.col.state"))}<select name=\"state\">").Append(Option("state", "", E(Get("web.filter.any")))).Append(Option("state", GuestState.Active, E(StateText(GuestState.Active))))
            .Append(Option("state", GuestState.Marked, E(StateText(GuestState.Marked)))).Append(Option("state", GuestState.Retired, E(StateText(GuestState.Retired)))).Append("</select></label>")
            .Append($"<label>{E(Get("web.filter.list"))}<select name=\"list\">").Append(Option("list", "", E(Get("web.filter.all")))).Append(Option("list", "idle", E(Get("web.filter.idle"))))
            .Append(Option("list", "unowned", E(Get("web.filter.unowned")))).Append(Option("list", "expired", E(Get("web.filter.expired")))).Append("</select></label>")
            .Append($"<label>{E(Get("web.filter.estate"))}<input name=\"estate\" value=\"{V("estate")}\" size=\"5\"></label>")
            .Append($"<label>{E(Get("web.filter.threshold"))}<input name=\"threshold\" value=\"{E(F(query.ThresholdPercent))}\" size=\"5\"></label>")
            .Append($"<label>{E(Get("web.filter.window"))}<input name=\"window\" value=\"{query.WindowDays}\" size=\"5\"></label>")
            .Append($"<button type=\"submit\">{E(Get("web.filter.submit"))}</button></form>");
        body.Append("<p id=\"held\">").Append(E(Format("web.sentences", HeldText(held), Judged(query)))).Append("</p>");
        body.Append(rows.Count == 0 ? $"<p>{E(Get("web.guests.none"))}</p>" : GuestTable(rows));
        var page = query.Offset / query.Limit + 1;
        var pages = (int)Math.Max(1, (held.Guests + query.Limit - 1) / query.Limit);
        if (pages > 1)
        {
            string Link(int p) => "/guests?" + string.Join("&", q.Where(kv => kv.Key != "page").Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
                .Append($"page={p}"));
            body.Append("<p>").Append(E(Format("web.guests.page", page, pages)))
                .Append(page > 1 ? $" · <a href=\"{E(Link(page - 1))}\">{E(Get("web.guests.previous"))}</a>" : "")
                .Append(page < pages ? $" · <a href=\"{E(Link(page + 1))}\">{E(Get("web.guests.next"))}</a>" : "").Append("</p>");
        }

        return Page(context, Get("web.nav.guests"), body.ToString());
    }

    private static async Task<IResult> GuestAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Page(context, Get("web.guest.title"), $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        if (await store.GuestAsync(id, query) is not { } g)
        {
            return NotFound(context, Format("web.what.guest", id));
        }

        var days = await store.GuestDaysAsync(id);
        var verdict = Activity.Judge(days, query.Today, query.WindowDays, query.ThresholdPercent);
        var body = new StringBuilder();
        body.Append("<table class=\"facts\"><tbody>")
            .Append($"<tr><th>{E(Get("web.col.estate"))}</th><td><a href=\"/estates/{g.EstateId}\">{E(g.EstateName)}</a></td></tr>")
            .Append($"<tr><th>{E(Get("web.col.state"))}</th><td id=\"state\">{E(StateText(g.State))}</td></tr>")
            .Append($"<tr><th>{E(Get("web.col.owner"))}</th><td>{E(g.Owner ?? "—")}</td></tr><tr><th>{E(Get("web.col.purpose"))}</th><td>{E(g.Purpose ?? "—")}</td></tr>")
            .Append($"<tr><th>{E(Get("web.guest.holds"))}</th><td>{E(Format("web.guest.holds.value", N(g.Vcpus), Gib(g.MemoryMib), Gib(g.DiskMib)))}</td></tr>")
            .Append($"<tr><th>{E(Get("web.col.created-on"))}</th><td>{D(g.CreatedOn)}</td></tr><tr><th>{E(Get("web.col.expires"))}</th><td>{D(g.ExpiresOn)}</td></tr>")
            .Append($"<tr><th>{E(Get("web.col.last-active"))}</th><td>{D(verdict.LastActiveDay)}</td></tr>")
            .Append($"<tr><th>{E(Get("web.guest.window"))}</th><td id=\"verdict\">{E(verdict.Measured
                ? Format("web.guest.measured", verdict.WindowSamples, F(verdict.WindowMean), F(verdict.WindowPeak), verdict.Idle ? Get("web.guest.idle") : Get("web.guest.active"))
                : Get("web.guest.unmeasured"))}</td></tr>")
            .Append($"<tr><th>{E(Get("web.guest.last-change"))}</th><td>{E(Format("web.when-by", T(g.ChangedAt), g.ChangedBy))}</td></tr>")
            .Append("</tbody></table>");
        body.Append("<p class=\"muted\">").Append(E(Judged(query))).Append("</p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            var buttons = new StringBuilder();
            if (g.State == GuestState.Active)
            {
                buttons.Append(Form(context, $"/guests/{id}/mark", $"<button type=\"submit\">{E(Get("web.guest.mark"))}</button>", "inline")).Append(' ');
            }

            if (g.State != GuestState.Retired)
            {
                buttons.Append(Form(context, $"/guests/{id}/retire", $"<button type=\"submit\">{E(Get("web.guest.retire"))}</button>", "inline")).Append(' ');
            }

            if (g.State != GuestState.Active)
            {
                buttons.Append(Form(context, $"/guests/{id}/restore", $"<button type=\"submit\">{E(Get("web.guest.restore"))}</button>", "inline"));
            }

            body.Append("<p>").Append(buttons).Append("</p>")
                .Append("<h2>").Append(E(Get("web.guest.edit"))).Append("</h2>")
                .Append(Form(context, $"/guests/{id}/edit",
                    Field(Get("web.guest.owner"), "owner", extra: $"value=\"{E(g.Owner)}\"") + Field(Get("web.guest.purpose"), "purpose", extra: $"value=\"{E(g.Purpose)}\"") +
                    Field(Get("web.guest.expiry"), "expires", extra: $"value=\"{D(g.ExpiresOn).Replace("—", "", StringComparison.Ordinal)}\"") +
                    $"<button type=\"submit\">{E(Get("web.guest.save"))}</button>"));
        }

        body.Append("<h2>").Append(E(Get("web.guest.days"))).Append("</h2>").Append(days.Count == 0 ? $"<p>{E(Get("web.guest.no-days"))}</p>"
            : Table([Get("web.col.day"), Get("web.col.samples"), Get("web.col.mean"), Get("web.col.peak")], days.AsEnumerable().Reverse().Take(62).Select(d => (IReadOnlyList<string>)[D(d.Day), N(d.Samples), F(d.Mean), F(d.Peak)])));
        return Page(context, g.Name, body.ToString());
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, long id, ConsoleStore store, string action) =>
        await store.SetGuestStateAsync(context.Who()!.Value.Name, id, action) switch
        {
            ConsoleStore.GuestChange.Done => Results.Redirect($"/guests/{id}"),
            ConsoleStore.GuestChange.NotFound => NotFound(context, Format("web.what.guest", id)),
            _ => Page(context, Format("web.what.guest", id), $"<p class=\"error\">{Markup("web.guest.not-allowed", E(action), $"<a href=\"/guests/{id}\">{E(Get("web.guest.its-page"))}</a>")}</p>", StatusCodes.Status409Conflict),
        };

    private static async Task<IResult> EditAsync(HttpContext context, long id, ConsoleStore store)
    {
        var form = await context.Request.ReadFormAsync();
        var expiresText = form.Value("expires").Trim();
        DateOnly? expires = null;
        if (expiresText.Length > 0)
        {
            if (GuestInventory.Date(expiresText) is not { } day)
            {
                return Page(context, Format("web.what.guest", id), $"<p class=\"error\">{E(Format("web.guest.bad-expiry", expiresText))}</p>", StatusCodes.Status400BadRequest);
            }

            expires = day;
        }

        if (form.Value("owner").Length > 200 || form.Value("purpose").Length > 1000)
        {
            return Page(context, Format("web.what.guest", id), $"<p class=\"error\">{E(Format("web.guest.too-long", 200, 1000))}</p>", StatusCodes.Status400BadRequest);
        }

        return await store.EditGuestAsync(context.Who()!.Value.Name, id, new GuestEdit(form.Value("owner"), form.Value("purpose"), expires)) == ConsoleStore.GuestChange.Done
            ? Results.Redirect($"/guests/{id}")
            : NotFound(context, Format("web.what.guest", id));
    }

    /// <summary>The part of an estate's page about its guests: counts, links, and for an operator the measurements upload.</summary>
    public static async Task<string> EstateSectionAsync(HttpContext context, long estateId, ConsoleStore store, TimeProvider time)
    {
        var today = GuestQueryText.Today(time);
        var (_, all) = await store.GuestsAsync(new GuestQuery { EstateId = estateId, Today = today, Limit = 1 });
        var (_, retired) = await store.GuestsAsync(new GuestQuery { EstateId = estateId, State = GuestState.Retired, Today = today, Limit = 1 });
        var html = new StringBuilder("<h2>").Append(E(Get("web.nav.guests"))).Append("</h2><p>");
        html.Append(E(Format("web.estate.guests", HeldText(all), retired.Guests)))
            .Append($" <a href=\"/guests?estate={estateId}\">{E(Get("web.estate.guest-list"))}</a> · <a href=\"/guests/sprawl?estate={estateId}\">{E(Get("web.nav.sprawl"))}</a></p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            html.Append(Form(context, $"/estates/{estateId}/measurements",
                $"<label>{Markup("web.measurements.file", "<code>shuyaku import sar|perfmon|prometheus</code>")}" +
                $"<input type=\"file\" name=\"file\" required></label><button type=\"submit\">{E(Get("web.measurements.submit"))}</button>", multipart: true));
        }

        return html.ToString();
    }

    private static async Task<IResult> MeasurementsAsync(HttpContext context, long id, ConsoleStore store, ConsoleOptions options)
    {
        if (await store.EstateAsync(id) is null)
        {
            return NotFound(context, Format("web.what.estate", id));
        }

        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file?.Length > options.MaxUploadBytes)
        {
            return ConsoleSecurity.TooLarge(context, options.MaxUploadBytes);
        }

        if (file is null || file.Length == 0)
        {
            return Page(context, Get("web.measurements.title"), $"<p class=\"error\">{E(Format("web.measurements.choose", options.MaxUploadBytes))}</p>", StatusCodes.Status400BadRequest);
        }

        var fileName = Uploads.FileName(file.FileName, "measurements.csv");
        ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>> read;
        await using (var content = file.OpenReadStream())
        {
            read = await Uploads.ReadMeasurementsAsync(content, fileName);
        }

        if (!read.Succeeded)
        {
            return Page(context, Get("web.measurements.title"),
                $"<div class=\"notice\"><p class=\"error\">{E(Format("web.file-errors", fileName, Count("web.count.error", read.Errors.Count)))}</p><ul>" +
                string.Concat(read.Errors.Select(d => $"<li><code>{E($"{d.File}:{d.Line}:{d.Column}")}</code> {E(d.Message)}</li>")) + "</ul></div>" +
                $"<p><a href=\"/estates/{id}\">{E(Get("web.measurements.back"))}</a></p>", StatusCodes.Status422UnprocessableEntity);
        }

        var stored = await store.AddMeasurementsAsync(context.Who()!.Value.Name, id, fileName, read.Value!);
        return Page(context, Get("web.measurements.stored-title"),
            $"<p id=\"stored\">{E(Format("web.measurements.stored", fileName, stored.Series, stored.Guests, stored.Days))}</p>" +
            (stored.Unmatched.Count == 0 ? "" : $"<p class=\"notice\">{E(Format("web.measurements.unmatched", string.Join(", ", stored.Unmatched.Take(20)) + (stored.Unmatched.Count > 20 ? ", …" : "")))}</p>") +
            $"<p><a href=\"/estates/{id}\">{E(Get("web.measurements.back"))}</a> · <a href=\"/guests/sprawl?estate={id}\">{E(Get("web.measurements.sprawl"))}</a></p>");

    }
}
