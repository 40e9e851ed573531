using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Web.Pages;
using Shuyaku.Web.Security;
using Shuyaku.Web.Storage;
using static Shuyaku.Web.Localization.Texts;

namespace Shuyaku.Web.Api;

/// <summary>
/// The API's uploads besides the estate file: an estate's measurements (the file as the body) and an RVTools export
/// with its catalog file (a multipart form). Operator; each needs the header X-Shuyaku-Antiforgery. They read, check and
/// store through <see cref="Uploads"/>, as the pages do; errors are JSON, in the request's language.
/// </summary>
internal static class UploadApi
{
    /// <summary>What a measurements upload stored: series read, guests matched, days stored, and the series that match no guest.</summary>
    public sealed record MeasurementsView(long EstateId, string FileName, int Series, int Guests, int Days, IReadOnlyList<string> Unmatched);

    /// <summary>The longest file name the API takes in <c>fileName</c>.</summary>
    public const int MaxFileName = 255;

    public static void Map(IEndpointRouteBuilder app)
    {
        var operators = app.MapGroup("/api").RequireAuthorization(ConsoleSecurity.Operator).AddEndpointFilter(GuestApi.RequireApiToken);
        operators.MapPost("/estates/{id:long}/measurements", MeasurementsAsync);
        operators.MapPost("/estates/rvtools", RvToolsAsync);
    }

    /// <summary><c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>
    /// 422 <c>{"errors": [{file, line, column, message, sheet, columnLetter}, …]}</c>: every error of an uploaded file,
    /// where it is; <c>sheet</c> and <c>columnLetter</c> only for a workbook's (null otherwise).
    /// </summary>
    public static IResult FileErrors(IEnumerable<Diagnostic> errors) =>
        Results.Json(new { errors = errors.Select(FileError) }, statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>One error as the API shows it: a workbook's with its sheet and the column's letter (A for column 1).</summary>
    public static ManagementApi.FileError FileError(Diagnostic d) =>
        new(d.File, d.Line, d.Column, d.Message, d.Sheet, d.Sheet is not null && d.Column >= 1 ? Sheet.Letter(d.Column - 1) : null);

    /// <summary>413: the upload is over the console's limit.</summary>
    public static IResult TooLarge(ConsoleOptions options) => Error(StatusCodes.Status413PayloadTooLarge, Format("web.api.too-large", options.MaxUploadBytes));

    /// <summary>
    /// The request's body, read whole but never past <paramref name="max"/> bytes: null when it is longer (by its
    /// Content-Length, before anything is read, or while it is read).
    /// </summary>
    public static async Task<byte[]?> BodyAsync(HttpRequest request, long max)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + n > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>The query parameter <c>fileName</c> as the file is stored and reported under (its last path segment), or null when it is refused.</summary>
    public static string? FileName(HttpRequest request, string fallback)
    {
        var name = Uploads.FileName(request.Query["fileName"].ToString(), fallback);
        return name.Length > MaxFileName || name.Any(char.IsControl) ? null : name;
    }

    private static async Task<IResult> MeasurementsAsync(HttpContext context, long id, ConsoleStore store, ConsoleOptions options)
    {
        if (await store.EstateAsync(id) is null)
        {
            return Error(StatusCodes.Status404NotFound, Format("web.not-found", Format("web.what.estate", id)));
        }

        if (context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.not-a-form"));
        }

        if (FileName(context.Request, "measurements.csv") is not { } fileName)
        {
            return Error(StatusCodes.Status400BadRequest, Format("web.api.file-name", MaxFileName));
        }

        if (await BodyAsync(context.Request, options.MaxUploadBytes) is not { } bytes)
        {
            return TooLarge(options);
        }

        if (bytes.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.empty"));
        }

        using var content = new MemoryStream(bytes, writable: false);
        var read = await Uploads.ReadMeasurementsAsync(content, fileName);
        if (!read.Succeeded)
        {
            return FileErrors(read.Errors);
        }

        var stored = await store.AddMeasurementsAsync(context.Who()!.Value.Name, id, fileName, read.Value!);
        return Results.Ok(new MeasurementsView(id, fileName, stored.Series, stored.Guests, stored.Days, stored.Unmatched));
    }

    private static async Task<IResult> RvToolsAsync(HttpContext context, ConsoleStore store, ConsoleOptions options)
    {
        if (!context.Request.HasFormContentType)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, Get("web.api.rvtools-form"));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            // A part over the form limit, or a body over the server's: either way more than an upload may hold.
            return TooLarge(options);
        }

        var files = form.Files.GetFiles("file");
        if (files.Count == 0 || files.All(f => f.Length == 0))
        {
            return Error(StatusCodes.Status400BadRequest, Get("web.api.rvtools-form"));
        }

        if (files.Sum(f => f.Length) + (form.Files.GetFile("catalog")?.Length ?? 0) > options.MaxUploadBytes)
        {
            return TooLarge(options);
        }

        // As the page tells an export from an estate file, so the API refuses what is not one before reading it.
        if (RvToolsUpload.NotAnExport(files, await RvToolsUpload.FirstBytesAsync(files[0])) is { } notAnExport)
        {
            return FileErrors([notAnExport]);
        }

        var stored = await Uploads.StoreRvToolsAsync(store, context.Who()!.Value.Name, files, form.Files.GetFile("catalog"));
        return stored.Id is { } estate
            ? Results.Created($"/api/estates/{estate}", ApiEndpoints.View((await store.EstateAsync(estate))!, null))
            : FileErrors(stored.Errors);
    }
}
