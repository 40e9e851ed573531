using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Shuyaku.Web.Localization;

namespace Shuyaku.Web.Storage;

/// <summary>
/// A private PostgreSQL server for tests and <c>shuyaku bench console --pg-auto</c>: initdb into a temp folder as the
/// postgres user, listening on 127.0.0.1 and a free port only, stopped and deleted on dispose. Needs Debian's
/// postgresql package and root (to run as postgres).
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private static readonly string? Bin = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault()
        : null;

    private readonly string _folder;
    private bool _stopped;

    /// <summary>Why the server cannot run here, or null when it can.</summary>
    public static string? Unavailable =>
        Bin is null ? Texts.Get("web.postgres.not-installed")
        : Environment.UserName != "root" ? Texts.Get("web.postgres.needs-root")
        : null;

    /// <summary>Starts the server; throws <see cref="InvalidOperationException"/> when it cannot (see <see cref="Unavailable"/>) or a step fails.</summary>
    public PrivatePostgres()
    {
        if (Unavailable is { } why)
        {
            throw new InvalidOperationException(why);
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

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>
    /// Creates an empty database named <paramref name="name"/> (letters and digits) and returns its connection string,
    /// with Npgsql's connection pool when <paramref name="pooling"/> (as a deployment would run) or without (tests, which drop databases).
    /// </summary>
    public string CreateDatabase(string name, bool pooling = false)
    {
        if (!name.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(Texts.Get("web.postgres.database-name"), nameof(name));
        }

        using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            create.ExecuteNonQuery();
        }

        return ConnectionString(name, pooling);
    }

    private string ConnectionString(string database, bool pooling = false) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling={(pooling ? "true" : "false")}";

    /// <summary>Stops the server and deletes its folder (best effort).</summary>
    public void Dispose()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        try
        {
            Run("runuser", "-u", "postgres", "--", Path.Combine(Bin!, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "stop");
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Best effort: a leftover temp folder is harmless (the next run deletes it), and the server was told to stop.
        }
    }

    /// <summary>Deletes the folders of earlier runs whose server has stopped (no postmaster.pid); a running server's folder is left alone.</summary>
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
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new InvalidOperationException(Texts.Format("web.postgres.timeout", file, string.Join(" ", args)));
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(Texts.Format("web.postgres.failed", file, string.Join(" ", args), process.ExitCode, output.Result + error.Result));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
