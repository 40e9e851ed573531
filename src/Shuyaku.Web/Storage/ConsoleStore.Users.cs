using System.Data.Common;

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
                return (null, $"user {name}", "refused: " + (onlyIfNone ? "users exist already" : "the name is taken"));
            }

            var id = await InsertAsync(c, tx, "INSERT INTO users (name, password_hash, role, created_by, created_at) VALUES (@name, @hash, @role, @by, @at)",
                ("@name", name), ("@hash", passwordHash), ("@role", role.Name()), ("@by", actor), ("@at", Now()));
            return (id, $"user {name}", $"role {role.Name()}");
        });

    /// <summary>Gives a user another role; false when there is no such user.</summary>
    public Task<bool> SetRoleAsync(string actor, long id, Role role) =>
        WriteAsync(actor, "user.role", async (c, tx) =>
        {
            var names = await Sql.QueryAsync(c, tx, "SELECT name, role FROM users WHERE id = @id", r => (Name: r.GetString(0), Role: r.GetString(1)), ("@id", id));
            if (names.Count == 0)
            {
                return (false, $"user #{id}", "refused: no such user");
            }

            await Sql.ExecuteAsync(c, tx, "UPDATE users SET role = @role WHERE id = @id", ("@role", role.Name()), ("@id", id));
            return (true, $"user {names[0].Name}", $"role {names[0].Role} -> {role.Name()}");
        });

    /// <summary>Records a sign-in or sign-out (or a refused one) in the audit log.</summary>
    public Task RecordAsync(string actor, string action, string obj, string detail) =>
        WriteAsync(actor, action, (_, _) => Task.FromResult((0, obj, detail)));
}
