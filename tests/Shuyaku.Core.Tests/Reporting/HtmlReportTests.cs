using System.Text.RegularExpressions;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Reporting;

public class HtmlReportTests
{
    private static string Render(bool withMove)
    {
        var (estate, plan) = ReportSamples.Planned();
        return HtmlReport.Render(estate, plan, withMove ? ReportSamples.Move(estate) : null);
    }

    [Fact]
    public void Same_inputs_give_the_same_bytes()
    {
        var (estate, plan) = ReportSamples.Planned();
        var move = ReportSamples.Move(estate);
        var first = new StringWriter();
        HtmlReport.Write(first, estate, plan, move);
        var second = new StringWriter();
        HtmlReport.Write(second, estate, plan, move);
        second.ToString().ShouldBe(first.ToString());
        first.ToString().ShouldBe(HtmlReport.Render(estate, plan, move));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_estate_string_is_escaped(bool withMove)
    {
        var html = Render(withMove);
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        html.ShouldContain("Campus &amp; co &lt;script&gt;");
        if (withMove)
        {
            html.ShouldContain("big&lt;box&gt;");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Nothing_is_loaded_from_anywhere(bool withMove)
    {
        var html = Render(withMove);
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        html.ShouldNotContain("@import");
        Regex.Matches(html, @"\b(?:src|href|xlink:href|action|poster|srcset)\s*=\s*""([^""]*)""").Select(m => m.Groups[1].Value)
            .Where(v => !v.StartsWith('#') && !v.StartsWith("data:", StringComparison.Ordinal)).ShouldBeEmpty();
        Regex.Matches(html, @"url\(\s*['""]?([^'"")]*)").Select(m => m.Groups[1].Value).Where(v => !v.StartsWith("data:", StringComparison.Ordinal)).ShouldBeEmpty();
        html.ShouldNotContain("<link", Case.Insensitive);
        html.ShouldNotContain("<img", Case.Insensitive);
        html.ShouldNotContain("<iframe", Case.Insensitive);
        html.ShouldNotContain("@font-face");
    }

    [Fact]
    public void Every_section_is_there_in_order_with_its_heading()
    {
        var html = Render(withMove: true);
        var positions = HtmlReport.Sections.Select(s => html.IndexOf($"<section id=\"{s.Id}\">\n<h2>{s.Title}</h2>", StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p > 0);
        positions.ShouldBe(positions.Order().ToList());
        HtmlReport.Sections.Select(s => s.Id).ShouldBe(["summary", "before-after", "sizing", "hosts", "placement", "failover", "network", "wan", "waves", "cost"]);
    }

    [Fact]
    public void Without_a_move_its_sections_say_not_computed()
    {
        var html = Render(withMove: false);
        Regex.Matches(html, "The move was not computed, so there is no").Count.ShouldBe(4);
        html.ShouldContain("The move (network, WAN, waves, cost) was not computed for this report.");
    }

    [Fact]
    public void The_move_sections_show_its_figures()
    {
        var html = Render(withMove: true);
        html.ShouldContain("<b>0</b><span>server addresses that change</span>");
        html.ShouldContain("<td>10.2.0.0/24</td><td>west</td><td><span class=\"warn\">split</span></td>");
        html.ShouldContain("9.5 Mbps overloaded");
        html.ShouldContain("<span class=\"bad\">136%</span>");
        html.ShouldContain("over the window");
        html.ShouldContain("link-overload");
        html.ShouldContain("Over 5 years: 4,700,000 JPY to renew today&#39;s estate as it is, 3,250,000 JPY for the plan; 1,450,000 JPY saved (31%).");
        html.ShouldContain("The plan&#39;s host model is the cheapest over the horizon.");
        html.ShouldContain("Counted as 0 because the estate does not give them: energy price.");
    }

    [Fact]
    public void The_plan_sections_show_bound_hosts_and_failover()
    {
        var (estate, plan) = ReportSamples.Planned();
        var html = HtmlReport.Render(estate, plan, null);
        plan.Hosts.Count.ShouldBe(2);
        html.ShouldContain("this plan uses 2: proven minimal.");
        html.ShouldContain("<b>valid</b><span>checker, 2 failure scenarios (N+1)</span>");
        html.ShouldContain("<b>N+1</b><span>failures survived</span>");
        foreach (var host in plan.Hosts)
        {
            html.ShouldContain($"<td>{host.Id}");
        }

        foreach (var w in estate.Workloads)
        {
            html.ShouldContain($"<td>{w.Id}</td>");
        }

        // Two workloads of 2 GHz on a 16 GHz host: the CPU bar says 25%.
        html.ShouldContain("<svg viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"25% of capacity, limit 100%\">");
    }

    [Fact]
    public void The_picture_draws_every_campus_machine_and_every_host()
    {
        var (estate, plan) = ReportSamples.Planned(servers: 100);
        var html = HtmlReport.Render(estate, plan, null);
        html.ShouldContain("<b>East campus</b><span>50 machines · 50 workloads</span>");
        html.ShouldContain("<b>West campus</b><span>50 machines · 50 workloads</span>");
        html.ShouldContain($"<b>Data centre</b><span>{plan.Hosts.Count} hosts · 100 VMs</span>");
    }

    [Fact]
    public void Nice_axis_maxima()
    {
        HtmlSvg.NiceMax(0).ShouldBe(1);
        HtmlSvg.NiceMax(3).ShouldBe(5);
        HtmlSvg.NiceMax(1.25).ShouldBe(2);
        HtmlSvg.NiceMax(17.5).ShouldBe(20);
        HtmlSvg.NiceMax(25).ShouldBe(25);
        HtmlSvg.NiceMax(2_600_000).ShouldBe(5_000_000);
    }
}
