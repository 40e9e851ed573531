using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Shuyaku.Web.Tests.Support;

/// <summary>
/// A private PostgreSQL server for the tests: initdb into a temp folder as the postgres user, listening on 127.0.0.1
/// and a free port only, stopped and deleted on dispose. Needs Debian's postgresql package and root (to run as postgres).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly string? Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
        : null;

    private readonly string _folder;
    private int _databases;
    private bool _stopped;


    /// <summary>Why the server cannot run here, or null when it can.</summary>
    public static string? Unavailable =>
        Bin is null ? "PostgreSQL is not installed: apt-get install -y postgresql (listed in .ci/apt-packages) to run the PostgreSQL tests."
        : Environment.UserName != "root" ? "the PostgreSQL tests start a private server as the postgres user, which needs root."
        : null;

    public PostgresServer()
    {
        if (Unavailable is not null)
        {
            _folder = "";
            return;
        }

        RemoveStopped();
        _folder = Path.Combine(Path.GetTempPath(), "shuyaku-pg-" + Environment.ProcessId + "-" + Environment.TickCount64);
        Directory.CreateDirectory(_folder);
        Run("chown", "postgres", _folder);
        Port = FreePort();
        Run("runuser", "-u", "postgres", "--", Path.Combine(Bin!, "initdb"), "-D", Path.Combine(_folder, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
        Run("runuser", "-u", "postgres", "--", Path.Combine(Bin!, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "log"), "-w", "-t", "60",
            "-o", $"-h 127.0.0.1 -p {Port} -k {_folder} -F", "start");
    }

    public int Port { get; }

    /// <summary>A new, empty database on the server.</summary>
    public DatabaseOptionsFactory NewDatabase() => () =>
    {
        var name = $"t{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        return Shuyaku.Web.Storage.DatabaseOptions.Postgres(ConnectionString(name));
    };

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    public void Dispose()
    {
        if (_folder.Length == 0 || _stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            Run("runuser", "-u", "postgres", "--", Path.Combine(Bin!, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Shouldly.ShouldAssertException)
        {
            // Best effort: a leftover temp folder is harmless (the next run deletes it), and the server was told to stop.
        }
    }

    /// <summary>
    /// Deletes the folders of earlier runs whose server has stopped (no postmaster.pid): the test host may end before
    /// the folder of the server it stopped is deleted. A running server's folder is left alone.
    /// </summary>
    private static void RemoveStopped()
    {
        foreach (var old in Directory.GetDirectories(Path.GetTempPath(), "shuyaku-pg-*"))
        {
            if (!File.Exists(Path.Combine(old, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(old, recursive: true);
                }
                catch (IOException)
                {
                    // Another run may be deleting it too.
                }
            }
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit(120_000).ShouldBeTrue($"{file} {string.Join(" ", args)} did not end in two minutes");
        process.ExitCode.ShouldBe(0, $"{file} {string.Join(" ", args)}: {output.Result}{error.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Makes a new empty database.</summary>
public delegate Shuyaku.Web.Storage.DatabaseOptions DatabaseOptionsFactory();

/// <summary>A test that needs <see cref="PostgresServer"/>; skipped, saying why, when it cannot run here.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.Unavailable is { } why)
        {
            Skip = why;
        }
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/>, which xunit stops when they are done.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
