using System.Net;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Reporting;
using Shuyaku.Web.Localization;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;

using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Pages;

/// <summary>The page frame and small HTML helpers: every text escaped, every form with its antiforgery token, no script.</summary>
internal static class Html
{
    /// <summary>The console's stylesheet: the report's, and a few rules for the navigation bar and forms.</summary>
    public static readonly string Css = HtmlReport.Stylesheet + """
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1rem;padding:.6rem 0;border-bottom:3px solid var(--accent)}
.bar a{color:var(--accent);text-decoration:none}
.bar .who{margin-left:auto;color:var(--muted);font-size:.9rem}
.bar form{display:inline;margin:0}
form.stack{display:grid;gap:.5rem;max-width:28rem;margin:1rem 0}
form.inline{display:inline-flex;gap:.3rem;margin:0}
label{display:grid;gap:.15rem;font-size:.9rem}
input,select,button,textarea{font:inherit;padding:.3rem .5rem}
button{cursor:pointer}
.error{color:var(--bad)}
form.filters{display:flex;flex-wrap:wrap;align-items:end;gap:.5rem;margin:1rem 0}
table.facts th{text-align:left;padding-right:1rem}
.notice{border-left:4px solid var(--warn);padding:.3rem .6rem;background:var(--soft)}
.bar .lang{font-size:.9rem}
.bar>b+.lang{margin-left:auto}
""";

    /// <summary>The product's name, the same in every language.</summary>
    private const string Product = "Shuyaku";

    /// <summary>A download link: <paramref name="label"/> (already escaped) saving <paramref name="href"/>.</summary>
    public static string Download(string href, string label) => $"<a href=\"{E(href)}\" download>{label}</a>";

    /// <summary>Escapes text for HTML.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number in the invariant culture.</summary>
    public static string N(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A stored time as people read it, UTC.</summary>
    public static string T(DateTimeOffset? time) => time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    /// <summary>
    /// A whole page in the request's language (<c>&lt;html lang&gt;</c> says which): the navigation for the signed-in
    /// user's role, the links to the other language, the title and the body.
    /// </summary>
    public static IResult Page(HttpContext context, string title, string body, int status = StatusCodes.Status200OK, int? refreshSeconds = null)
    {
        var language = Language.Current;
        var html = new StringBuilder(8 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refreshSeconds is { } seconds)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"").Append(seconds).Append("\">\n");
        }

        html.Append("<title>").Append(E(title)).Append(" — ").Append(Product).Append("</title>\n<link rel=\"stylesheet\" href=\"/static/console.css\">\n</head>\n<body>\n<div class=\"bar\"><b>")
            .Append(Product).Append("</b>");
        if (context.Who() is { } who)
        {
            html.Append("<a href=\"/\">").Append(E(Get("web.nav.dashboard"))).Append("</a><a href=\"/guests\">").Append(E(Get("web.nav.guests")))
                .Append("</a><a href=\"/guests/sprawl\">").Append(E(Get("web.nav.sprawl"))).Append("</a>");
            if (who.Role >= Role.Operator)
            {
                html.Append("<a href=\"/estates/new\">").Append(E(Get("web.nav.upload"))).Append("</a>");
            }

            if (who.Role >= Role.Admin)
            {
                html.Append("<a href=\"/users\">").Append(E(Get("web.nav.users"))).Append("</a><a href=\"/audit\">").Append(E(Get("web.nav.audit"))).Append("</a>");
            }

            html.Append("<span class=\"who\">").Append(E(Format("web.nav.who", who.Name, RoleText(who.Role)))).Append("</span>")
                .Append(Form(context, "/logout", $"<button type=\"submit\">{E(Get("web.nav.sign-out"))}</button>", "inline"));
        }

