using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Shuyaku.Access.Tests.Support;

/// <summary>A network namespace made for one test (ip netns add) and deleted when disposed.</summary>
internal sealed partial class Netns : IDisposable
{
    private static int _made;

    public Netns()
    {
        Name = $"shuyaku{Environment.ProcessId}x{Interlocked.Increment(ref _made)}";
        Ip("netns", "add", Name);
        Exec("ip", "link", "set", "lo", "up");
    }

    public string Name { get; }

    /// <summary>Runs ip with <paramref name="args"/> on the host; throws with its output when it fails.</summary>
    public static string Ip(params string[] args) => Run("/usr/sbin/ip", args);

    /// <summary>Runs <paramref name="command"/> inside the namespace; throws with its output when it fails.</summary>
    public string Exec(string command, params string[] args) => Run("/usr/sbin/ip", ["netns", "exec", Name, command, .. args]);

    /// <summary>Whether namespaces can be made here; the reason when not.</summary>
    public static string? Unavailable()
    {
        try
        {
            using var probe = new Netns();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    public static string Run(string binary, string[] args)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(15_000))
        {
            p.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{binary} {string.Join(' ', args)} did not finish in 15 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Runs <paramref name="work"/> on a thread of its own that has entered the namespace (sockets it opens live there).</summary>
    public T Inside<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/run/netns/{Name}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {Name} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join(60_000).ShouldBeTrue("the work inside the namespace did not end within 60 s");
        if (failure is not null)
        {
            throw new InvalidOperationException("inside " + Name, failure);
        }

        return result;
    }

    private const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nstype);

    public void Dispose()
    {
        try
        {
            Ip("netns", "del", Name);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
