using System.Collections.Concurrent;

namespace Shuyaku.Web.Storage;

/// <summary>
/// The answers of guest queries (a page of guests and the capacity all admitted guests hold), kept per query and valid
/// while the database's guest counter (<c>change_counters</c>, row <c>guests</c>) has the value they were read at. Every
/// change of a guest or of its measured days raises the counter in the transaction that makes the change, so an
/// answer read after the commit never comes from the cache of an older counter: a retire, an edit or an upload shows at
/// once, also when another console on the same database made it. Requests that miss at the same time share one read.
/// </summary>
internal sealed class GuestCache
{
    /// <summary>Queries kept at most; when full, the cache starts again empty (queries are few: the sprawl view, the lists' first pages).</summary>
    public const int MaxEntries = 512;

    private readonly ConcurrentDictionary<GuestQuery, Entry> _entries = new();

    /// <summary>How many queries are kept now.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The answer to <paramref name="query"/> at counter <paramref name="version"/> (read before this call), or at a later
    /// counter; read by <paramref name="read"/> when there is none. The rows are shared between requests: callers must not change them.
    /// </summary>
    public async Task<(List<GuestRecord> Rows, Held Held)> GetAsync(GuestQuery query, long version, Func<Task<(List<GuestRecord> Rows, Held Held)>> read)
    {
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(query))
        {
            _entries.Clear();
        }

        var entry = _entries.AddOrUpdate(query, _ => new Entry(version, new Lazy<Task<(List<GuestRecord>, Held)>>(read)),
            (_, old) => old.Version >= version ? old : new Entry(version, new Lazy<Task<(List<GuestRecord>, Held)>>(read)));
        try
        {
            return await entry.Answer.Value;
        }
        catch
        {
            _entries.TryRemove(KeyValuePair.Create(query, entry));
            throw;
        }
    }

    /// <summary>An answer read at a counter value; the read starts on first use and is shared.</summary>
    private sealed record Entry(long Version, Lazy<Task<(List<GuestRecord>, Held)>> Answer);
}
