using System.Data.Common;

namespace Shuyaku.Web.Storage;

/// <summary>Estates: uploaded files kept verbatim, listed with their newest plan.</summary>
public sealed partial class ConsoleStore
{
    /// <summary>An estate's columns with its file (<c>f</c>, <c>estate_files</c>) or, in place of the file, <paramref name="source"/>.</summary>
    private static string EstateColumns(string source = "f.source_text") => $"e.id, e.name, e.file_name, {source}, e.digest, e.uploaded_by, e.uploaded_at";

    private static EstateRecord ReadEstate(DbDataReader r) =>
        new(r.Long(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.ReadTime(6));

    /// <summary>Stores an estate file (already validated) and a guest for each of its workloads; returns its id once committed.</summary>
    public Task<long> AddEstateAsync(string actor, string name, string fileName, string sourceText, string digest, IReadOnlyList<NewGuest>? guests = null) =>
        WriteAsync(actor, "estate.upload", async (c, tx) =>
        {
            var id = await InsertAsync(c, tx, "INSERT INTO estates (name, file_name, digest, uploaded_by, uploaded_at) VALUES (@name, @file, @digest, @by, @at)",
                ("@name", name), ("@file", fileName), ("@digest", digest), ("@by", actor), ("@at", Now()));
            await Sql.ExecuteAsync(c, tx, "INSERT INTO estate_files (estate_id, source_text) VALUES (@id, @text)", ("@id", id), ("@text", sourceText));
            await InsertGuestsAsync(c, tx, id, guests ?? [], actor);
            return (id, $"estate #{id}", guests is null ? Detail("web.audit.estate", name, fileName, digest) : Detail("web.audit.estate-guests", name, fileName, digest, guests.Count));
        });

    /// <summary>The estate with this id, or null.</summary>
    public async Task<EstateRecord?> EstateAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {EstateColumns()} FROM estates e JOIN estate_files f ON f.estate_id = e.id WHERE e.id = @id", ReadEstate, ("@id", id)))).FirstOrDefault();

    /// <summary>
    /// Every estate, newest first, each with its newest plan; without the estates' files (their <see cref="EstateRecord.SourceText"/>
    /// is empty here) and the plans' plan.json (as <see cref="PlansAsync"/>): a list has no use for them, one file of
    /// 10,000 workloads is over a megabyte, and the dashboard reads this list on every request.
    /// </summary>
    public Task<List<EstateSummary>> EstatesAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null,
            $"SELECT {EstateColumns("''")}, {PlanColumns(withJson: false)} FROM estates e LEFT JOIN plans p ON p.id = (SELECT MAX(id) FROM plans WHERE estate_id = e.id) ORDER BY e.id DESC",
            r => new EstateSummary(ReadEstate(r), r.IsDBNull(7) ? null : ReadPlan(r, 7))));
}
