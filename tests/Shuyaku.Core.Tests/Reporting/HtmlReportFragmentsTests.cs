using Shuyaku.Core.Reporting;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Reporting;

public class HtmlReportFragmentsTests
{
    private static string SectionOf(string html, string id)
    {
        var start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        var end = html.IndexOf("</section>\n", start, StringComparison.Ordinal) + "</section>\n".Length;
        return html[start..end];
    }

    [Fact]
    public void Each_plan_section_on_its_own_is_byte_for_byte_the_section_of_the_report_without_a_move()
    {
        var (estate, plan) = ReportSamples.Planned();
        var report = HtmlReport.Render(estate, plan, null);
        HtmlReport.PlanSections.ShouldBe(["summary", "sizing", "hosts", "placement", "failover"]);
        foreach (var id in HtmlReport.PlanSections)
        {
            HtmlReport.RenderSections(estate, plan, [id]).ShouldBe(SectionOf(report, id), id);
        }
    }

    [Fact]
    public void Sections_come_in_the_report_order_whatever_the_order_asked_and_other_ids_are_ignored()
    {
        var (estate, plan) = ReportSamples.Planned();
        var report = HtmlReport.Render(estate, plan, null);
        HtmlReport.RenderSections(estate, plan, ["failover", "wan", "summary", "no-such-section"])
            .ShouldBe(SectionOf(report, "summary") + SectionOf(report, "failover"));
    }

    [Fact]
    public void The_stylesheet_is_the_one_the_report_inlines()
    {
        var (estate, plan) = ReportSamples.Planned();
        HtmlReport.Render(estate, plan, null).ShouldContain("<style>\n" + HtmlReport.Stylesheet + "</style>");
    }
}
