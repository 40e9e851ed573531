using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Shuyaku.Web.Tests.Support;

/// <summary>
/// The real <c>shuyaku serve</c> (the built CLI beside the tests, run by <c>dotnet</c>) on 127.0.0.1 and a free port;
/// killed on dispose if still running.
/// </summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ServeProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join("\n", _lines);
            }
        }
    }

    public string? Token => ConsoleHost.SetupTokenLine().Match(Output) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Starts <c>shuyaku serve --db DATABASE</c> in the database's folder.</summary>
    public static Task<ServeProcess> StartAsync(string database) => StartAsync(Path.GetDirectoryName(database)!, "--db", database);

    /// <summary>Starts <c>shuyaku serve</c> in <paramref name="folder"/> with the database options <paramref name="databaseArgs"/> (<c>--db PATH</c> or <c>--postgres CONNSTRING</c>).</summary>
    public static async Task<ServeProcess> StartAsync(string folder, params string[] databaseArgs)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "shuyaku.dll"), "serve", .. databaseArgs, "--urls", baseUrl])
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var serve = new ServeProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => serve.Add(e.Data);
        process.ErrorDataReceived += (_, e) => serve.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 600 && !serve.Output.Contains("Shuyaku console listening on", StringComparison.Ordinal); i++)
        {
            process.HasExited.ShouldBeFalse($"shuyaku serve exited with {(process.HasExited ? process.ExitCode : 0)}: {serve.Output}");
            await Task.Delay(100);
        }

        serve.Output.ShouldContain($"Shuyaku console listening on {baseUrl}");
        return serve;
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }

    /// <summary>SIGKILL: the process gets no chance to flush or close anything.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000).ShouldBeTrue();
        _process.ExitCode.ShouldBe(137, "128 + SIGKILL (9)");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
