using System.Data.Common;
using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>Users: created, listed, found by name or id, given another role.</summary>
public sealed partial class ConsoleStore
{
    private const string UserColumns = "id, name, password_hash, role, created_by, created_at";

    private static UserRecord ReadUser(DbDataReader r) =>
        new(r.Long(0), r.GetString(1), r.GetString(2), Roles.Parse(r.GetString(3)) ?? Role.Viewer, r.GetString(4), r.ReadTime(5));

    /// <summary>How many users exist (none before set-up).</summary>
    public async Task<long> UserCountAsync() => await ReadAsync(c => Sql.ScalarAsync(c, null, "SELECT COUNT(*) FROM users")) ?? 0;

    /// <summary>Every user, by name.</summary>
    public Task<List<UserRecord>> UsersAsync() =>
        ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {UserColumns} FROM users ORDER BY name", ReadUser));

    /// <summary>The user with this name, or null.</summary>
    public async Task<UserRecord?> FindUserAsync(string name) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {UserColumns} FROM users WHERE name = @name", ReadUser, ("@name", name)))).FirstOrDefault();

    /// <summary>The user with this id, or null.</summary>
    public async Task<UserRecord?> FindUserAsync(long id) =>
        (await ReadAsync(c => Sql.QueryAsync(c, null, $"SELECT {UserColumns} FROM users WHERE id = @id", ReadUser, ("@id", id)))).FirstOrDefault();

    /// <summary>
    /// Creates a user; returns its id, or null when the name is taken. With <paramref name="onlyIfNone"/> the user is
    /// created only while there are no users at all (the set-up of the first admin), checked inside the transaction.
    /// </summary>
    public Task<long?> CreateUserAsync(string actor, string name, string passwordHash, Role role, bool onlyIfNone = false) =>
        WriteAsync<long?>(actor, "user.create", async (c, tx) =>
        {
            var taken = onlyIfNone
                ? await Sql.ScalarAsync(c, tx, "SELECT COUNT(*) FROM users") > 0
                : await Sql.ScalarAsync(c, tx, "SELECT COUNT(*) FROM users WHERE name = @name", ("@name", name)) > 0;
            if (taken)
            {
                return (null, $"user {name}", Refused(Detail(onlyIfNone ? "web.audit.users-exist" : "web.audit.name-taken")));
            }

            var id = await InsertAsync(c, tx, "INSERT INTO users (name, password_hash, role, created_by, created_at) VALUES (@name, @hash, @role, @by, @at)",
                ("@name", name), ("@hash", passwordHash), ("@role", role.Name()), ("@by", actor), ("@at", Now()));
            return (id, $"user {name}", Detail("web.audit.role", Word(role.Name())));
        });

    /// <summary>What came of a change of a user: done, no such user, or refused because it would leave no admin.</summary>
    public enum UserChange
    {
        /// <summary>Changed and audited.</summary>
        Done,

        /// <summary>There is no such user.</summary>
        NotFound,

        /// <summary>The user is the last admin: demoting or removing them would leave nobody to manage users (the refusal is audited).</summary>
        LastAdmin,
    }

    /// <summary>
    /// Gives a user another role, in one transaction with its audit row (user.role); refused when it would take the role
    /// admin from the last admin. Changes of users are serialised (the <c>users</c> counter is raised first), so two admins
    /// demoting each other at once cannot both succeed.
    /// </summary>
    public Task<UserChange> SetRoleAsync(string actor, long id, Role role) =>
        WriteAsync(actor, "user.role", async (c, tx) =>
        {
            var (user, lastAdmin) = await UserForChangeAsync(c, tx, id);
            if (user is null)
            {
                return (UserChange.NotFound, $"user #{id}", Refused(Detail("web.audit.no-user")));
            }

            if (lastAdmin && role != Role.Admin)
            {
                return (UserChange.LastAdmin, $"user {user.Value.Name}", Refused(Detail("web.audit.last-admin", user.Value.Name)));
            }

            await Sql.ExecuteAsync(c, tx, "UPDATE users SET role = @role WHERE id = @id", ("@role", role.Name()), ("@id", id));
            return (UserChange.Done, $"user {user.Value.Name}", Detail("web.audit.role-change", Word(user.Value.Role), Word(role.Name())));
        });

    /// <summary>Removes a user, in one transaction with its audit row (user.remove); refused for the last admin. Their sessions end at their next request.</summary>
    public Task<UserChange> RemoveUserAsync(string actor, long id) =>
        WriteAsync(actor, "user.remove", async (c, tx) =>
        {
            var (user, lastAdmin) = await UserForChangeAsync(c, tx, id);
            if (user is null)
            {
                return (UserChange.NotFound, $"user #{id}", Refused(Detail("web.audit.no-user")));
            }

            if (lastAdmin)
            {
                return (UserChange.LastAdmin, $"user {user.Value.Name}", Refused(Detail("web.audit.last-admin", user.Value.Name)));
            }

            await Sql.ExecuteAsync(c, tx, "DELETE FROM users WHERE id = @id", ("@id", id));
            return (UserChange.Done, $"user {user.Value.Name}", Detail("web.audit.role", Word(user.Value.Role)));
        });

    /// <summary>
    /// Inside a change of a user: raises the users counter first (a row lock on PostgreSQL, the write lock on SQLite), so
    /// such changes run one after the other and each sees the one before; then the user's name and role, and whether
    /// they are the only admin.
    /// </summary>
    private static async Task<((string Name, string Role)? User, bool LastAdmin)> UserForChangeAsync(DbConnection c, DbTransaction tx, long id)
    {
        await Sql.ExecuteAsync(c, tx, "UPDATE change_counters SET value = value + 1 WHERE name = @n", ("@n", "users"));
        var rows = await Sql.QueryAsync(c, tx, "SELECT name, role FROM users WHERE id = @id", r => (Name: r.GetString(0), Role: r.GetString(1)), ("@id", id));
        if (rows.Count == 0)
        {
            return (null, false);
        }

        var admins = await Sql.ScalarAsync(c, tx, "SELECT COUNT(*) FROM users WHERE role = @admin", ("@admin", Role.Admin.Name()));
        return (rows[0], rows[0].Role == Role.Admin.Name() && admins <= 1);
    }

    /// <summary>Records a sign-in or sign-out (or a refused one) in the audit log.</summary>
    public Task RecordAsync(string actor, string action, string obj, StoredText? detail) =>
        WriteAsync(actor, action, (_, _) => Task.FromResult((0, obj, detail)));
}
