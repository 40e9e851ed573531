using Microsoft.AspNetCore.Http;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Import.RvTools;
using Shuyaku.Core.Sizing;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Pages;

/// <summary>
/// An RVTools export uploaded on /estates/new: an .xlsx/.xls workbook (told by its extension or the zip/OLE magic bytes),
/// or the CSV files of its CSV export (RVTools_tabvInfo.csv, …), turned into estate text by Core's
/// <see cref="RvToolsImporter"/> and <see cref="EstateYaml"/>, with the catalog file the upload gives.
/// </summary>
internal static class RvToolsUpload
{
    /// <summary>The estate text and the name it is stored under, or the errors, each naming the uploaded file it is in.</summary>
    public sealed record Converted(string? Text, string FileName, IReadOnlyList<Diagnostic> Errors);

    /// <summary>Whether the uploaded files are an RVTools export rather than an estate file.</summary>
    public static bool Is(IReadOnlyList<IFormFile> files, byte[] firstBytes)
    {
        if (files.Count == 0)
        {
            return false;
        }

        var name = files[0].FileName.ToLowerInvariant();
        return name.EndsWith(".xlsx", StringComparison.Ordinal) || name.EndsWith(".xls", StringComparison.Ordinal)
            || firstBytes is [0x50, 0x4B, 0x03, 0x04, ..] || firstBytes is [0xD0, 0xCF, 0x11, 0xE0, ..]
            || files.All(f => Path.GetFileName(f.FileName).StartsWith("RVTools_tab", StringComparison.OrdinalIgnoreCase) && f.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Null when the files are an RVTools export (<see cref="Is"/>), else the one error that says they are not, at the
    /// first file (line and column 0): the page answers it when several files are not an export, the API whenever they are not.
    /// </summary>
    public static Diagnostic? NotAnExport(IReadOnlyList<IFormFile> files, byte[] firstBytes) =>
        Is(files, firstBytes) ? null : new Diagnostic(Shown(files), 0, 0, Get("web.rvtools.not-export"));

    /// <summary>The first bytes of the first file, enough for <see cref="Is"/> to tell a zip or OLE file.</summary>
    public static async Task<byte[]> FirstBytesAsync(IFormFile file)
    {
        var bytes = new byte[Math.Min(8, file.Length)];
        await using var stream = file.OpenReadStream();
        await stream.ReadExactlyAsync(bytes);
        return bytes;
    }

    /// <summary>Converts the export; a catalog file (YAML with 'catalog' and optionally 'policy', 'hostGroups', 'rules') is required so that the estate plans.</summary>
    public static async Task<Converted> ConvertAsync(IReadOnlyList<IFormFile> files, IFormFile? catalogFile)
    {
        var shown = Shown(files);
        if (catalogFile is null || catalogFile.Length == 0)
        {
            return new Converted(null, shown, [new Diagnostic(shown, 0, 0, Get("web.rvtools.no-catalog"))]);
        }

        var folder = Directory.CreateTempSubdirectory("shuyaku-rvtools-");
        try
        {
            var catalogPath = Path.Combine(folder.FullName, "catalog-" + Name(catalogFile));
            await SaveAsync(catalogFile, catalogPath);
            var catalog = CatalogFile.Read(catalogPath);
            if (!catalog.Succeeded)
            {
                return new Converted(null, shown, Rename(catalog.Errors, catalogPath, Name(catalogFile)));
            }

            string source;
            var single = files.Count == 1 && !files[0].FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
            if (single)
            {
                source = Path.Combine(folder.FullName, Name(files[0]));
                await SaveAsync(files[0], source);
            }
            else
            {
                source = Path.Combine(folder.FullName, "export");
                Directory.CreateDirectory(source);
                foreach (var f in files)
                {
                    await SaveAsync(f, Path.Combine(source, Name(f)));
                }
            }

            var imported = RvToolsImporter.Read(source, includeOff: false);
            if (!imported.Succeeded)
            {
                var inFolder = imported.Errors.Select(d => d.File.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                    ? d with { File = Path.GetFileName(d.File) } : d).ToList();
                return new Converted(null, shown, Rename(inFolder, source, shown));
            }

            var (text, catalogLine) = EstateYaml.Write(imported.Value!, "serve", catalog.Value! with { Path = Name(catalogFile) });
            var check = EstateFit.ReadAndCheck(text, shown);
            if (!check.Succeeded)
            {
                // Errors in the appended catalog point into the catalog file; the others into the estate written from the export.
                return new Converted(null, shown, check.Errors.Select(e => catalogLine > 0 && e.Line >= catalogLine
                    ? e with { File = Name(catalogFile), Line = e.Line - catalogLine + 1 }
                    : e with { File = Format("web.rvtools.as-text", shown) }).ToList());

            }

            return new Converted(text, shown, []);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The name an upload of <paramref name="files"/> is reported and stored under: the first file's, or "NAME and N more".</summary>
    private static string Shown(IReadOnlyList<IFormFile> files) => files.Count == 1 ? Name(files[0]) : $"{Name(files[0])} and {files.Count - 1} more";

    private static string Name(IFormFile f) => Path.GetFileName(f.FileName.Replace('\\', '/')) is { Length: > 0 } n ? n : "upload";

    private static IReadOnlyList<Diagnostic> Rename(IEnumerable<Diagnostic> errors, string path, string name) =>
        errors.Select(d => d.File == path ? d with { File = name } : d).ToList();

    private static async Task SaveAsync(IFormFile file, string path)
    {
        await using var output = File.Create(path);
        await file.CopyToAsync(output);
    }
}
