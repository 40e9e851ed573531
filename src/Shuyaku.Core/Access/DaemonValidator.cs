using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Access;

/// <summary>What one daemon said of one generated file.</summary>
/// <param name="File">The file checked.</param>
/// <param name="Daemon">The daemon's binary, or null when it is not installed and the file was not checked.</param>
/// <param name="Valid">Whether the daemon accepted the file (false also when it was not checked).</param>
/// <param name="Errors">
/// Its error lines, each with the estate element that produced the line named, if known: the daemon's own words (as it
/// wrote them) and ours around them, in the reader's language.
/// </param>
public sealed record DaemonVerdict(string File, string? Daemon, bool Valid, IReadOnlyList<string> Errors);

/// <summary>
/// Checks generated files with the daemons that will run them, when installed: <c>haproxy -c</c>, <c>nginx -t</c>,
/// <c>dnsdist --check-config</c>, <c>keepalived -t</c>, <c>nft -c</c>. A line number in an error is mapped back to the
/// virtual service or balancer that produced the line.
/// </summary>
public static partial class DaemonValidator
{
    /// <summary>How long one check may take before it is stopped and counted as failed.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Where the daemons are looked for, in order.</summary>
    public static readonly string[] SearchPath = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>The full path of <paramref name="binary"/>, or null when it is not installed.</summary>
    public static string? Find(string binary) =>
        SearchPath.Select(d => Path.Combine(d, binary)).FirstOrDefault(File.Exists);

    /// <summary>The daemon that checks a file of this name.</summary>
    public static string DaemonFor(string fileName) => fileName switch
    {
        HaproxyConfig.FileName => "haproxy",
        NginxStreamConfig.FileName => "nginx",
        DnsdistConfig.FileName => "dnsdist",
        NftablesConfig.FileName => "nft",
        _ => "keepalived",
    };

    /// <summary>Checks <paramref name="file"/>, written at <paramref name="path"/>, with its daemon; <paramref name="scratch"/> is a folder for nginx's pid.</summary>
    public static DaemonVerdict Check(GeneratedFile file, string path, string scratch)
    {
        var daemon = DaemonFor(file.Name);
        var binary = Find(daemon);
        if (binary is null)
        {
            return new DaemonVerdict(file.Name, null, false, []);
        }

        string[] args = daemon switch
        {
            "haproxy" => ["-c", "-f", path],
            "nginx" => ["-t", "-q", "-c", path, "-p", scratch + "/", "-e", "stderr", "-g", $"pid {Path.Combine(scratch, "nginx.pid")};"],
            "dnsdist" => ["--check-config", "-C", path],
            "nft" => ["-c", "-f", path],
            _ => ["-t", "-l", "-n", "-f", path],
        };
        // nginx -t binds its listeners: run it in a network namespace of its own that may bind the virtual addresses.
        if (daemon == "nginx" && Environment.IsPrivilegedProcess && Find("unshare") is { } unshare)
        {
            args = ["-n", "/bin/sh", "-c", NonLocalBind, binary, .. args];
            binary = unshare;
        }

        var (code, output) = Run(binary, args);
        binary = Find(daemon)!;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.Contains("[NOTICE]", StringComparison.Ordinal) && !l.StartsWith("Configuration OK", StringComparison.Ordinal)
                        && !l.Contains("Configuration file is valid", StringComparison.Ordinal) && !l.Contains("syntax is ok", StringComparison.Ordinal))
            .Select(l => Explain(file, l)).ToList();
        return new DaemonVerdict(file.Name, binary, code == 0, code == 0 ? [] : lines);
    }

    /// <summary>The error line with the estate element of the line it names, when it names one.</summary>
    public static string Explain(GeneratedFile file, string line)
    {
        var m = LineNumber().Match(line);
        if (!m.Success)
        {
            return line;
        }

        var number = int.Parse(m.Groups.Values.Skip(1).First(g => g.Success).Value, CultureInfo.InvariantCulture);
        return file.OriginOf(number) is { } origin ? Texts.Format("access.daemon.from", line, origin, number, file.Name) : line;
    }

    private const string NonLocalBind =
        "echo 1 > /proc/sys/net/ipv4/ip_nonlocal_bind && echo 1 > /proc/sys/net/ipv6/ip_nonlocal_bind && exec \"$0\" \"$@\"";

    [GeneratedRegex(@"\[[^\]\s]*?:(\d+)\]| in \S+:(\d+)|""chunk""\]:(\d+)|^[^\s:]+:(\d+):\d+|Line (\d+)\)")]
    private static partial Regex LineNumber();

    private static (int Code, string Output) Run(string binary, string[] args)
    {
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, Texts.Format("access.daemon.timeout", Path.GetFileName(binary), Timeout.TotalSeconds));
        }

        return (process.ExitCode, stdout.Result + "\n" + stderr.Result);
    }
}
