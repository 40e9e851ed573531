using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.WhatIf;
using Shuyaku.Web.Planning;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
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

    /// <summary>Checks a request against a stored plan and queues it; the id, or every reason it cannot be asked with the status to answer.</summary>
    public static async Task<(long? Id, IReadOnlyList<string> Errors, int Status)> QueueAsync(ConsoleStore store, JobQueue jobs, string actor, long planId, WhatIfRequest request)
    {
        if (await store.PlanAsync(planId) is not { } record)
        {
            return (null, [$"plan #{planId} does not exist"], StatusCodes.Status404NotFound);
        }

        var (estate, plan, error) = await JobWorker.LoadAsync(store, planId);
        if (error is not null)
        {
            return (null, [$"plan #{planId} is {record.Status}: a what-if needs a done plan ({error})"], StatusCodes.Status409Conflict);
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

        var id = await store.AddWhatIfAsync(actor, planId, request.ToJson(), request.Describe());
        jobs.EnqueueWhatIf(id);
        return (id, [], StatusCodes.Status202Accepted);
    }

    /// <summary>The what-ifs of a done plan and, for an operator, the form to ask one; appended to the plan's page.</summary>
    public static string Section(HttpContext context, long planId, Estate estate, Plan plan, IReadOnlyList<WhatIfRecord> whatIfs, IReadOnlyList<string>? errors = null, WhatIfRequest? asked = null)
    {
        var html = new StringBuilder("<h2 id=\"what-if\">What-if</h2>");
        html.Append(whatIfs.Count == 0 ? "<p>No what-if asked of this plan yet.</p>" : Table(["what-if", "asked", "status", "answer", "by"], whatIfs.Select(w => (IReadOnlyList<string>)
        [
            $"<a href=\"/what-ifs/{w.Id}\">what-if #{w.Id}</a>",
            E(w.Summary),
            E(w.Status),
            w.Holds switch { true => "<span class=\"ok\">nothing breaks</span>", false => "<span class=\"bad\">something breaks</span>", null => E(w.Message ?? "—") },
            E($"{w.CreatedBy}, {T(w.CreatedAt)}"),
        ])));
        if (context.Who()?.Role < Role.Operator)
        {
            return html.ToString();
        }

        if (errors is { Count: > 0 })
        {
            html.Append("<div class=\"notice\" id=\"what-if-errors\"><p class=\"error\">The what-if was not asked:</p><ul>")
                .Append(string.Concat(errors.Select(e => $"<li>{E(e)}</li>"))).Append("</ul></div>");
        }

        var models = "<option value=\"\">as the plan chose</option>" + string.Concat(estate.Catalog.Select(m =>
            $"<option value=\"{E(m.Id)}\"{(asked?.HostModel == m.Id ? " selected" : "")}>{E(m.Id)}</option>"));
        html.Append("<p class=\"muted\">Failing hosts is answered on this plan as it is; every other change makes a new plan as <code>shuyaku plan</code> does, with this plan's options, in the background (docs/what-if.md).</p>")
            .Append(Form(context, $"/plans/{planId}/what-if",
                Field("Fail these hosts together (comma-separated, e.g. " + string.Join(",", plan.Hosts.Take(2).Select(h => h.Id)) + ")", "fail", extra: Value(asked?.Fail)) +
                Field("Growth: PCT, or cpu=PCT,mem=PCT,net=PCT,disk=PCT", "growth", extra: Value(asked?.Growth)) +
                Field("Add copies: WORKLOAD=COUNT, comma-separated", "add", extra: Value(asked?.Add)) +
                $"<label>New workloads, one a line: ID,cpu=GHZ,mem=MIB[,net=MBPS][,disk=MIB][,count=N][,zone=ZONE]<textarea name=\"new\" rows=\"2\">{E(string.Join("\n", asked?.New ?? []))}</textarea></label>" +
                Field("Headroom: PCT, or cpu=PCT,mem=PCT,net=PCT", "headroom", extra: Value(asked?.Headroom)) +
                $"<label>Host model<select name=\"hostModel\">{models}</select></label>" +
                "<button type=\"submit\">Ask</button>"));
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
            return Results.Redirect($"/what-ifs/{created}");
        }

        if (status != StatusCodes.Status422UnprocessableEntity)
        {
            return Page(context, $"Plan #{id}", $"<p class=\"error\">{E(errors[0])}</p>", status);
        }

        var (estate, plan, _) = await JobWorker.LoadAsync(store, id);
        return Page(context, $"What-if of plan #{id}",
            $"<p>Back to <a href=\"/plans/{id}\">plan #{id}</a>.</p>" + Section(context, id, estate!, plan!, await store.WhatIfsAsync(id), errors, request), status);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.WhatIfAsync(id) is not { } record)
        {
            return NotFound(context, $"What-if #{id}");
        }

        var body = new StringBuilder();
        body.Append($"<p>Of <a href=\"/plans/{record.PlanId}\">plan #{record.PlanId}</a>: ").Append(E(record.Summary)).Append(". ")
            .Append(E($"Asked {T(record.CreatedAt)} by {record.CreatedBy}")).Append(record.FinishedAt is { } f ? E($", answered {T(f)}") : "").Append(".</p>");
        if (record.Status is PlanStatus.Queued or PlanStatus.Running)
        {
            body.Append("<p class=\"notice\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b> — ").Append(E(record.Progress))
                .Append(". This page refreshes itself every two seconds.</p>");
            return Page(context, $"What-if #{id}", body.ToString(), refreshSeconds: 2);
        }

        if (record.ResultJson is null)
        {
            body.Append("<p class=\"error\" id=\"progress\">Status: <b>").Append(E(record.Status)).Append("</b>").Append(record.Message is null ? "" : " — " + E(record.Message)).Append("</p>");
            return Page(context, $"What-if #{id}", body.ToString());
        }

        using var answer = JsonDocument.Parse(record.ResultJson);
        Answer(body, answer.RootElement, record);
        return Page(context, $"What-if #{id}", body.ToString());
    }

    /// <summary>The answer as WhatIfJson wrote it: the verdict, the failure and the new plan against the old.</summary>
    private static void Answer(StringBuilder body, JsonElement a, WhatIfRecord record)
    {
        body.Append("<p id=\"verdict\">").Append(a.GetProperty("holds").GetBoolean() ? "<b class=\"ok\">Nothing breaks.</b>" : "<b class=\"bad\">Something breaks.</b>").Append("</p>");
        var o = a.GetProperty("original");
        body.Append("<p>The plan: ").Append(I(o, "hosts")).Append(" hosts of ").Append(E(o.GetProperty("hostModel").GetString())).Append(", lower bound ")
            .Append(I(o, "lowerBound")).Append(", made for N+").Append(I(o, "failures")).Append(o.GetProperty("valid").GetBoolean() ? "; the checker finds it valid." : "; the checker finds violations in it.").Append("</p>");
        if (a.GetProperty("failure") is { ValueKind: JsonValueKind.Object } f)
        {
            var failed = Strings(f.GetProperty("failed"));
            body.Append("<h2 id=\"failure\">When ").Append(E(string.Join(", ", failed))).Append(failed.Count == 1 ? " fails" : " fail").Append("</h2>");
            if (f.GetProperty("beyondPlan").GetBoolean())
            {
                body.Append("<p class=\"notice\">More hosts than the plan was made to survive (N+").Append(I(o, "failures")).Append(").</p>");
            }

            var notRestarted = Strings(f.GetProperty("notRestarted"));
            body.Append("<p>").Append(f.GetProperty("restarts").GetArrayLength()).Append(" workloads restart ")
                .Append(f.GetProperty("fromCertificate").GetBoolean() ? "as the plan's failover plan says" : "where the checker finds room")
                .Append("; ").Append(notRestarted.Count).Append(" restart nowhere").Append(notRestarted.Count == 0 ? "" : ": " + E(string.Join(", ", notRestarted))).Append(".</p>");
            body.Append(Table(["surviving host", "resource", "before", "after", "failover limit", ""], f.GetProperty("loads").EnumerateArray().Select(l => (IReadOnlyList<string>)
            [
                E(l.GetProperty("host").GetString()), E(l.GetProperty("resource").GetString()), D(l, "before"), D(l, "after"), D(l, "limit"),
                l.GetProperty("over").GetBoolean() ? "<span class=\"bad\">over</span>" : "<span class=\"ok\">within</span>",
            ])));
            Violations(body, f.GetProperty("violations"), "failure-violations");
        }

        if (a.GetProperty("replan") is { ValueKind: JsonValueKind.Object } r)
        {
            body.Append("<h2 id=\"replan\">With ").Append(E(string.Join("; ", Strings(r.GetProperty("changes"))))).Append("</h2>");
            if (!r.GetProperty("feasible").GetBoolean())
            {
                body.Append("<p class=\"error\" id=\"infeasible\">No plan: ").Append(E(r.GetProperty("infeasible").GetString())).Append("</p>");
                return;
            }

            body.Append(Table(["", "the plan", "new plan", "change"],
            [
                ["hosts", I(o, "hosts"), $"<b id=\"new-hosts\">{I(r, "hosts")}</b>", Signed(r, "hostDelta")],
                ["lower bound", I(o, "lowerBound"), I(r, "lowerBound"), Signed(r, "lowerBoundDelta")],
                ["host model", E(o.GetProperty("hostModel").GetString()), E(r.GetProperty("hostModel").GetString()), ""],
                ["workloads", "", I(r, "workloads"), ""],
            ]));
            body.Append("<p>").Append(r.GetProperty("valid").GetBoolean()
                ? $"<span class=\"ok\">The checker finds the new plan valid</span>: capacity, rules and {I(r, "scenariosChecked")} failure scenarios."
                : "<span class=\"bad\">The checker finds violations in the new plan.</span>").Append($" <a href=\"/what-ifs/{record.Id}/plan.json\" download>Download its plan.json</a>.</p>");
            Violations(body, r.GetProperty("violations"), "replan-violations");
        }
    }

    private static void Violations(StringBuilder body, JsonElement list, string id)
    {
        if (list.GetArrayLength() == 0)
        {
            return;
        }

        body.Append($"<div id=\"{id}\">").Append(Table(["kind", "what breaks"], list.EnumerateArray().Select(v => (IReadOnlyList<string>)
            [E(v.GetProperty("kind").GetString()), E(v.GetProperty("message").GetString())]))).Append("</div>");
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, long id, ConsoleStore store)
    {
        if (await store.WhatIfAsync(id) is not { } record)
        {
            return NotFound(context, $"What-if #{id}");
        }

        if (record.NewPlanJson is null)
        {
            return Page(context, $"What-if #{id}", $"<p>The what-if is {E(record.Status)} and has no new plan to download.</p>", StatusCodes.Status409Conflict);
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
