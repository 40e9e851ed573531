using System.Text;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Reporting;

/// <summary>Pieces of the report for a page that embeds them (the web console) instead of the whole file.</summary>
public static partial class HtmlReport
{
    /// <summary>The sections <see cref="RenderSections"/> can render on their own (they need no move plan).</summary>
    public static readonly IReadOnlyList<string> PlanSections = ["summary", "sizing", "hosts", "placement", "failover"];

    /// <summary>The report's stylesheet, for a page that links it as a file rather than inlining it.</summary>
    public static string Stylesheet => HtmlStyle.Css;

    /// <summary>
    /// The sections of <see cref="PlanSections"/> named in <paramref name="ids"/>, in the report's order, as the report
    /// renders them (the same escaping and bytes); an id not in <see cref="PlanSections"/> is ignored.
    /// <paramref name="check"/> is the checker's verdict; when null the plan is checked here.
    /// </summary>
    public static string RenderSections(Estate estate, Plan plan, IReadOnlyCollection<string> ids, CheckReport? check = null)
    {
        check ??= Checker.Check(estate, plan);
        var html = new StringBuilder(32 * 1024);
        if (ids.Contains("summary"))
        {
            Summary(html, estate, plan, null, check, Facts.Of(estate, plan, null));
        }

        if (ids.Contains("sizing"))
        {
            Sizing(html, estate, plan);
        }

        if (ids.Contains("hosts"))
        {
            Hosts(html, estate, plan);
        }

        if (ids.Contains("placement"))
        {
            Placement(html, estate, plan);
        }

        if (ids.Contains("failover"))
        {
            Failover(html, plan, check);
        }

        return html.ToString();
    }
}
