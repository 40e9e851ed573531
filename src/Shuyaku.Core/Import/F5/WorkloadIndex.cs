using System.Net;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Import.F5;

/// <summary>
/// The estate's workloads by the address the access section gives them: the workload's own ip, else its server's ip
/// (or IPv6 address). Without an estate it finds nothing.
/// </summary>
internal sealed class WorkloadIndex
{
    private readonly Dictionary<IPAddress, List<string>> _byAddress = [];

    /// <summary>An index of <paramref name="estate"/>'s workloads; an empty one when it is null.</summary>
    public WorkloadIndex(Estate? estate)
    {
        Active = estate is not null;
        foreach (var w in estate?.Workloads ?? [])
        {
            var server = estate!.FindServer(w.Server);
            foreach (var text in new[] { w.Ip ?? server?.Ip, server?.Ipv6 })
            {
                if (text is not null && F5Endpoint.ParseAddress(text) is { } a)
                {
                    (_byAddress.TryGetValue(a, out var ids) ? ids : _byAddress[a] = []).Add(w.Id);
                }
            }
        }
    }

    /// <summary>Whether an estate was given, so that an address matching no workload is worth a warning.</summary>
    public bool Active { get; }

    /// <summary>The one workload at <paramref name="address"/>, or null; <paramref name="ambiguous"/> lists the workloads when several share it.</summary>
    public string? Find(IPAddress address, out string? ambiguous)
    {
        ambiguous = null;
        if (!_byAddress.TryGetValue(address, out var ids))
        {
            return null;
        }

        if (ids.Count == 1)
        {
            return ids[0];
        }

        ambiguous = string.Join(", ", ids);
        return null;
    }
}
