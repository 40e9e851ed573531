using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.RvTools;

/// <summary>
/// Turns an RVTools export into an <see cref="ImportedEstate"/>: sites from data centres, servers from vHost, one workload per
/// powered-on VM of vInfo (powered-off and suspended VMs with <c>includeOff</c>; templates and SRM placeholders never),
/// demand from the usage columns where the export has them and from the provisioned size where it does not.
/// </summary>
public static class RvToolsImporter
{
    /// <summary>Reads the workbook or CSV folder at <paramref name="path"/>, keeping powered-off VMs when <paramref name="includeOff"/> is set; <paramref name="progress"/> hears of each sheet read.</summary>
    public static ReadResult<ImportedEstate> Read(string path, bool includeOff, IProgress<string>? progress = null)
    {
        var workbook = RvToolsWorkbook.Open(path, progress);
        return workbook.Succeeded ? Import(workbook.Value!, includeOff) : ReadResult<ImportedEstate>.Failed(workbook.Errors, []);
    }

    /// <summary>Maps the sheets of <paramref name="workbook"/>; any malformed cell in a column the importer uses is an error, and then nothing is returned.</summary>
    public static ReadResult<ImportedEstate> Import(RvToolsWorkbook workbook, bool includeOff)
    {
        var report = new InventoryReport { Source = workbook.Source };
        foreach (var name in RvToolsWorkbook.Wanted)
        {
            if (workbook.Sheets.TryGetValue(name, out var sheet))
            {
                report.SheetsRead.Add((name, sheet.Rows.Count));
            }
            else
            {
                report.SheetsMissing.Add(name);
            }
        }

        report.SheetsIgnored.AddRange(workbook.Ignored);
        var cells = new Cells();
        var sites = new SiteList();
        var hosts = new RvToolsHosts(cells, report, sites);
        hosts.Read(workbook.Sheets.GetValueOrDefault("vHost"));
        var vms = new RvToolsVms(workbook, cells, report, sites, hosts, includeOff).Read();
        Summaries(workbook, cells, report);
        if (cells.ErrorCount > 0)
        {
            var errors = cells.Errors.ToList();
            if (cells.ErrorCount > errors.Count)
            {
                errors.Add(new Diagnostic(workbook.Source, 0, 0, Texts.Format("import.cells.more", cells.ErrorCount - errors.Count)));
            }

            return ReadResult<ImportedEstate>.Failed(errors, []);
        }

        var estateName = Path.GetFileNameWithoutExtension(workbook.Source.TrimEnd('/', '\\'));
        return ReadResult<ImportedEstate>.Ok(new ImportedEstate(estateName, sites.Sites, hosts.Servers, vms, report), []);
    }

    /// <summary>One line each for clusters and datastores, which the estate has no key for.</summary>
    private static void Summaries(RvToolsWorkbook workbook, Cells cells, InventoryReport report)
    {
        if (workbook.Sheets.GetValueOrDefault("vCluster") is { } clusters)
        {
            report.Notes.Add(Texts.Format("import.rvtools.clusters", clusters.Rows.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (workbook.Sheets.GetValueOrDefault("vDatastore") is { } ds)
        {
            double capacity = 0, inUse = 0;
            var (cap, use) = (ds.Column(RvToolsColumns.DiskCapacity), ds.Column(RvToolsColumns.DatastoreInUse));
            foreach (var row in ds.Rows)
            {
                capacity += cells.Number(ds, row, cap) ?? 0;
                inUse += cells.Number(ds, row, use) ?? 0;
            }

            report.Notes.Add(Texts.Format("import.rvtools.datastores", ds.Rows.Count.ToString(CultureInfo.InvariantCulture), EstateYaml.F(capacity / 1024 / 1024), EstateYaml.F(inUse / 1024 / 1024)));
        }
    }
}
