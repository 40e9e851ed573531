using Shuyaku.Core.Checking;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>A done plan is read back once for its page, host pages and downloads, and its sections are rendered once per language.</summary>
public sealed class PlanViewsTests
{
    private static readonly string[] PageSections = ["summary", "sizing", "hosts", "failover"];

    [Fact]
    public async Task A_plan_viewed_again_is_not_read_again_and_each_language_gets_its_own_sections()
    {
        var (host, admin, plan) = await WhatIfPageTests.PlannedAsync(WhatIfPageTests.Spread);
        await using var _ = host;
        using var __ = admin;

        var first = await admin.TextAsync($"/plans/{plan}");
        var reads = host.Views.Reads;
        ConsoleClient.WithoutTokens(await admin.TextAsync($"/plans/{plan}")).ShouldBe(ConsoleClient.WithoutTokens(first));
        (await admin.TextAsync(HostPages.Path(plan, "host-01"))).ShouldContain("host-facts");
        (await admin.TextAsync($"/plans/{plan}/placement.csv")).ShouldContain("w1");
        host.Views.Reads.ShouldBe(reads);

        // The sections are the report's, rendered in the reader's language from the stored files, not the English ones kept.
        var estate = TestEstates.Read(WhatIfPageTests.Spread);
        var stored = PlanJson.Read(await admin.TextAsync($"/plans/{plan}/plan.json"), "plan.json").Value!;
        var check = Checker.Check(estate, stored, null, stored.Inputs.Failures);
        string english, japanese;
        using (Language.Use(Language.English))
        {
            english = HtmlReport.RenderSections(estate, stored, PageSections, check);
        }

        using (Language.Use(Language.Japanese))
        {
            japanese = HtmlReport.RenderSections(estate, stored, PageSections, check);
        }

        english.ShouldNotBe(japanese);
        first.ShouldContain(english);
        admin.Speak("ja");
        var inJapanese = await admin.TextAsync($"/plans/{plan}");
        inJapanese.ShouldContain(japanese);
        inJapanese.ShouldNotContain(english);
        host.Views.Reads.ShouldBe(reads);
    }

    [Fact]
    public async Task Kept_views_are_found_by_the_stored_files_and_bounded_in_plans_and_workloads()
    {
        var views = new PlanViews();
        var small = Done(TestEstates.Workloads(4, 1, 1));
        var loads = 0;
        Task<(Estate, Plan)?> Load((Estate Estate, Plan Plan) done)
        {
            loads++;
            return Task.FromResult<(Estate, Plan)?>(done);
        }

        var record = Record(1, small.Plan);
        var estate = EstateRow("digest-a");
        var view = await views.GetAsync(record, estate, () => Load(small));
        (await views.GetAsync(record, estate, () => Load(small))).ShouldBeSameAs(view);
        loads.ShouldBe(1);

        // Another estate digest or another plan.json under the same id is another plan.
        (await views.GetAsync(record, EstateRow("digest-b"), () => Load(small))).ShouldNotBeSameAs(view);
        (await views.GetAsync(record with { PlanJson = record.PlanJson + " " }, estate, () => Load(small))).ShouldNotBeSameAs(view);
        loads.ShouldBe(3);

        // Beyond MaxPlans the least recently used goes.
        for (var id = 2; id <= PlanViews.MaxPlans + 1; id++)
        {
            await views.GetAsync(Record(id, small.Plan), estate, () => Load(small));
        }

        loads = 0;
        await views.GetAsync(record, estate, () => Load(small));
        loads.ShouldBe(1);

        // A plan that does not read is not kept.
        (await views.GetAsync(Record(99, small.Plan), estate, () => Task.FromResult<(Estate, Plan)?>(null))).ShouldBeNull();
        (await views.GetAsync(Record(99, small.Plan), estate, () => Load(small))).ShouldNotBeNull();
        loads.ShouldBe(2);
    }

    [Fact]
    public async Task An_estate_above_the_workload_bound_is_read_on_every_view()
    {
        var views = new PlanViews(maxWorkloads: 5);
        var big = Done(TestEstates.Workloads(6, 0.1, 0.1));
        var loads = 0;
        var record = Record(1, big.Plan);
        for (var i = 0; i < 3; i++)
        {
            await views.GetAsync(record, EstateRow("d"), () =>
            {
                loads++;
                return Task.FromResult<(Estate, Plan)?>(big);
            });
        }

        loads.ShouldBe(3);
    }

    private static (Estate Estate, Plan Plan) Done(string workloads)
    {
        var estate = TestEstates.Read(TestEstates.Estate(workloads));
        return (estate, TestEstates.PlanChecked(estate));
    }

    private static PlanRecord Record(long id, Plan plan) =>
        new(id, 1, PlanStatus.Done, "", plan.Inputs.Digest, PlanJson.Write(plan), plan.Summary.Hosts, plan.LowerBound.Value, plan.Inputs.Failures, true, null, "ada",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static EstateRecord EstateRow(string digest) => new(1, "test", "estate.yaml", "", digest, "ada", DateTimeOffset.UnixEpoch);
}
