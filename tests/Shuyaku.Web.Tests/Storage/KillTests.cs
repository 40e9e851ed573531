using System.Net;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

public sealed class KillTests
{
    [Fact]
    public async Task Estates_acknowledged_before_a_kill_9_of_shuyaku_serve_are_there_after_a_restart_on_the_same_database()
    {
        using var folder = new TempFolder();
        var database = folder.File("console.db");
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        var acknowledged = new List<long>();

        // Given the real server, three estates uploaded and acknowledged (302 to their page), then SIGKILL at once
        await using (var first = await ServeProcess.StartAsync(database))
        {
            first.Token.ShouldNotBeNull();
            using var client = new ConsoleClient(first.BaseUrl);
            (await client.SetupAsync(first.Token!, ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await client.LoginAsync(ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            for (var i = 1; i <= 3; i++)
            {
                acknowledged.Add(ConsoleClient.IdFrom(await client.UploadAsync($"estate-{i}.yaml", example.Replace("name: University", $"name: Estate {i}, University", StringComparison.Ordinal))));
            }

            first.Kill9();
        }

        // When it starts again on the same file
        await using var second = await ServeProcess.StartAsync(database);

        // Then every acknowledged estate is there, and the admin too (so no new set-up token)
        second.Token.ShouldBeNull();
        second.Output.ShouldContain($"schema version {Migrations.Latest}.");
        using var again = new ConsoleClient(second.BaseUrl);
        (await again.LoginAsync(ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        acknowledged.ShouldBe([1, 2, 3]);
        foreach (var id in acknowledged)
        {
            (await again.TextAsync($"/estates/{id}")).ShouldContain($"Estate {id}, University core network services");
        }
    }
}
