using System.Net;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;
using Shuyaku.Web.Tests.Support;

namespace Shuyaku.Web.Tests.Storage;

/// <summary>
/// kill -9 of the real <c>shuyaku serve</c> in the middle of a loop of uploads, on SQLite and on the private PostgreSQL
/// server: every upload it acknowledged is there after a restart on the same database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KillTests(PostgresServer postgres)
{
    /// <summary>Uploads the loop makes at most; it stops earlier, at the kill.</summary>
    private const int MaxUploads = 40;

    [Fact]
    public async Task On_sqlite_estates_acknowledged_before_a_kill_9_in_the_middle_of_uploads_are_there_after_a_restart()
    {
        using var folder = new TempFolder();
        await KillInTheMiddleOfUploadsAsync(folder.Path, "--db", folder.File("console.db"));
    }

    [PostgresFact]
    public async Task On_postgres_estates_acknowledged_before_a_kill_9_in_the_middle_of_uploads_are_there_after_a_restart()
    {
        using var folder = new TempFolder();
        await KillInTheMiddleOfUploadsAsync(folder.Path, "--postgres", postgres.NewDatabase()().ConnectionString);
    }

    private static async Task KillInTheMiddleOfUploadsAsync(string folder, params string[] database)
    {
        var example = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "tdu-2006", "estate.yaml"));
        string Estate(int i) => example.Replace("name: University", $"name: Estate {i}, University", StringComparison.Ordinal);
        var acknowledged = new List<(int Upload, long Id)>();

        // Given the real server and a loop of uploads; SIGKILL once three are acknowledged (302 to their page), while the next is on its way
        await using (var first = await ServeProcess.StartAsync(folder, database))
        {
            first.Token.ShouldNotBeNull();
            using var client = new ConsoleClient(first.BaseUrl);
            (await client.SetupAsync(first.Token!, ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            (await client.LoginAsync(ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var writer = Task.Run(async () =>
            {
                for (var i = 1; i <= MaxUploads; i++)
                {
                    try
                    {
                        using var response = await client.UploadAsync($"estate-{i}.yaml", Estate(i));
                        if (response.StatusCode == HttpStatusCode.Redirect)
                        {
                            lock (acknowledged)
                            {
                                acknowledged.Add((i, ConsoleClient.IdFrom(response)));
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return i; // the server is gone: this upload was not acknowledged
                    }
                }

                return MaxUploads + 1;
            });
            for (var wait = 0; wait < 1200 && Count(acknowledged) < 3 && !writer.IsCompleted; wait++)
            {
                await Task.Delay(50);
            }

            Count(acknowledged).ShouldBeGreaterThanOrEqualTo(3, "three uploads acknowledged within a minute");
            first.Kill9();
            (await writer.WaitAsync(TimeSpan.FromSeconds(90))).ShouldBeLessThanOrEqualTo(MaxUploads, "the loop was still uploading at the kill");
        }

        // When it starts again on the same database
        await using var second = await ServeProcess.StartAsync(folder, database);

        // Then every acknowledged estate is there with its name, and the admin too (so no new set-up token)
        second.Token.ShouldBeNull();
        second.Output.ShouldContain($"schema version {Migrations.Latest}.");
        using var again = new ConsoleClient(second.BaseUrl);
        (await again.LoginAsync(ConsoleHost.AdminName, ConsoleHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        acknowledged.Select(a => a.Upload).ShouldBe(Enumerable.Range(1, acknowledged.Count));
        foreach (var (upload, id) in acknowledged)
        {
            (await again.TextAsync($"/estates/{id}")).ShouldContain($"Estate {upload}, University core network services");
        }
    }

    private static int Count(List<(int, long)> acknowledged)
    {
        lock (acknowledged)
        {
            return acknowledged.Count;
        }
    }
}
