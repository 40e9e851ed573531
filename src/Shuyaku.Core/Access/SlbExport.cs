using Shuyaku.Core.Model;

namespace Shuyaku.Core.Access;

/// <summary>The files of an access layer: haproxy.cfg, nginx-stream.conf, dnsdist.conf, nftables.conf and one keepalived file per node.</summary>
public static class SlbExport
{
    /// <summary>
    /// Every file for <paramref name="access"/>, or the problems that forbid generating them (see <see cref="AccessSafety"/>).
    /// A daemon no service needs gets no file (nftables only when a UDP service has a connection rate).
    /// </summary>
    public static (IReadOnlyList<GeneratedFile> Files, IReadOnlyList<string> Problems) Generate(AccessLayer access, IReadOnlyList<string>? trackCommands = null)
    {
        var problems = AccessSafety.Problems(access);
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var files = new List<GeneratedFile>();
        if (access.Services.Any(s => s.IsTcp))
        {
            files.Add(HaproxyConfig.Render(access));
        }

        if (access.Services.Any(s => s.IsUdp))
        {
            files.Add(NginxStreamConfig.Render(access));
        }

        if (access.Services.Any(s => s.Protocol == ServiceProtocol.Dns))
        {
            files.Add(DnsdistConfig.Render(access));
        }

        if (access.Services.Any(s => s.IsUdp && s.Abuse?.ConnectionRate is not null))
        {
            files.Add(NftablesConfig.Render(access));
        }

        files.AddRange(access.Balancers.Select(b => KeepalivedConfig.Render(access, b, trackCommands)));
        return (files, []);
    }
}
