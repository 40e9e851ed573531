using System.Net;
using System.Text;
using Shuyaku.Core.Tests.Import.RvTools;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Pages;
using Shuyaku.Web.Tests.Storage;
using Shuyaku.Web.Tests.Support;
using static Shuyaku.Web.Tests.Support.ApiCallers;

namespace Shuyaku.Web.Tests.Api;

/// <summary>
/// The API's measurements and RVTools uploads, on SQLite and PostgreSQL: stored and audited as the pages store them,
/// refused with the place of every error and nothing stored, and closed to viewers (403) and anonymous callers (401).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class UploadApiTests(PostgresServer postgres)
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private DatabaseOptions? Database(string database) => database == "sqlite" ? null : postgres.NewDatabase()();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static MultipartFormDataContent Form(params (string Field, string FileName, byte[] Bytes)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, fileName, bytes) in parts)
        {
            form.Add(new ByteArrayContent(bytes), field, fileName);
        }

        return form;
    }

    private static (string, string, byte[]) Part(string field, string fileName, string text) => (field, fileName, Encoding.UTF8.GetBytes(text));

    private static async Task<int> StoredDaysAsync(ConsoleStore store, long estate)
    {
        var days = 0;
        foreach (var guest in (await store.GuestsAsync(new GuestQuery { EstateId = estate, Today = Today, Limit = 1000 })).Rows)
        {
            days += (await store.GuestDaysAsync(guest.Id)).Count;
        }

        return days;
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task An_operator_uploads_measurements_as_the_body_and_a_file_with_an_error_answers_422_with_its_line_and_column_and_stores_nothing(string database)
    {
        // Given an estate with guests, an operator, a viewer and an anonymous caller
        await using var host = await ConsoleHost.StartAsync(database: Database(database));
        using var callers = await SignInAsync(host);
        var estate = ConsoleClient.IdFrom(await callers.Admin.UploadAsync("estate.yaml", GuestPageTests.Example()));
        var path = $"/api/estates/{estate}/measurements?fileName=load.csv";

        // When a file with a value that is not a number is sent, then 422 names the file, line and column, as the page does
        var broken = GuestPageTests.Measurements.Replace("2026-12-04T12:00:00Z,cpu,2", "2026-12-04T12:00:00Z,cpu,lots", StringComparison.Ordinal);
        using var refused = await callers.Operator.SendAsync(HttpMethod.Post, path, Csv(broken), callers.OperatorToken);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var error = (await JsonAsync(refused)).GetProperty("errors")[0];
        (error.GetProperty("file").GetString(), error.GetProperty("line").GetInt32()).ShouldBe(("load.csv", 3));
        var column = error.GetProperty("column").GetInt32();
        column.ShouldBeGreaterThan(0);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        error.GetProperty("sheet").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        using var onPage = await callers.Admin.PostFileAsync($"/estates/{estate}/measurements", $"/estates/{estate}", "load.csv", broken);
        onPage.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await onPage.Content.ReadAsStringAsync()).ShouldContain($"<code>load.csv:3:{column}</code>");
        callers.Operator.Speak("ja");
        using var japanese = await callers.Operator.SendAsync(HttpMethod.Post, path, Csv(broken), callers.OperatorToken);
        var inJapanese = (await JsonAsync(japanese)).GetProperty("errors")[0];
        (inJapanese.GetProperty("line").GetInt32(), inJapanese.GetProperty("column").GetInt32()).ShouldBe((3, column));
        inJapanese.GetProperty("message").GetString()!.ShouldContain("0 以上の数値ではありません");
        callers.Operator.Speak(null);

        // And a form, an empty body, a bad file name, an unknown estate and a missing token are refused, each before anything is stored
        (await callers.Operator.SendAsync(HttpMethod.Post, path, Form(Part("file", "load.csv", GuestPageTests.Measurements)), callers.OperatorToken))
            .StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await callers.Operator.SendAsync(HttpMethod.Post, path, Csv(""), callers.OperatorToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await callers.Operator.SendAsync(HttpMethod.Post, $"/api/estates/{estate}/measurements?fileName=a%01b.csv", Csv(GuestPageTests.Measurements), callers.OperatorToken))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var unknown = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/999/measurements", Csv(GuestPageTests.Measurements), callers.OperatorToken);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(unknown)).GetProperty("error").GetString().ShouldBe("Estate #999 does not exist.");
        (await callers.Operator.SendAsync(HttpMethod.Post, path, Csv(GuestPageTests.Measurements), null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await callers.RefusedToViewerAndAnonymousAsync(HttpMethod.Post, path, () => Csv(GuestPageTests.Measurements));
        (await StoredDaysAsync(host.Store, estate)).ShouldBe(0);
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action == "guest.measurements");

        // When the file is sent as it is, then 200 with what was stored, the days are there, and the upload is audited as olga's
        using var stored = await callers.Operator.SendAsync(HttpMethod.Post, path, Csv(GuestPageTests.Measurements), callers.OperatorToken);
        stored.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await JsonAsync(stored);
        (answer.GetProperty("estateId").GetInt64(), answer.GetProperty("fileName").GetString()).ShouldBe((estate, "load.csv"));
        (answer.GetProperty("series").GetInt32(), answer.GetProperty("guests").GetInt32(), answer.GetProperty("days").GetInt32()).ShouldBe((3, 2, 3));
        answer.GetProperty("unmatched").EnumerateArray().Select(u => u.GetString()).ShouldBe(["ghost"]);
        (await StoredDaysAsync(host.Store, estate)).ShouldBe(3);
        (await host.Store.AuditAsync()).Count(a => a.Action == "guest.measurements" && a.Actor == "olga" && a.Object == $"estate #{estate}").ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task An_operator_uploads_an_rvtools_export_with_its_catalog_and_errors_name_the_file_row_and_column_or_the_sheet_and_store_nothing(string database)
    {
        // Given an operator, a viewer, an anonymous caller, and a workbook with a cell that is not a number (row 3, column D of vInfo)
        await using var host = await ConsoleHost.StartAsync(database: Database(database));
        using var callers = await SignInAsync(host);
        using var folder = new TempFolder();
        var badRows = new[] { Workbooks.Vm("a"), Workbooks.Vm("b") };
        badRows[1]["CPUs"] = "lots";
        var badBook = File.ReadAllBytes(Workbooks.Write(folder.File("bad.xlsx"), ("vInfo", badRows), ("vHost", [Workbooks.Host("esx-1")])));
        var book = File.ReadAllBytes(Workbooks.Write(folder.File("export.xlsx"), ("vInfo", [Workbooks.Vm("a"), Workbooks.Vm("b")]), ("vHost", [Workbooks.Host("esx-1")])));
        var catalog = Part("catalog", "catalog.yaml", RvToolsUploadTests.Catalog);
        async Task<(HttpStatusCode Status, IReadOnlyList<(string File, int Line, int Column, string Message, string? Sheet, string? Letter)> Errors)> SendAsync(MultipartFormDataContent form)
        {
            using var response = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools", form, callers.OperatorToken);
            if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
            {
                return (response.StatusCode, []);
            }

            return (response.StatusCode, (await JsonAsync(response)).GetProperty("errors").EnumerateArray()
                .Select(e => (e.GetProperty("file").GetString()!, e.GetProperty("line").GetInt32(), e.GetProperty("column").GetInt32(), e.GetProperty("message").GetString()!,
                    e.GetProperty("sheet").GetString(), e.GetProperty("columnLetter").GetString())).ToList());
        }

        // When exports with errors are sent, then 422 names each error's file and place: the workbook's row and column (and its sheet in the message),
        // the CSV file's row, the catalog's line, or the export as a whole when the catalog is missing
        var workbook = await SendAsync(Form(("file", "bad.xlsx", badBook), catalog));
        workbook.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var cell = workbook.Errors.ShouldHaveSingleItem();
        (cell.File, cell.Line, cell.Column, cell.Sheet, cell.Letter).ShouldBe(("bad.xlsx", 3, 4, "vInfo", "D"));
        cell.Message.ShouldContain("'vInfo'");
        var csv = await SendAsync(Form(Part("file", "RVTools_tabvInfo.csv", RvToolsUploadTests.VInfo.Replace(",2,4096,", ",2,lots,", StringComparison.Ordinal)), catalog));
        (csv.Status, csv.Errors[0].File, csv.Errors[0].Line, csv.Errors[0].Sheet, csv.Errors[0].Letter).ShouldBe((HttpStatusCode.UnprocessableEntity, "RVTools_tabvInfo.csv", 2, null, null));
        var badCatalog = await SendAsync(Form(Part("file", "RVTools_tabvInfo.csv", RvToolsUploadTests.VInfo), Part("catalog", "catalog.yaml", "catalog:\n  - { id: r1, sockets: two }\n")));
        (badCatalog.Status, badCatalog.Errors[0].File, badCatalog.Errors[0].Line, badCatalog.Errors[0].Sheet).ShouldBe((HttpStatusCode.UnprocessableEntity, "catalog.yaml", 2, null));
        var noCatalog = await SendAsync(Form(Part("file", "RVTools_tabvInfo.csv", RvToolsUploadTests.VInfo)));
        (noCatalog.Status, noCatalog.Errors[0].File, noCatalog.Errors[0].Line, noCatalog.Errors[0].Column).ShouldBe((HttpStatusCode.UnprocessableEntity, "RVTools_tabvInfo.csv", 0, 0));
        noCatalog.Errors[0].Message.ShouldStartWith("an RVTools export has no host models to buy");

        // And files that do not look like an export (an estate file, several files not named RVTools_tab….csv) answer 422 before anything is read,
        // with the error the page gives when several files are not an export
        var estateFile = await SendAsync(Form(Part("file", "estate.yaml", GuestPageTests.Example()), catalog));
        var notAnExport = estateFile.Errors.ShouldHaveSingleItem();
        (estateFile.Status, notAnExport.File, notAnExport.Line, notAnExport.Column, notAnExport.Sheet).ShouldBe((HttpStatusCode.UnprocessableEntity, "estate.yaml", 0, 0, null));
        notAnExport.Message.ShouldStartWith("This is not an RVTools export: send its workbook (.xlsx or .xls) or the files of its CSV export");
        var mixed = await SendAsync(Form(Part("file", "vinfo.csv", RvToolsUploadTests.VInfo), Part("file", "RVTools_tabvHost.csv", RvToolsUploadTests.VHost), catalog));
        (mixed.Status, mixed.Errors.ShouldHaveSingleItem().File, mixed.Errors[0].Message).ShouldBe((HttpStatusCode.UnprocessableEntity, "vinfo.csv and 1 more", notAnExport.Message));
        using var onPage = await callers.Operator.PostFilesAsync("/estates", "/estates/new", ("file", "estate.yaml", GuestPageTests.Example()), ("file", "other.yaml", GuestPageTests.Example()));
        onPage.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await onPage.Content.ReadAsStringAsync()).ShouldContain($"<code>estate.yaml and 1 more:0:0</code> {System.Net.WebUtility.HtmlEncode(notAnExport.Message)}");

        // And a body that is not a form, a form without a file, a missing token, a viewer and an anonymous caller are refused
        (await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools", new ByteArrayContent(book), callers.OperatorToken)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await SendAsync(Form(catalog))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools", Form(("file", "export.xlsx", book), catalog), null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await callers.RefusedToViewerAndAnonymousAsync(HttpMethod.Post, "/api/estates/rvtools", () => Form(("file", "export.xlsx", book), catalog));
        (await host.Store.EstatesAsync()).ShouldBeEmpty();
        (await host.Store.AuditAsync()).ShouldNotContain(a => a.Action == "estate.upload");

        // When the CSV export and the workbook are sent with the catalog, then each is stored (201 at its Location) with its guests, as olga's
        using var fromCsv = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools",
            Form(Part("file", "RVTools_tabvInfo.csv", RvToolsUploadTests.VInfo), Part("file", "RVTools_tabvHost.csv", RvToolsUploadTests.VHost), catalog), callers.OperatorToken);
        fromCsv.StatusCode.ShouldBe(HttpStatusCode.Created);
        var csvEstate = await JsonAsync(fromCsv);
        var csvId = csvEstate.GetProperty("id").GetInt64();
        fromCsv.Headers.Location!.OriginalString.ShouldBe($"/api/estates/{csvId}");
        (csvEstate.GetProperty("fileName").GetString(), csvEstate.GetProperty("uploadedBy").GetString()).ShouldBe(("RVTools_tabvInfo.csv and 1 more", "olga"));
        (await host.Store.GuestsAsync(new GuestQuery { EstateId = csvId, Today = Today })).Rows.Select(g => (g.Name, g.Owner)).ShouldBe([("batch-old", null), ("web-01", "team-web")]);
        using var fromBook = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools", Form(("file", "export.xlsx", book), catalog), callers.OperatorToken);
        fromBook.StatusCode.ShouldBe(HttpStatusCode.Created);
        var bookId = (await JsonAsync(fromBook)).GetProperty("id").GetInt64();
        (await host.Store.EstateAsync(bookId))!.FileName.ShouldBe("export.xlsx");
        (await host.Store.GuestsAsync(new GuestQuery { EstateId = bookId, Today = Today })).Rows.Select(g => g.Name).ShouldBe(["a", "b"]);
        (await host.Store.AuditAsync()).Where(a => a.Action == "estate.upload").Select(a => a.Actor).ShouldBe(["olga", "olga"]);
    }

    [Theory]
    [MemberData(nameof(StoreTests.Databases), MemberType = typeof(StoreTests))]
    public async Task Uploads_over_the_limit_answer_413_and_store_nothing(string database)
    {
        // Given a console that takes at most 1 KiB per upload, and an estate stored without the API
        await using var host = await ConsoleHost.StartAsync(database: Database(database), maxUploadBytes: 1024);
        using var callers = await SignInAsync(host);
        var estate = await host.Store.AddEstateAsync("ada", "e", "e.yaml", "name: e", "digest", [new NewGuest("g", 1, 1024, 0, null, null, null, null)]);
        var big = "workload,timestamp,metric,value\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"g,2026-12-04T{i % 24:00}:00:00Z,cpu,1\n"));

        // When the measurements, an RVTools export and an estate file are each over the limit
        using var measurements = await callers.Operator.SendAsync(HttpMethod.Post, $"/api/estates/{estate}/measurements", Csv(big), callers.OperatorToken);
        using var rvtools = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates/rvtools",
            Form(Part("file", "RVTools_tabvInfo.csv", RvToolsUploadTests.VInfo + new string('#', 1024)), Part("catalog", "catalog.yaml", RvToolsUploadTests.Catalog)), callers.OperatorToken);
        using var estateFile = await callers.Operator.SendAsync(HttpMethod.Post, "/api/estates", Csv("name: e\n" + new string('#', 2048)), callers.OperatorToken);

        // Then each answers 413 with the limit, and nothing is stored
        foreach (var response in new[] { measurements, rvtools, estateFile })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            (await JsonAsync(response)).GetProperty("error").GetString()!.ShouldContain("1024");
        }

        (await host.Store.EstatesAsync()).Count.ShouldBe(1);
        (await StoredDaysAsync(host.Store, estate)).ShouldBe(0);
    }
}
