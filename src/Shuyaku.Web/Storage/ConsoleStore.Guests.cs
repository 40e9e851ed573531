using System.Data.Common;
using System.Globalization;
using System.Text;
using Shuyaku.Core.Traces;
using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>Which guests a list holds: one of the sprawl lists, or all of them.</summary>
public enum GuestList
{
    /// <summary>Every guest the other filters admit.</summary>
    All,

    /// <summary>Not retired, measured in the window, and no day in the window with a peak above the threshold.</summary>
    Idle,

    /// <summary>Not retired and without an owner.</summary>
    Unowned,

    /// <summary>Not retired and its expiry date before today.</summary>
    Expired,
}

/// <summary>
/// A query of guests: filters, the activity threshold (CPU %) and window (days ending <see cref="Today"/>) that the
/// last active day, the window peak and the idle list are judged by, and a page.
/// </summary>
public sealed record GuestQuery
{
    /// <summary>Only guests of this estate; null for every estate.</summary>
    public long? EstateId { get; init; }

    /// <summary>Only guests in this state (active, marked, retired); null for any.</summary>
    public string? State { get; init; }

    /// <summary>Only guests of this owner (exact); null for any.</summary>
    public string? Owner { get; init; }

    /// <summary>Only guests whose name contains this text, ignoring case; null for any.</summary>
    public string? Name { get; init; }

    /// <summary>Which list.</summary>
    public GuestList List { get; init; } = GuestList.All;

    /// <summary>CPU above this (in % of the old server) is activity.</summary>
    public double ThresholdPercent { get; init; } = Activity.DefaultThresholdPercent;

    /// <summary>The window's length in UTC days, ending with <see cref="Today"/>.</summary>
    public int WindowDays { get; init; } = Activity.DefaultWindowDays;

    /// <summary>Today, from the console's clock.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Rows to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Rows to return at most.</summary>
    public int Limit { get; init; } = 100;
}

/// <summary>Guests: made from an estate's workloads, listed and filtered, judged by their measured activity, retired and restored.</summary>
public sealed partial class ConsoleStore
{
    /// <summary>The actor the audit log names when the console makes guests of estates stored before guests existed.</summary>
    public const string ConsoleActor = "console";

    private const string GuestColumns =
        "g.id, g.estate_id, e.name, g.name, g.vcpus, g.memory_mib, g.disk_mib, g.owner, g.purpose, g.created_on, g.expires_on, g.state, g.changed_by, g.changed_at, " +
        "(SELECT MAX(d.day) FROM guest_days d WHERE d.guest_id = g.id AND d.day <= @to AND d.peak > @t), " +
        "(SELECT MAX(d.peak) FROM guest_days d WHERE d.guest_id = g.id AND d.day >= @from AND d.day <= @to)";

    private static GuestRecord ReadGuest(DbDataReader r) => new(
        r.Long(0), r.Long(1), r.GetString(2), r.GetString(3), r.Long(4), Convert.ToDouble(r.GetValue(5), CultureInfo.InvariantCulture),
        Convert.ToDouble(r.GetValue(6), CultureInfo.InvariantCulture), r.TextOrNull(7), r.TextOrNull(8), Day(r.TextOrNull(9)), Day(r.TextOrNull(10)),
        r.GetString(11), r.GetString(12), r.ReadTime(13), Day(r.TextOrNull(14)), r.IsDBNull(15) ? null : Convert.ToDouble(r.GetValue(15), CultureInfo.InvariantCulture));

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? DayText(DateOnly? day) => day is { } d ? Activity.Text(d) : null;

    /// <summary>The WHERE clause and its parameters for a query's filters.</summary>
    private static (string Where, (string, object?)[] Parameters) Filter(GuestQuery q)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        var p = new List<(string, object?)>
        {
            ("@t", q.ThresholdPercent), ("@from", Activity.Text(Activity.WindowStart(q.Today, q.WindowDays))), ("@to", Activity.Text(q.Today)),
        };
        if (q.EstateId is { } estate)
        {
            where.Append(" AND g.estate_id = @estate");
            p.Add(("@estate", estate));
        }

        if (q.State is { } state)
        {
            where.Append(" AND g.state = @state");
            p.Add(("@state", state));
        }

        if (q.Owner is { } owner)
        {
            where.Append(" AND g.owner = @owner");
            p.Add(("@owner", owner));
        }

