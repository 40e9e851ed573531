using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Api;

/// <summary>The API's changes of estates, plans and users (<see cref="ManagementApiTests"/>) on PostgreSQL, as on SQLite.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresManagementApiTests(PostgresServer postgres)
{
    [PostgresFact]
    public Task On_postgres_a_viewer_gets_403_and_an_anonymous_caller_401_on_every_write_and_nothing_changes() =>
        ManagementApiTests.RefusedWritesAsync(postgres.NewDatabase()());

    [PostgresFact]
    public Task On_postgres_an_operator_uploads_an_estate_and_plans_it_and_a_file_with_errors_answers_422() =>
        ManagementApiTests.OperatorWritesAsync(postgres.NewDatabase()());

    [PostgresFact]
    public Task On_postgres_an_admin_adds_a_user_changes_its_role_and_removes_it_and_the_last_admin_stays() =>
        ManagementApiTests.UserChangesAsync(postgres.NewDatabase()());
}
