using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Guests;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Pages;

/// <summary>
/// What the upload pages and the JSON API share: an estate file read, checked and stored with its guests, an RVTools
/// export turned into one, and a measurements file read by Core's <see cref="Activity"/>. Each answers its errors with
/// their places and stores nothing when there is one; the pages and the API only differ in how they answer.
/// </summary>
internal static class Uploads
{
    /// <summary>A stored estate's id, or the errors that kept it from being stored, under the name it was read as.</summary>
    public sealed record EstateStored(long? Id, string FileName, IReadOnlyList<Diagnostic> Errors);

    /// <summary>The last path segment of an uploaded file's name (either slash), or <paramref name="fallback"/> when that is empty.</summary>
    public static string FileName(string? uploaded, string fallback) =>
        Path.GetFileName((uploaded ?? "").Replace('\\', '/')) is { Length: > 0 } name ? name : fallback;

    /// <summary>
    /// Reads and checks an estate file with <see cref="EstateFit"/> and, when it has no error, stores it verbatim with its
    /// SHA-256 and a guest per workload (audited <c>estate.upload</c>). The estate's name is its <c>name:</c>, else the file name.
    /// </summary>
    public static async Task<EstateStored> StoreEstateAsync(ConsoleStore store, string actor, byte[] bytes, string fileName)
    {
        var read = EstateFit.ReadAndCheck(bytes, fileName);
        if (!read.Succeeded)
        {
            return new EstateStored(null, fileName, read.Errors);
        }

        var name = read.Value!.Name.Length > 0 ? read.Value.Name : fileName;
        var text = Encoding.UTF8.GetString(bytes);
        var id = await store.AddEstateAsync(actor, name, fileName, text, Convert.ToHexStringLower(SHA256.HashData(bytes)), GuestInventory.Of(read.Value, text));
        return new EstateStored(id, fileName, []);
    }

    /// <summary>
    /// Turns an RVTools export (a workbook, or the CSV files of its CSV export) with its catalog file into estate text with
    /// <see cref="RvToolsUpload"/>, then stores it as <see cref="StoreEstateAsync"/> does; errors name the uploaded file they are in.
    /// </summary>
    public static async Task<EstateStored> StoreRvToolsAsync(ConsoleStore store, string actor, IReadOnlyList<IFormFile> files, IFormFile? catalog)
    {
        var converted = await RvToolsUpload.ConvertAsync(files, catalog);
        return converted.Text is null
            ? new EstateStored(null, converted.FileName, converted.Errors)
            : await StoreEstateAsync(store, actor, Encoding.UTF8.GetBytes(converted.Text), converted.FileName);
    }

    /// <summary>
    /// Reads a measurements file (any trace with clock times, gzip-compressed or not) into each series' measured UTC days,
    /// with Core's <see cref="Activity.Read"/>; errors carry <paramref name="fileName"/> with their line and column.
    /// </summary>
    public static async Task<ReadResult<IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>>>> ReadMeasurementsAsync(Stream content, string fileName)
    {
        var folder = Directory.CreateTempSubdirectory("shuyaku-measure-");
        try
        {
            var temp = Path.Combine(folder.FullName, "upload");
            await using (var output = File.Create(temp))
            {
                await content.CopyToAsync(output);
            }

            return Activity.Read(temp, fileName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
