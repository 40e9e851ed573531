using System.Net;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Pages;

/// <summary>An RVTools CSV export uploaded on /estates/new with a catalog: stored as estate text, its custom attributes on the guests.</summary>
public sealed class RvToolsUploadTests
{
    internal const string VInfo = """
        VM,Powerstate,Template,CPUs,Memory,Provisioned MiB,In Use MiB,Creation date,Annotation,Owner,Purpose,Expiry Date,Datacenter,Cluster,Host
        web-01,poweredOn,False,2,4096,40960,10240,2021-03-04,front end,team-web,shop,2027-06-30,DC 1,C1,esx-1
        batch-old,poweredOn,False,4,8192,81920,20480,2015-01-02,,,,2024-12-31,DC 1,C1,esx-1
        tmpl,poweredOff,True,1,1024,1024,1024,,,,,,DC 1,C1,esx-1
        """;

    internal const string VHost = """
        Host,Datacenter,CPU Model,Speed,# CPU,Cores per CPU,# Cores,CPU usage %,# Memory,Memory usage %
        esx-1,DC 1,Xeon,2400,2,8,16,20,262144,40
        """;

    internal const string Catalog = """
        catalog:
          - { id: r1, sockets: 2, cores: 16, clock: 2.4GHz, memory: 512GiB }
        """;

    [Fact]
    public async Task An_rvtools_csv_export_with_a_catalog_becomes_an_estate_whose_guests_carry_owner_purpose_and_dates()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();

        using var response = await admin.PostFilesAsync("/estates", "/estates/new",
            ("file", "RVTools_tabvInfo.csv", VInfo), ("file", "RVTools_tabvHost.csv", VHost), ("catalog", "catalog.yaml", Catalog));

        var id = ConsoleClient.IdFrom(response);
        var estate = (await host.Store.EstateAsync(id))!;
        estate.FileName.ShouldBe("RVTools_tabvInfo.csv and 1 more");
        estate.SourceText.ShouldStartWith("# Estate written by `shuyaku serve` from export");
        var (guests, _) = await host.Store.GuestsAsync(new GuestQuery { EstateId = id, Today = new DateOnly(2026, 12, 6) });
        guests.Select(g => (g.Name, g.Owner, g.Purpose, g.CreatedOn, g.ExpiresOn, g.Vcpus)).ShouldBe([
            ("batch-old", null, null, new DateOnly(2015, 1, 2), new DateOnly(2024, 12, 31), 4L),
            ("web-01", "team-web", "shop", new DateOnly(2021, 3, 4), new DateOnly(2027, 6, 30), 2L),
        ]);
    }

    [Fact]
    public async Task An_rvtools_export_without_a_catalog_or_with_a_broken_one_is_refused_with_the_place_of_each_error_and_nothing_is_stored()
    {
        await using var host = await ConsoleHost.StartAsync();
        using var admin = await host.AdminAsync();

        using var noCatalog = await admin.PostFilesAsync("/estates", "/estates/new", ("file", "RVTools_tabvInfo.csv", VInfo));
        noCatalog.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noCatalog.Content.ReadAsStringAsync()).ShouldContain("<code>RVTools_tabvInfo.csv:0:0</code> an RVTools export has no host models to buy");

        using var badCell = await admin.PostFilesAsync("/estates", "/estates/new",
            ("file", "RVTools_tabvInfo.csv", VInfo.Replace(",2,4096,", ",2,lots,", StringComparison.Ordinal)), ("catalog", "catalog.yaml", Catalog));
        badCell.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await badCell.Content.ReadAsStringAsync()).ShouldMatch(@"<code>RVTools_tabvInfo\.csv:2:\d+</code>");

        using var badCatalog = await admin.PostFilesAsync("/estates", "/estates/new",
            ("file", "RVTools_tabvInfo.csv", VInfo), ("catalog", "catalog.yaml", "catalog:\n  - { id: r1, sockets: two }\n"));
        badCatalog.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await badCatalog.Content.ReadAsStringAsync()).ShouldMatch(@"<code>catalog\.yaml:2:\d+</code>");
        (await host.Store.EstatesAsync()).ShouldBeEmpty();
    }
}
