using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.WhatIf;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;
using static Shuyaku.Web.Pages.Html;

namespace Shuyaku.Web.Pages;

/// <summary>What-ifs: the form on a done plan's page, the answer's page and the new plan's download (docs/console.md, docs/what-if.md).</summary>
internal static class WhatIfPages
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/plans/{id:long}/what-if", AskAsync).RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(ConsoleSecurity.RequireAntiforgery);
        app.MapGet("/what-ifs/{id:long}", ShowAsync).RequireAuthorization(ConsoleSecurity.Viewer);
        app.MapGet("/what-ifs/{id:long}/plan.json", DownloadAsync).RequireAuthorization(ConsoleSecurity.Viewer);
    }

    /// <summary>
    /// Checks a request against a stored plan and queues it: the what-if as stored (read before the worker is given it, so
    /// its status is queued), or every reason it cannot be asked with the status to answer.
    /// </summary>
    public static async Task<(WhatIfRecord? Queued, IReadOnlyList<string> Errors, int Status)> QueueAsync(ConsoleStore store, JobQueue jobs, string actor, long planId, WhatIfRequest request)
    {
        if (await store.PlanAsync(planId) is not { } record)
        {
            return (null, [Format("web.whatif.no-plan", planId)], StatusCodes.Status404NotFound);
        }

        var (estate, plan, error) = await JobWorker.LoadAsync(store, planId);
        if (error is not null)
        {
            return (null, [Format("web.whatif.not-done", planId, StatusText(record.Status), error)], StatusCodes.Status409Conflict);
        }

        var errors = new List<string>();
        var changes = request.Changes(errors);
        if (errors.Count == 0)
        {
            errors.AddRange(WhatIfPlanner.Validate(estate!, plan!, changes));
        }

        if (errors.Count > 0)
        {
            return (null, errors, StatusCodes.Status422UnprocessableEntity);
        }

        var id = await store.AddWhatIfAsync(actor, planId, request.ToJson(), request.Summary());
        var queued = await store.WhatIfAsync(id);
        jobs.EnqueueWhatIf(id);
        return (queued, [], StatusCodes.Status202Accepted);
    }

    /// <summary>The what-ifs of a done plan and, for an operator, the form to ask one; appended to the plan's page.</summary>
    public static string Section(HttpContext context, long planId, Estate estate, Plan plan, IReadOnlyList<WhatIfRecord> whatIfs, IReadOnlyList<string>? errors = null, WhatIfRequest? asked = null)
    {
        var html = new StringBuilder("<h2 id=\"what-if\">").Append(E(Get("web.whatif.heading"))).Append("</h2>");
        html.Append(whatIfs.Count == 0 ? $"<p>{E(Get("web.whatif.none"))}</p>" : Table([Get("web.whatif.col"), Get("web.whatif.col.asked"), Get("web.col.status"), Get("web.whatif.col.answer"), Get("web.whatif.col.by")], whatIfs.Select(w => (IReadOnlyList<string>)
        [
            $"<a href=\"/what-ifs/{w.Id}\">{E(Format("web.whatif.link", w.Id))}</a>",
            E(Asked(w)),
            E(StatusText(w.Status)),
            w.Holds switch { true => $"<span class=\"ok\">{E(Get("web.whatif.nothing-breaks"))}</span>", false => $"<span class=\"bad\">{E(Get("web.whatif.something-breaks"))}</span>", null => E(w.Reason ?? "—") },
            E(Format("web.whatif.by", w.CreatedBy, T(w.CreatedAt))),
        ])));
        if (context.Who()?.Role < Role.Operator)
        {
            return html.ToString();
        }

        if (errors is { Count: > 0 })
        {
            html.Append("<div class=\"notice\" id=\"what-if-errors\"><p class=\"error\">").Append(E(Get("web.whatif.not-asked"))).Append("</p><ul>")
                .Append(string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))).Append("</ul></div>");
        }

        var models = $"<option value=\"\">{E(Get("web.whatif.model.as-planned"))}</option>" + string.Concat(estate.Catalog.Select(m =>
            $"<option value=\"{E(m.Id)}\"{(asked?.HostModel == m.Id ? " selected" : "")}>{E(m.Id)}</option>"));
        html.Append("<p class=\"muted\">").Append(Markup("web.whatif.hint", "<code>shuyaku plan</code>")).Append("</p>")
            .Append(Form(context, $"/plans/{planId}/what-if",
                Field(Format("web.whatif.fail", string.Join(",", plan.Hosts.Take(2).Select(h => h.Id))), "fail", extra: Value(asked?.Fail)) +
                Field(Format("web.whatif.growth", "PCT", "cpu=PCT,mem=PCT,net=PCT,disk=PCT"), "growth", extra: Value(asked?.Growth)) +
                Field(Format("web.whatif.add", "WORKLOAD=COUNT"), "add", extra: Value(asked?.Add)) +
                $"<label>{E(Format("web.whatif.new", "ID,cpu=GHZ,mem=MIB[,net=MBPS][,disk=MIB][,count=N][,zone=ZONE]"))}<textarea name=\"new\" rows=\"2\">{E(string.Join("\n", asked?.New ?? []))}</textarea></label>" +
                Field(Format("web.whatif.headroom", "PCT", "cpu=PCT,mem=PCT,net=PCT"), "headroom", extra: Value(asked?.Headroom)) +
                $"<label>{E(Get("web.whatif.model"))}<select name=\"hostModel\">{models}</select></label>" +
                $"<button type=\"submit\">{E(Get("web.whatif.ask"))}</button>"));
        return html.ToString();

        static string Value(object? v) => v switch
        {
            null => "",
            string[] list => $"value=\"{E(string.Join(",", list))}\"",
            _ => $"value=\"{E(v.ToString())}\"",
        };
    }

    private static async Task<IResult> AskAsync(HttpContext context, long id, ConsoleStore store, JobQueue jobs)
    {
        var form = await context.Request.ReadFormAsync();
        string[] List(string name) => form.Value(name).Split(name == "new" ? '\n' : ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var request = new WhatIfRequest(List("fail"), form.Value("growth"), List("add"), List("new"), form.Value("headroom"), form.Value("hostModel"));
        var (whatIf, errors, status) = await QueueAsync(store, jobs, context.Who()!.Value.Name, id, request);
        if (whatIf is { } created)
        {
            return Results.Redirect($"/what-ifs/{created.Id}");
        }

        if (status != StatusCodes.Status422UnprocessableEntity)
        {
            return Page(context, Format("web.what.plan", id), $"<p class=\"error\">{E(errors[0])}</p>", status);
        }

        var (estate, plan, _) = await JobWorker.LoadAsync(store, id);
        return Page(context, Format("web.whatif.of-plan", id),
            $"<p>{Markup("web.whatif.back", $"<a href=\"/plans/{id}\">{E(Format("web.plan.link", id))}</a>")}</p>" + Section(context, id, estate!, plan!, await store.WhatIfsAsync(id), errors, request), status);
    }

    /// <summary>What a what-if asked, in the reader's language (the stored summary is English, for the audit and the API).</summary>
    private static string Asked(WhatIfRecord w) => WhatIfRequest.FromJson(w.RequestJson).Describe(System.Globalization.CultureInfo.CurrentUICulture);

    private static async Task<IResult> ShowAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.WhatIfAsync(id) is not { } record)
        {
            return NotFound(context, Format("web.what.what-if", id));
        }

        var title = Format("web.what.what-if", id);
        var planLink = $"<a href=\"/plans/{record.PlanId}\">{E(Format("web.plan.link", record.PlanId))}</a>";
        var body = new StringBuilder("<p>");
        body.Append(record.FinishedAt is { } f
            ? Markup("web.whatif.asked-answered", planLink, E(Asked(record)), E(T(record.CreatedAt)), E(record.CreatedBy), E(T(f)))
            : Markup("web.whatif.asked", planLink, E(Asked(record)), E(T(record.CreatedAt)), E(record.CreatedBy))).Append("</p>");
        if (record.Status is PlanStatus.Queued or PlanStatus.Running)
        {
            body.Append("<p class=\"notice\" id=\"progress\">").Append(Markup("web.progress.running", $"<b>{E(StatusText(record.Status))}</b>", E(ProgressLine(record.Progress)))).Append("</p>");
            return Page(context, title, body.ToString(), refreshSeconds: 2);
        }

        if (record.ResultJson is null)
        {
            body.Append("<p class=\"error\" id=\"progress\">").Append(Markup("web.progress.status", $"<b>{E(StatusText(record.Status))}</b>"))
                .Append(record.Reason is not { } reason ? "" : " — " + E(reason)).Append("</p>");
            return Page(context, title, body.ToString());
        }

        using var answer = JsonDocument.Parse(record.ResultJson);
        Answer(body, answer.RootElement, record);
        return Page(context, title, body.ToString());
    }

    /// <summary>
    /// The answer as WhatIfJson wrote it: the verdict, the failure and the new plan against the old; its sentences (in
    /// English in the JSON) in the reader's language where they were kept as stored texts (<see cref="AnswerTexts"/>).
    /// </summary>
    private static void Answer(StringBuilder body, JsonElement a, WhatIfRecord record)
    {
        var texts = record.Texts;
        body.Append("<p id=\"verdict\">").Append(a.GetProperty("holds").GetBoolean() ? $"<b class=\"ok\">{E(Get("web.whatif.verdict.holds"))}</b>" : $"<b class=\"bad\">{E(Get("web.whatif.verdict.breaks"))}</b>").Append("</p>");
        var o = a.GetProperty("original");
        var (hosts, model, bound, failures) = (I(o, "hosts"), o.GetProperty("hostModel").GetString(), I(o, "lowerBound"), I(o, "failures"));
        body.Append("<p>").Append(E(o.GetProperty("valid").GetBoolean()
            ? Format("web.whatif.original.valid", hosts, model, bound, failures)
            : Format("web.whatif.original.invalid", hosts, model, bound, failures))).Append("</p>");
        if (a.GetProperty("failure") is { ValueKind: JsonValueKind.Object } f)
        {
            var failed = Strings(f.GetProperty("failed"));
            body.Append("<h2 id=\"failure\">").Append(E(failed.Count == 1 ? Format("web.whatif.when-fails.one", failed[0]) : Format("web.whatif.when-fails.other", string.Join(", ", failed)))).Append("</h2>");
            if (f.GetProperty("beyondPlan").GetBoolean())
            {
                body.Append("<p class=\"notice\">").Append(E(Format("web.whatif.beyond", I(o, "failures")))).Append("</p>");
            }

            var notRestarted = Strings(f.GetProperty("notRestarted"));
            var restarts = f.GetProperty("restarts").GetArrayLength();
            body.Append("<p>").Append(E(f.GetProperty("fromCertificate").GetBoolean()
                    ? Format("web.whatif.restarts.certificate", restarts, notRestarted.Count)
                    : Format("web.whatif.restarts.checker", restarts, notRestarted.Count)))
                .Append(notRestarted.Count == 0 ? "" : ": " + E(string.Join(", ", notRestarted))).Append(E(Get("web.sentence-end"))).Append("</p>");
            body.Append(Table([Get("web.whatif.col.surviving"), Get("web.col.resource"), Get("web.whatif.col.before"), Get("web.whatif.col.after"), Get("web.whatif.col.limit"), ""], f.GetProperty("loads").EnumerateArray().Select(l => (IReadOnlyList<string>)
            [
                E(l.GetProperty("host").GetString()), E(l.GetProperty("resource").GetString()), D(l, "before"), D(l, "after"), D(l, "limit"),
                l.GetProperty("over").GetBoolean() ? $"<span class=\"bad\">{E(Get("web.load.over"))}</span>" : $"<span class=\"ok\">{E(Get("web.load.within"))}</span>",
            ])));
            Violations(body, f.GetProperty("violations"), "failure-violations", texts?.Failure);
        }

        if (a.GetProperty("replan") is { ValueKind: JsonValueKind.Object } r)
        {
            body.Append("<h2 id=\"replan\">").Append(E(Format("web.whatif.with", string.Join("; ", Strings(r.GetProperty("changes")).Select((c, i) => AnswerTexts.Shown(texts?.Changes, i, c)))))).Append("</h2>");
            if (!r.GetProperty("feasible").GetBoolean())
            {
                body.Append("<p class=\"error\" id=\"infeasible\">").Append(E(Format("web.whatif.no-plan-found", AnswerTexts.Shown(texts?.Infeasible, r.GetProperty("infeasible").GetString() ?? "")))).Append("</p>");
                return;
            }

            body.Append(Table(["", Get("web.whatif.col.the-plan"), Get("web.whatif.col.new-plan"), Get("web.col.change")],
            [
                [E(Get("web.col.hosts")), I(o, "hosts"), $"<b id=\"new-hosts\">{I(r, "hosts")}</b>", Signed(r, "hostDelta")],
                [E(Get("web.col.lower-bound")), I(o, "lowerBound"), I(r, "lowerBound"), Signed(r, "lowerBoundDelta")],
                [E(Get("web.col.host-model")), E(o.GetProperty("hostModel").GetString()), E(r.GetProperty("hostModel").GetString()), ""],
                [E(Get("web.col.workloads")), "", I(r, "workloads"), ""],
            ]));
            body.Append("<p>").Append(r.GetProperty("valid").GetBoolean()
                ? Markup("web.whatif.new-valid", $"<span class=\"ok\">{E(Get("web.whatif.new-valid.verdict"))}</span>", I(r, "scenariosChecked"))
                : $"<span class=\"bad\">{E(Get("web.whatif.new-invalid"))}</span>").Append($" <a href=\"/what-ifs/{record.Id}/plan.json\" download>{E(Get("web.whatif.download"))}</a>{E(Get("web.sentence-end"))}</p>");
            Violations(body, r.GetProperty("violations"), "replan-violations", texts?.Replan);
        }
    }

    private static void Violations(StringBuilder body, JsonElement list, string id, IReadOnlyList<StoredText?>? texts)
    {
        if (list.GetArrayLength() == 0)
        {
            return;
        }

        body.Append($"<div id=\"{id}\">").Append(Table([Get("web.col.kind"), Get("web.whatif.col.breaks")], list.EnumerateArray().Select((v, i) => (IReadOnlyList<string>)
            [E(v.GetProperty("kind").GetString()), E(AnswerTexts.Shown(texts, i, v.GetProperty("message").GetString() ?? ""))]))).Append("</div>");
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.WhatIfAsync(id) is not { } record)
        {
            return NotFound(context, Format("web.what.what-if", id));
        }

        if (record.NewPlanJson is null)
        {
            return Page(context, Format("web.what.what-if", id), $"<p>{E(Format("web.whatif.no-download", StatusText(record.Status)))}</p>", StatusCodes.Status409Conflict);

        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"plan.json\"";
        return Results.Text(record.NewPlanJson, "application/json; charset=utf-8", Encoding.UTF8);
    }

    private static List<string> Strings(JsonElement list) => list.EnumerateArray().Select(x => x.GetString() ?? "").ToList();

    private static string I(JsonElement e, string name) => e.GetProperty(name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt64().ToString(CultureInfo.InvariantCulture) : "—";

    private static string D(JsonElement e, string name) => e.GetProperty(name).GetDouble().ToString("0.##", CultureInfo.InvariantCulture);

    private static string Signed(JsonElement e, string name) => e.GetProperty(name) is { ValueKind: JsonValueKind.Number } v
        ? v.GetInt64() > 0 ? $"+{v.GetInt64()}" : v.GetInt64().ToString(CultureInfo.InvariantCulture)
        : "—";
}