        html.Append(LanguageLinks(context, language)).Append("</div>\n<main>\n<h1>").Append(E(title)).Append("</h1>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The links that switch the language and come back to this page; the current one is not a link.</summary>
    private static string LanguageLinks(HttpContext context, string current)
    {
        var here = context.Request.Method == HttpMethods.Get ? context.Request.Path.ToString() + context.Request.QueryString : "/";
        var links = new StringBuilder("<span class=\"lang\">");
        foreach (var language in Language.Supported)
        {
            var name = E(language == Language.Japanese ? Get("web.language.ja") : Get("web.language.en"));
            links.Append(language == Language.Supported[0] ? "" : " · ").Append(language == current
                ? $"<b lang=\"{language}\">{name}</b>"
                : $"<a lang=\"{language}\" hreflang=\"{language}\" href=\"{E(ConsoleLanguage.Link(language, here))}\">{name}</a>");
        }

        return links.Append("</span>").ToString();
    }

    /// <summary>A role as people read it (the form values stay <c>admin</c>, <c>operator</c>, <c>viewer</c>).</summary>
    public static string RoleText(Role role) => role switch
    {
        Role.Admin => Get("web.role.admin"),
        Role.Operator => Get("web.role.operator"),
        _ => Get("web.role.viewer"),
    };

    /// <summary>The status of a plan, what-if or move as people read it (the API keeps the stored word).</summary>
    public static string StatusText(string status) => status switch
    {
        "queued" => Get("web.status.queued"),
        "running" => Get("web.status.running"),
        "done" => Get("web.status.done"),
        "failed" => Get("web.status.failed"),
        "infeasible" => Get("web.status.infeasible"),
        _ => status,
    };

    /// <summary>A stored progress line as people read it: a status word (a finished job's line) or one of the console's own lines in their language, else as stored.</summary>
    public static string ProgressLine(string progress) => StatusText(progress) is var status && status != progress ? status : ProgressText.Shown(progress);

    /// <summary>A guest's state as people read it (the filters and the API keep <c>active</c>, <c>marked</c>, <c>retired</c>).</summary>
    public static string StateText(string state) => state switch
    {
        "active" => Get("web.state.active"),
        "marked" => Get("web.state.marked"),
        "retired" => Get("web.state.retired"),
        _ => state,
    };

    /// <summary>A sentence with links or other markup: the text of <paramref name="key"/> escaped, its placeholders filled with already-escaped HTML.</summary>
    public static string Markup(string key, params object?[] html) => string.Format(System.Globalization.CultureInfo.InvariantCulture, E(Get(key)), html);

    /// <summary>A POST form to <paramref name="action"/> with the antiforgery token.</summary>
    public static string Form(HttpContext context, string action, string inner, string cssClass = "stack", bool multipart = false)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<form method=\"post\" action=\"{E(action)}\" class=\"{cssClass}\"{(multipart ? " enctype=\"multipart/form-data\"" : "")}>" +
               $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{inner}</form>";
    }

    /// <summary>A labelled input.</summary>
    public static string Field(string label, string name, string type = "text", string extra = "") =>
        $"<label>{E(label)}<input name=\"{E(name)}\" type=\"{E(type)}\" {extra}></label>";

    /// <summary>A select of the three roles with <paramref name="selected"/> chosen.</summary>
    public static string RoleSelect(string name, Role selected) =>
        $"<select name=\"{E(name)}\">" + string.Concat(Enum.GetValues<Role>().Select(r =>
            $"<option value=\"{r.Name()}\"{(r == selected ? " selected" : "")}>{E(RoleText(r))}</option>")) + "</select>";

    /// <summary>A table of already-escaped cells.</summary>
    public static string Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var html = new StringBuilder("<div class=\"scroll\"><table><thead><tr>");
        foreach (var h in headers)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(cell).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</tbody></table></div>\n").ToString();
    }

    /// <summary>A "not found" page.</summary>
    public static IResult NotFound(HttpContext context, string what) =>
        Page(context, Get("web.not-found.title"), $"<p>{E(Format("web.not-found", what))}</p>", StatusCodes.Status404NotFound);

    /// <summary>The text of a form field, or "" when it is missing.</summary>
    public static string Value(this IFormCollection form, string name) => form.TryGetValue(name, out var v) ? v.ToString() : "";
}
