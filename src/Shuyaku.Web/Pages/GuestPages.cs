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
        $"{h.Guests} guest{(h.Guests == 1 ? "" : "s")} holding {h.Vcpus} vCPU, {Gib(h.MemoryMib)} GiB memory, {Gib(h.DiskMib)} GiB disk";

    /// <summary>A table of guests, each linked to its page.</summary>
    public static string GuestTable(IEnumerable<GuestRecord> guests) =>
        Table(["guest", "estate", "state", "owner", "purpose", "vCPU", "memory GiB", "disk GiB", "created", "expires", "last active", "window peak %"],
            guests.Select(g => (IReadOnlyList<string>)
            [
                $"<a href=\"/guests/{g.Id}\">{E(g.Name)}</a>", $"<a href=\"/estates/{g.EstateId}\">{E(g.EstateName)}</a>", E(g.State), E(g.Owner ?? "—"),
                E(g.Purpose ?? "—"), N(g.Vcpus), Gib(g.MemoryMib), Gib(g.DiskMib), D(g.CreatedOn), D(g.ExpiresOn), D(g.LastActiveDay), F(g.WindowPeak),
            ]));

    /// <summary>The threshold and window of a query as a sentence.</summary>
    public static string Judged(GuestQuery q) =>
        $"Activity: CPU above {F(q.ThresholdPercent)} % of the old server; window: the {q.WindowDays} UTC days {D(Activity.WindowStart(q.Today, q.WindowDays))} to {D(q.Today)}.";

    private static async Task<IResult> ListAsync(HttpContext context, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Page(context, "Guests", $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        var (rows, held) = await store.GuestsAsync(query);
        var q = context.Request.Query;
        string V(string name) => E(q.TryGetValue(name, out var v) ? v.ToString() : "");
        string Option(string name, string value, string label) => $"<option value=\"{value}\"{(V(name) == value ? " selected" : "")}>{label}</option>";
        var body = new StringBuilder();
        body.Append("<form method=\"get\" action=\"/guests\" class=\"filters\">")
            .Append($"<label>name contains<input name=\"name\" value=\"{V("name")}\"></label>")
            .Append($"<label>owner<input name=\"owner\" value=\"{V("owner")}\"></label>")
            .Append("<label>state<select name=\"state\">").Append(Option("state", "", "any")).Append(Option("state", GuestState.Active, "active"))
            .Append(Option("state", GuestState.Marked, "marked")).Append(Option("state", GuestState.Retired, "retired")).Append("</select></label>")
            .Append("<label>list<select name=\"list\">").Append(Option("list", "", "all")).Append(Option("list", "idle", "idle")).Append(Option("list", "unowned", "without owner"))
            .Append(Option("list", "expired", "expired")).Append("</select></label>")
            .Append($"<label>estate id<input name=\"estate\" value=\"{V("estate")}\" size=\"5\"></label>")
            .Append($"<label>threshold %<input name=\"threshold\" value=\"{E(F(query.ThresholdPercent))}\" size=\"5\"></label>")
            .Append($"<label>window days<input name=\"window\" value=\"{query.WindowDays}\" size=\"5\"></label>")
            .Append("<button type=\"submit\">Filter</button></form>");
        body.Append("<p id=\"held\">").Append(E(HeldText(held))).Append(". ").Append(E(Judged(query))).Append("</p>");
        body.Append(rows.Count == 0 ? "<p>No guest matches.</p>" : GuestTable(rows));
        var page = query.Offset / query.Limit + 1;
        var pages = (int)Math.Max(1, (held.Guests + query.Limit - 1) / query.Limit);
        if (pages > 1)
        {
            string Link(int p) => "/guests?" + string.Join("&", q.Where(kv => kv.Key != "page").Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
                .Append($"page={p}"));
            body.Append("<p>Page ").Append(page).Append(" of ").Append(pages)
                .Append(page > 1 ? $" · <a href=\"{E(Link(page - 1))}\">previous</a>" : "").Append(page < pages ? $" · <a href=\"{E(Link(page + 1))}\">next</a>" : "").Append("</p>");
        }

        return Page(context, "Guests", body.ToString());
    }

    private static async Task<IResult> GuestAsync(HttpContext context, long id, ConsoleStore store, TimeProvider time)
    {
        var (query, error) = GuestQueryText.Parse(context.Request.Query, time);
        if (query is null)
        {
            return Page(context, "Guest", $"<p class=\"error\">{E(error)}</p>", StatusCodes.Status400BadRequest);
        }

        if (await store.GuestAsync(id, query) is not { } g)
        {
            return NotFound(context, $"Guest #{id}");
        }

        var days = await store.GuestDaysAsync(id);
        var verdict = Activity.Judge(days, query.Today, query.WindowDays, query.ThresholdPercent);
        var body = new StringBuilder();
        body.Append("<table class=\"facts\"><tbody>")
            .Append($"<tr><th>estate</th><td><a href=\"/estates/{g.EstateId}\">{E(g.EstateName)}</a></td></tr>")
            .Append($"<tr><th>state</th><td id=\"state\">{E(g.State)}</td></tr>")
            .Append($"<tr><th>owner</th><td>{E(g.Owner ?? "—")}</td></tr><tr><th>purpose</th><td>{E(g.Purpose ?? "—")}</td></tr>")
            .Append($"<tr><th>holds</th><td>{N(g.Vcpus)} vCPU, {Gib(g.MemoryMib)} GiB memory, {Gib(g.DiskMib)} GiB disk</td></tr>")
            .Append($"<tr><th>created</th><td>{D(g.CreatedOn)}</td></tr><tr><th>expires</th><td>{D(g.ExpiresOn)}</td></tr>")
            .Append($"<tr><th>last active</th><td>{D(verdict.LastActiveDay)}</td></tr>")
            .Append($"<tr><th>in the window</th><td id=\"verdict\">{(verdict.Measured ? $"{verdict.WindowSamples} samples, mean {F(verdict.WindowMean)} %, peak {F(verdict.WindowPeak)} % — {(verdict.Idle ? "idle" : "active")}" : "no samples: unmeasured")}</td></tr>")
            .Append($"<tr><th>last change</th><td>{E($"{T(g.ChangedAt)} by {g.ChangedBy}")}</td></tr>")
            .Append("</tbody></table>");
        body.Append("<p class=\"muted\">").Append(E(Judged(query))).Append("</p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            var buttons = new StringBuilder();
            if (g.State == GuestState.Active)
            {
                buttons.Append(Form(context, $"/guests/{id}/mark", "<button type=\"submit\">Mark for retirement</button>", "inline")).Append(' ');
            }

            if (g.State != GuestState.Retired)
            {
                buttons.Append(Form(context, $"/guests/{id}/retire", "<button type=\"submit\">Retire</button>", "inline")).Append(' ');
            }

            if (g.State != GuestState.Active)
            {
                buttons.Append(Form(context, $"/guests/{id}/restore", "<button type=\"submit\">Restore</button>", "inline"));
            }

            body.Append("<p>").Append(buttons).Append("</p>")
                .Append("<h2>Edit</h2>")
                .Append(Form(context, $"/guests/{id}/edit",
                    Field("Owner", "owner", extra: $"value=\"{E(g.Owner)}\"") + Field("Purpose", "purpose", extra: $"value=\"{E(g.Purpose)}\"") +
                    Field("Expiry date (yyyy-MM-dd, empty for none)", "expires", extra: $"value=\"{D(g.ExpiresOn).Replace("—", "", StringComparison.Ordinal)}\"") +
                    "<button type=\"submit\">Save</button>"));
        }

        body.Append("<h2>Measured CPU per day</h2>").Append(days.Count == 0 ? "<p>No measurements. An operator uploads them on the estate's page.</p>"
            : Table(["day", "samples", "mean %", "peak %"], days.AsEnumerable().Reverse().Take(62).Select(d => (IReadOnlyList<string>)[D(d.Day), N(d.Samples), F(d.Mean), F(d.Peak)])));
        return Page(context, g.Name, body.ToString());
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, long id, ConsoleStore store, string action) =>
        await store.SetGuestStateAsync(context.Who()!.Value.Name, id, action) switch
        {
            ConsoleStore.GuestChange.Done => Results.Redirect($"/guests/{id}"),
            ConsoleStore.GuestChange.NotFound => NotFound(context, $"Guest #{id}"),
            _ => Page(context, $"Guest #{id}", $"<p class=\"error\">The guest's state does not allow “{E(action)}”: see <a href=\"/guests/{id}\">its page</a>.</p>", StatusCodes.Status409Conflict),
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
                return Page(context, $"Guest #{id}", $"<p class=\"error\">The expiry date “{E(expiresText)}” is not a date: write it as yyyy-MM-dd.</p>", StatusCodes.Status400BadRequest);
            }

            expires = day;
        }

        if (form.Value("owner").Length > 200 || form.Value("purpose").Length > 1000)
        {
            return Page(context, $"Guest #{id}", "<p class=\"error\">The owner has at most 200 characters and the purpose at most 1000.</p>", StatusCodes.Status400BadRequest);
        }

        return await store.EditGuestAsync(context.Who()!.Value.Name, id, new GuestEdit(form.Value("owner"), form.Value("purpose"), expires)) == ConsoleStore.GuestChange.Done
            ? Results.Redirect($"/guests/{id}")
            : NotFound(context, $"Guest #{id}");
    }

    /// <summary>The part of an estate's page about its guests: counts, links, and for an operator the measurements upload.</summary>
    public static async Task<string> EstateSectionAsync(HttpContext context, long estateId, ConsoleStore store, TimeProvider time)
    {
        var today = GuestQueryText.Today(time);
        var (_, all) = await store.GuestsAsync(new GuestQuery { EstateId = estateId, Today = today, Limit = 1 });
        var (_, retired) = await store.GuestsAsync(new GuestQuery { EstateId = estateId, State = GuestState.Retired, Today = today, Limit = 1 });
        var html = new StringBuilder("<h2>Guests</h2><p>");
        html.Append(E(HeldText(all))).Append($"; {retired.Guests} retired. <a href=\"/guests?estate={estateId}\">List</a> · <a href=\"/guests/sprawl?estate={estateId}\">Sprawl</a></p>");
        if (context.Who()?.Role >= Role.Operator)
        {
            html.Append(Form(context, $"/estates/{estateId}/measurements",
                "<label>Measurements (csv-long as <code>shuyaku import sar|perfmon|prometheus</code> write it, or any trace with clock times)" +
                "<input type=\"file\" name=\"file\" required></label><button type=\"submit\">Upload measurements</button>", multipart: true));
        }

        return html.ToString();
    }

    private static async Task<IResult> MeasurementsAsync(HttpContext context, long id, ConsoleStore store, ConsoleOptions options)
    {
        if (await store.EstateAsync(id) is null)
        {
            return NotFound(context, $"Estate #{id}");
        }

        var form = await context.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0 || file.Length > options.MaxUploadBytes)
        {
            return Page(context, "Measurements", $"<p class=\"error\">Choose a measurements file of at most {options.MaxUploadBytes} bytes.</p>", StatusCodes.Status400BadRequest);
        }

        var fileName = Path.GetFileName(file.FileName.Replace('\\', '/')) is { Length: > 0 } n ? n : "measurements.csv";
        var folder = Directory.CreateTempSubdirectory("shuyaku-measure-");
        var temp = Path.Combine(folder.FullName, "upload");
        ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>> read;
        try
        {
            await using (var output = File.Create(temp))
            {
                await file.CopyToAsync(output);
            }

            read = Activity.Read(temp, fileName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        if (!read.Succeeded)
        {
            return Page(context, "Measurements",
                $"<div class=\"notice\"><p class=\"error\">{E(fileName)} has {read.Errors.Count} error{(read.Errors.Count == 1 ? "" : "s")}; nothing was stored.</p><ul>" +
                string.Concat(read.Errors.Select(d => $"<li><code>{E($"{d.File}:{d.Line}:{d.Column}")}</code> {E(d.Message)}</li>")) + "</ul></div>" +
                $"<p><a href=\"/estates/{id}\">Back to the estate</a></p>", StatusCodes.Status422UnprocessableEntity);
        }

        var stored = await store.AddMeasurementsAsync(context.Who()!.Value.Name, id, fileName, read.Value!);
        return Page(context, "Measurements stored",
            $"<p id=\"stored\">{E(fileName)}: {stored.Series} series read, {stored.Guests} guests matched by name, {stored.Days} days stored.</p>" +
            (stored.Unmatched.Count == 0 ? "" : $"<p class=\"notice\">No guest of this estate is named {E(string.Join(", ", stored.Unmatched.Take(20)))}{(stored.Unmatched.Count > 20 ? ", …" : "")}: those series were not stored.</p>") +
            $"<p><a href=\"/estates/{id}\">Back to the estate</a> · <a href=\"/guests/sprawl?estate={id}\">Sprawl of this estate</a></p>");
    }
}
