using Shuyaku.Core.Import.AzureMigrate;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Import.RvTools;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Support;
using static Shuyaku.Core.Tests.Import.RvTools.Workbooks;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// The estates the RVTools and Azure Migrate importers write are the same bytes in every language: the skipped rows'
/// reasons and the notes are the file's words; only what is said to people changes.
/// </summary>
public sealed class ImportLanguageTests
{
    [Fact]
    public void An_rvtools_estate_is_written_to_the_same_bytes_in_english_and_japanese()
    {
        using var dir = new TempFolder();
        var path = Write(dir.File("a.xlsx"),
            ("vInfo", [Vm("web 1"), Vm("old", power: "poweredOff"), Vm("busy", cpus: 32)]),
            ("vCPU", [Row(("VM", "web 1"), ("Overall", 1200)), Row(("VM", "busy"), ("Overall", 999_999))]),
            ("vHost", [Host("esx-1")]));

        var (en, enNotes) = Imported(Language.English, () => RvToolsImporter.Read(path, includeOff: false).Value!, "import rvtools");
        var (ja, jaNotes) = Imported(Language.Japanese, () => RvToolsImporter.Read(path, includeOff: false).Value!, "import rvtools");

        ja.ShouldBe(en);
        en.ShouldContain("poweredOff: not running (--include-off keeps it)");
        en.ShouldContain("MHz exceeds its server; written as the server's whole capacity");
        jaNotes.Count.ShouldBe(enNotes.Count);
        jaNotes.ShouldNotBe(enNotes);
    }

    [Fact]
    public void An_azure_migrate_estate_is_written_to_the_same_bytes_in_english_and_japanese()
    {
        using var dir = new TempFolder();
        var path = dir.Write("x.csv", "Server name,Cores,Memory (In MB),OS name,IP addresses\n,2,1024,Linux,\na,2,1024,Linux,10.0.0.1\n");

        var (en, _) = Imported(Language.English, () => AzureMigrateImporter.Read(path).Value!, "import azure-migrate");
        var (ja, _) = Imported(Language.Japanese, () => AzureMigrateImporter.Read(path).Value!, "import azure-migrate");

        ja.ShouldBe(en);
        en.ShouldContain("no server name");
        en.ShouldContain("addresses 10.0.0.1");
    }

    private static (string Yaml, List<string> Notes) Imported(string language, Func<ImportedEstate> read, string command)
    {
        using (Language.Use(language))
        {
            var estate = read();
            return (EstateYaml.Write(estate, command, null).Text, [.. estate.Report.Notes]);
        }
    }
}
