using System.Diagnostics;
using System.Text;

namespace Shuyaku.Core.Benchmarks.Access;

/// <summary>A daemon started in the foreground for one test and killed (with its children) when disposed.</summary>
internal sealed class Daemon : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public Daemon(string binary, params string[] args)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the daemon printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    /// <summary>Kills the daemon at once (SIGKILL, no goodbye) and waits for it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(5000);
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }
}

/// <summary>Bounded waiting: every loop of these tests ends after a count or a time.</summary>
internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every <paramref name="stepMs"/> until it holds or <paramref name="limitMs"/> passed; the elapsed ms, or null.</summary>
    public static long? Until(Func<bool> condition, int limitMs, int stepMs = 20)
    {
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < limitMs)
        {
            if (condition())
            {
                return clock.ElapsedMilliseconds;
            }

            Thread.Sleep(stepMs);
        }

        return condition() ? clock.ElapsedMilliseconds : null;
    }
}