        if (!string.IsNullOrEmpty(q.Name))
        {
            where.Append(" AND LOWER(g.name) LIKE @name ESCAPE '\\'");
            p.Add(("@name", "%" + q.Name.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%"));
        }

        where.Append(q.List switch
        {
            GuestList.Idle => " AND g.state <> 'retired'" +
                              " AND EXISTS (SELECT 1 FROM guest_days d WHERE d.guest_id = g.id AND d.day >= @from AND d.day <= @to)" +
                              " AND NOT EXISTS (SELECT 1 FROM guest_days d WHERE d.guest_id = g.id AND d.day >= @from AND d.day <= @to AND d.peak > @t)",
            GuestList.Unowned => " AND g.state <> 'retired' AND g.owner IS NULL",
            GuestList.Expired => " AND g.state <> 'retired' AND g.expires_on IS NOT NULL AND g.expires_on < @to",
            _ => "",
        });
        return (where.ToString(), p.ToArray());
    }

    /// <summary>
    /// A page of the guests a query admits, by name, and how many it admits in all with the capacity they hold; from the
    /// cache while no guest or measured day changed since it was read (<see cref="GuestCache"/>). The rows are shared: do not change them.
    /// </summary>
    public async Task<(List<GuestRecord> Rows, Held Held)> GuestsAsync(GuestQuery query) => (await GuestsAsync([query]))[0];

    /// <summary>Several guest queries (the sprawl view's lists), answered as <see cref="GuestsAsync(GuestQuery)"/> does against one read of the guests counter.</summary>
    public async Task<IReadOnlyList<(List<GuestRecord> Rows, Held Held)>> GuestsAsync(IReadOnlyList<GuestQuery> queries)
    {
        var version = await ReadAsync(c => Sql.ScalarAsync(c, null, "SELECT value FROM change_counters WHERE name = @n", ("@n", GuestsCounter))) ?? 0;
        var answers = new List<(List<GuestRecord>, Held)>(queries.Count);
        foreach (var query in queries)
        {
            answers.Add(await _guestCache.GetAsync(query, version, () => ReadGuestsAsync(query)));
        }

        return answers;
    }

    /// <summary>The name of the counter every change of guests and their measured days raises.</summary>
    private const string GuestsCounter = "guests";

    /// <summary>Raises the guests' counter inside the transaction of a change of guests or their measured days.</summary>
    private static Task<int> GuestsChangedAsync(DbConnection c, DbTransaction tx) =>
        Sql.ExecuteAsync(c, tx, "UPDATE change_counters SET value = value + 1 WHERE name = @n", ("@n", GuestsCounter));

    private Task<(List<GuestRecord> Rows, Held Held)> ReadGuestsAsync(GuestQuery query) =>
        ReadAsync(async c =>
        {
            var (where, p) = Filter(query);
            var rows = await Sql.QueryAsync(c, null,
                $"SELECT {GuestColumns} FROM guests g JOIN estates e ON e.id = g.estate_id {where} ORDER BY g.name, g.id LIMIT @limit OFFSET @offset",
                ReadGuest, [.. p, ("@limit", (long)query.Limit), ("@offset", (long)query.Offset)]);
            var held = (await Sql.QueryAsync(c, null,
                $"SELECT COUNT(*), COALESCE(SUM(g.vcpus), 0), COALESCE(SUM(g.memory_mib), 0), COALESCE(SUM(g.disk_mib), 0) FROM guests g {where}",
                r => new Held(r.Long(0), r.Long(1), Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture), Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture)),
                p))[0];
            return (rows, held);
        });

    /// <summary>The guest with this id (its last active day and window peak judged as <paramref name="query"/> says), or null.</summary>
    public async Task<GuestRecord?> GuestAsync(long id, GuestQuery query) =>
        (await ReadAsync(c =>
        {
            var (_, p) = Filter(query with { EstateId = null, State = null, Owner = null, Name = null, List = GuestList.All });
            return Sql.QueryAsync(c, null, $"SELECT {GuestColumns} FROM guests g JOIN estates e ON e.id = g.estate_id WHERE g.id = @id", ReadGuest, [.. p, ("@id", id)]);
        })).FirstOrDefault();

    /// <summary>A guest's measured CPU per day, in day order.</summary>
    public Task<List<ActivityDay>> GuestDaysAsync(long id) =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT day, samples, mean, peak FROM guest_days WHERE guest_id = @id ORDER BY day",
            r => new ActivityDay(Day(r.GetString(0))!.Value, (int)r.Long(1), Convert.ToDouble(r.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToDouble(r.GetValue(3), CultureInfo.InvariantCulture)), ("@id", id)));

    /// <summary>The names of an estate's retired guests, in name order: the planner leaves them out.</summary>
    public Task<List<string>> RetiredGuestNamesAsync(long estateId) =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT name FROM guests WHERE estate_id = @e AND state = @s ORDER BY name", r => r.GetString(0),
            ("@e", estateId), ("@s", GuestState.Retired)));

    /// <summary>Estates that have no guests (stored before the guests table existed), oldest first.</summary>
    public Task<List<long>> EstatesWithoutGuestsAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null, "SELECT e.id FROM estates e WHERE NOT EXISTS (SELECT 1 FROM guests g WHERE g.estate_id = e.id) ORDER BY e.id", r => r.Long(0)));

    /// <summary>Makes the guests of an estate stored before guests existed; audited as the console's.</summary>
    public Task AddGuestsAsync(long estateId, IReadOnlyList<NewGuest> guests) =>
        WriteAsync(ConsoleActor, "guest.import", async (c, tx) =>
        {
            await InsertGuestsAsync(c, tx, estateId, guests, ConsoleActor);
            return (0, $"estate #{estateId}", Detail("web.audit.guests-made", guests.Count));
        });

    private async Task InsertGuestsAsync(DbConnection c, DbTransaction tx, long estateId, IReadOnlyList<NewGuest> guests, string actor)
    {
        if (guests.Count == 0)
        {
            return;
        }

        await GuestsChangedAsync(c, tx);
        var now = Now();
        foreach (var chunk in guests.Chunk(50))
        {
            var sql = new StringBuilder("INSERT INTO guests (estate_id, name, vcpus, memory_mib, disk_mib, owner, purpose, created_on, expires_on, state, changed_by, changed_at) VALUES ");
            var p = new List<(string, object?)> { ("@e", estateId), ("@s", GuestState.Active), ("@by", actor), ("@at", now) };
            for (var i = 0; i < chunk.Length; i++)
            {
                var g = chunk[i];
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@e, @n{i}, @v{i}, @m{i}, @d{i}, @o{i}, @p{i}, @c{i}, @x{i}, @s, @by, @at)");
                p.AddRange([($"@n{i}", g.Name), ($"@v{i}", g.Vcpus), ($"@m{i}", g.MemoryMib), ($"@d{i}", g.DiskMib), ($"@o{i}", Blank(g.Owner)),
                    ($"@p{i}", Blank(g.Purpose)), ($"@c{i}", DayText(g.CreatedOn)), ($"@x{i}", DayText(g.ExpiresOn))]);
            }

            await Sql.ExecuteAsync(c, tx, sql.ToString(), [.. p]);
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>What came of a state change: done, no such guest, or not allowed from the guest's state.</summary>
    public enum GuestChange
    {
        /// <summary>Changed and audited.</summary>
        Done,

        /// <summary>There is no such guest.</summary>
        NotFound,

        /// <summary>The guest's state does not allow the change (retiring a retired guest, restoring an active one).</summary>
        Refused,
    }

    /// <summary>The states each action starts from, and the state it leads to.</summary>
    private static readonly Dictionary<string, (string[] From, string To)> Transitions = new(StringComparer.Ordinal)
    {
        ["mark"] = ([GuestState.Active], GuestState.Marked),
        ["retire"] = ([GuestState.Active, GuestState.Marked], GuestState.Retired),
        ["restore"] = ([GuestState.Marked, GuestState.Retired], GuestState.Active),
    };

    /// <summary>The actions <see cref="SetGuestStateAsync"/> knows: mark, retire, restore.</summary>
    public static IReadOnlyCollection<string> GuestActions => Transitions.Keys;

    /// <summary>Marks, retires or restores a guest (action mark, retire or restore) in one transaction with its audit row (guest.ACTION).</summary>
    public Task<GuestChange> SetGuestStateAsync(string actor, long id, string action)
    {
        var (from, to) = Transitions[action];
        return WriteAsync(actor, "guest." + action, async (c, tx) =>
        {
            var rows = await Sql.QueryAsync(c, tx, "SELECT name, state, estate_id FROM guests WHERE id = @id", r => (Name: r.GetString(0), State: r.GetString(1), Estate: r.Long(2)), ("@id", id));
            if (rows.Count == 0)
            {
                return (GuestChange.NotFound, $"guest #{id}", Refused(Detail("web.audit.no-guest")));
            }

            var (name, state, estate) = rows[0];
            var what = $"guest #{id} {name} of estate #{estate}";
            if (!from.Contains(state))
            {
                return (GuestChange.Refused, what, Refused(Detail("web.audit.guest-is", Word(state))));
            }

            await Sql.ExecuteAsync(c, tx, "UPDATE guests SET state = @to, changed_by = @by, changed_at = @at WHERE id = @id",
                ("@to", to), ("@by", actor), ("@at", Now()), ("@id", id));
            await GuestsChangedAsync(c, tx);
            return (GuestChange.Done, what, Detail("web.audit.change", Word(state), Word(to)));
        });
    }

    /// <summary>Sets a guest's owner, purpose and expiry date (empty text: none) in one transaction with its audit row (guest.edit).</summary>
    public Task<GuestChange> EditGuestAsync(string actor, long id, GuestEdit edit) =>
        WriteAsync(actor, "guest.edit", async (c, tx) =>
        {
            var rows = await Sql.QueryAsync(c, tx, "SELECT name, owner, purpose, expires_on FROM guests WHERE id = @id",
                r => (Name: r.GetString(0), Owner: r.TextOrNull(1), Purpose: r.TextOrNull(2), Expires: r.TextOrNull(3)), ("@id", id));
            if (rows.Count == 0)
            {
                return (GuestChange.NotFound, $"guest #{id}", Refused(Detail("web.audit.no-guest")));
            }

            var old = rows[0];
            var (owner, purpose, expires) = (Blank(edit.Owner), Blank(edit.Purpose), DayText(edit.ExpiresOn));
            var changes = new List<StoredText>();
            void Note(string field, string? before, string? after)
            {
                if (before != after)
                {
                    changes.Add(Detail("web.audit.field", field, (object?)before ?? Detail("web.audit.none"), (object?)after ?? Detail("web.audit.none")));
                }
            }

            Note("owner", old.Owner, owner);
            Note("purpose", old.Purpose, purpose);
            Note("expiry", old.Expires, expires);
            await Sql.ExecuteAsync(c, tx, "UPDATE guests SET owner = @o, purpose = @p, expires_on = @x, changed_by = @by, changed_at = @at WHERE id = @id",
                ("@o", owner), ("@p", purpose), ("@x", expires), ("@by", actor), ("@at", Now()), ("@id", id));
            await GuestsChangedAsync(c, tx);
            return (GuestChange.Done, $"guest #{id} {old.Name}", StoredText.Joined(changes) ?? Detail("web.audit.no-change"));
        });

    /// <summary>What a measurements upload did: series read, guests matched, days stored, and the series that match no guest.</summary>
    public sealed record MeasurementsStored(int Series, int Guests, int Days, IReadOnlyList<string> Unmatched);

    /// <summary>
    /// Stores measured days for the guests of an estate, matched by series name = guest name: for each matched guest the
    /// uploaded days replace the stored ones of the same days. One transaction with its audit row (guest.measurements).
    /// </summary>
    public Task<MeasurementsStored> AddMeasurementsAsync(string actor, long estateId, string fileName, IReadOnlyDictionary<string, IReadOnlyList<ActivityDay>> series) =>
        WriteAsync(actor, "guest.measurements", async (c, tx) =>
        {
            var ids = (await Sql.QueryAsync(c, tx, "SELECT name, id FROM guests WHERE estate_id = @e", r => (Name: r.GetString(0), Id: r.Long(1)), ("@e", estateId)))
                .ToDictionary(x => x.Name, x => x.Id, StringComparer.Ordinal);
            var unmatched = series.Keys.Where(k => !ids.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            var rows = new List<(long Guest, ActivityDay Day)>();
            foreach (var (name, days) in series)
            {
                if (ids.TryGetValue(name, out var guest))
                {
                    rows.AddRange(days.Select(d => (guest, d)));
                }
            }

            foreach (var chunk in rows.Chunk(100))
            {
                var delete = new StringBuilder("DELETE FROM guest_days WHERE ");
                var insert = new StringBuilder("INSERT INTO guest_days (guest_id, day, samples, mean, peak) VALUES ");
                var pd = new List<(string, object?)>();
                var pi = new List<(string, object?)>();
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (g, d) = chunk[i];
                    delete.Append(i == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(guest_id = @g{i} AND day = @d{i})");
                    insert.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@g{i}, @d{i}, @n{i}, @m{i}, @p{i})");
                    pd.AddRange([($"@g{i}", g), ($"@d{i}", Activity.Text(d.Day))]);
                    pi.AddRange([($"@g{i}", g), ($"@d{i}", Activity.Text(d.Day)), ($"@n{i}", (long)d.Samples), ($"@m{i}", d.Mean), ($"@p{i}", d.Peak)]);
                }

                await Sql.ExecuteAsync(c, tx, delete.ToString(), [.. pd]);
                await Sql.ExecuteAsync(c, tx, insert.ToString(), [.. pi]);
            }

            await GuestsChangedAsync(c, tx);
            var matched = series.Keys.Count(ids.ContainsKey);
            var stored = new MeasurementsStored(series.Count, matched, rows.Count, unmatched);
            return (stored, $"estate #{estateId}", unmatched.Count == 0
                ? Detail("web.audit.measurements", fileName, series.Count, matched, rows.Count)
                : Detail("web.audit.measurements-unmatched", fileName, series.Count, matched, rows.Count, string.Join(", ", unmatched.Take(10)) + (unmatched.Count > 10 ? ", …" : "")));
        });
}
