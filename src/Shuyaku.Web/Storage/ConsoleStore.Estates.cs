using System.Data.Common;

namespace Shuyaku.Web.Storage;

/// <summary>Estates: uploaded files kept verbatim, listed with their newest plan.</summary>
public sealed partial class ConsoleStore
{
    private const string EstateColumns = "e.id, e.name, e.file_name, e.source_text, e.digest, e.uploaded_by, e.uploaded_at";

    private static EstateRecord ReadEstate(DbDataReader r) =>
        new(r.Long(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.ReadTime(6));

    /// <summary>Stores an estate file (already validated) and a guest for each of its workloads; returns its id once committed.</summary>
    public Task<long> AddEstateAsync(string actor, string name, string fileName, string sourceText, string digest, IReadOnlyList<NewGuest>? guests = null) =>
        WriteAsync(actor, "estate.upload", async (c, tx) =>
        {
            var id = await InsertAsync(c, tx, "INSERT INTO estates (name, file_name, source_text, digest, uploaded_by, uploaded_at) VALUES (@name, @file, @text, @digest, @by, @at)",
                ("@name", name), ("@file", fileName), ("@text", sourceText), ("@digest", digest), ("@by", actor), ("@at", Now()));
            await InsertGuestsAsync(c, tx, id, guests ?? [], actor);
            return (id, $"estate #{id}", $"{name} from {fileName}, sha256 {digest}" + (guests is null ? "" : $", {guests.Count} guests"));
        });

    /// <summary>The estate with this id, or null.</summary>
    public async Task<EstateRecord?> EstateAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {EstateColumns} FROM estates e WHERE e.id = @id", ReadEstate, ("@id", id)))).FirstOrDefault();

    /// <summary>
    /// Every estate, newest first, each with its newest plan; without the estates' files (their <see cref="EstateRecord.SourceText"/>
    /// is empty here: a list has no use for them, and one file of 10,000 workloads is over a megabyte read on every dashboard).
    /// </summary>
    public Task<List<EstateSummary>> EstatesAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null,
            $"SELECT {EstateColumns.Replace("e.source_text", "''", StringComparison.Ordinal)}, {PlanColumns} FROM estates e LEFT JOIN plans p ON p.id = (SELECT MAX(id) FROM plans WHERE estate_id = e.id) ORDER BY e.id DESC",
            r => new EstateSummary(ReadEstate(r), r.IsDBNull(7) ? null : ReadPlan(r, 7))));
}
