using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Tests.Support;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Tests.Support;

/// <summary>
/// The console running in the test process on 127.0.0.1 and a free port, over a SQLite file in a temp folder; stopped
/// and deleted on dispose. Plans use small fixed budgets so they end the same way on every run.
/// </summary>
internal sealed partial class ConsoleHost : IAsyncDisposable
{
    public const string AdminName = "ada";
    public const string Password = "correct horse battery";

    private readonly TempFolder _folder;
    private readonly WebApplication _app;

    private ConsoleHost(WebApplication app, ConsoleStore store, string output, string baseUrl, TempFolder folder)
    {
        _app = app;
        Store = store;
        Output = output;
        BaseUrl = baseUrl;
        _folder = folder;
    }

    public ConsoleStore Store { get; }

    /// <summary>The console's queue of what-ifs and moves, to hand the worker a job stored by the test.</summary>
    public Shuyaku.Web.Planning.JobQueue Jobs => _app.Services.GetRequiredService<Shuyaku.Web.Planning.JobQueue>();

    /// <summary>The console's kept views of done plans, to see how often it read a plan back.</summary>
    public Shuyaku.Web.Pages.PlanViews Views => _app.Services.GetRequiredService<Shuyaku.Web.Pages.PlanViews>();

    /// <summary>The SQLite file of a console started without a database of the test's own, to write rows as an older console did.</summary>
    public string DatabaseFile => _folder.File("console.db");

    /// <summary>What the console printed at start.</summary>
    public string Output { get; }

    public string BaseUrl { get; }

    /// <summary>The one-time set-up token printed at start.</summary>
    public string Token => SetupTokenLine().Match(Output).Groups[1].Value;

    public static async Task<ConsoleHost> StartAsync(int loginAttemptsPerMinute = 1000, DatabaseOptions? database = null, TimeProvider? time = null, long? maxUploadBytes = null)
    {
        var folder = new TempFolder();
        var output = new StringWriter();
        var options = new ConsoleOptions
        {
            Database = database ?? DatabaseOptions.SqliteFile(folder.File("console.db")),
            Urls = "http://127.0.0.1:0",
            Output = output,
            LoginAttemptsPerMinute = loginAttemptsPerMinute,
            Time = time ?? TimeProvider.System,
            Search = () => new SolveOptions { TimeLimit = TimeSpan.FromSeconds(5), MaxIterations = 20_000 },
        };
        if (maxUploadBytes is { } max)
        {
            options = options with { MaxUploadBytes = max };
        }

        var app = await ConsoleApp.BuildAsync(options);
        await app.StartAsync();
        var store = new ConsoleStore(options.Database, TimeProvider.System);
        return new ConsoleHost(app, store, output.ToString(), ConsoleApp.Addresses(app).Single(), folder);
    }

    public ConsoleClient Client() => new(BaseUrl);

    /// <summary>Sets up the admin with the token and returns a client signed in as them.</summary>
    public async Task<ConsoleClient> AdminAsync()
    {
        var client = Client();
        (await client.SetupAsync(Token, AdminName, Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        (await client.LoginAsync(AdminName, Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>Waits (at most two minutes, polling the store) until a plan is no longer queued or running.</summary>
    public async Task<PlanRecord> PlannedAsync(long id)
    {
        for (var i = 0; i < 600; i++)
        {
            var plan = await Store.PlanAsync(id);
            if (plan is { Status: not (PlanStatus.Queued or PlanStatus.Running) })
            {
                return plan;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"plan {id} did not finish in two minutes");
    }

    /// <summary>Waits (at most two minutes, polling the store) until a what-if is no longer queued or running.</summary>
    public async Task<WhatIfRecord> AnsweredAsync(long id)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await Store.WhatIfAsync(id) is { Status: not (PlanStatus.Queued or PlanStatus.Running) } record)
            {
                return record;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"what-if {id} did not finish in two minutes");
    }

    /// <summary>Waits (at most two minutes, polling the store) until the move of a plan is no longer queued or running.</summary>
    public async Task<MoveRecord> MovedAsync(long planId)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await Store.MoveOfPlanAsync(planId) is { Status: not (PlanStatus.Queued or PlanStatus.Running) } record)
            {
                return record;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the move of plan {planId} did not finish in two minutes");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [GeneratedRegex(@"\b([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})$", RegexOptions.Multiline)]
    public static partial Regex SetupTokenLine();
}
