using System.Globalization;
using Shuyaku.Core.Model;

namespace Shuyaku.Core.Move;

/// <summary>The network plan, and for each route the moving servers whose wave decides when it is cut over.</summary>
/// <param name="Plan">Subnets, routes (wave 0 until the waves are known) and address-sensitive workloads.</param>
/// <param name="ServersOfRoute">Per route (by index in <see cref="NetworkPlan.Routes"/>), the moving servers of its subnet.</param>
internal sealed record NetworkResult(NetworkPlan Plan, IReadOnlyList<IReadOnlyList<string>> ServersOfRoute);

/// <summary>
/// What happens to each subnet when the servers move (docs/move-format.md, "Network"): moved whole, staying, or split
/// with its three options counted; the routes to change; and whether each address-sensitive workload keeps its address.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>The option kinds, in the order that breaks ties.</summary>
    public const string MoveRest = "move-rest", SplitPrefix = "split-prefix", Renumber = "renumber";

    /// <summary>The network plan of <paramref name="estate"/> moving under <paramref name="scope"/>.</summary>
    public static NetworkResult Plan(Estate estate, MoveScope scope)
    {
        var index = SubnetIndex.Build(estate);
        var dc = scope.DataCenter;
        var nextHop = estate.Sites.FirstOrDefault(s => s.Id == dc)?.Router ?? dc;
        var members = new Dictionary<V4Prefix, List<Server>>();
        var unrouted = new List<string>();
        foreach (var server in estate.Servers)
        {
            if (index.Of(server) is { } hit)
            {
                (members.TryGetValue(hit.Prefix, out var list) ? list : members[hit.Prefix] = []).Add(server);
            }
            else if (scope.MovingServers.Contains(server.Id) && server.Ip is not null)
            {
                unrouted.Add(server.Id);
            }
        }

        var subnets = new List<SubnetMove>();
        var routes = new List<RouteChange>();
        var routeServers = new List<IReadOnlyList<string>>();
        var cuts = new Dictionary<V4Prefix, (SubnetMove Move, SplitOption? Option, PrefixCover.Cut? Cut)>();
        var changes = unrouted.Count;
        foreach (var (prefix, subnet) in index.Entries.Where(e => e.Subnet.Site != dc))
        {
            var servers = members.GetValueOrDefault(prefix) ?? [];
            var moving = servers.Where(s => scope.MovingServers.Contains(s.Id)).ToList();
            var staying = servers.Where(s => !scope.MovingServers.Contains(s.Id)).ToList();
            var fate = moving.Count == 0 ? SubnetFate.Stays : staying.Count == 0 ? SubnetFate.Moved : SubnetFate.Split;
            IReadOnlyList<SplitOption> options = [];
            string? chosen = null;
            PrefixCover.Cut? cut = null;
            IReadOnlyList<string> toDc = fate == SubnetFate.Moved ? [prefix.ToString()] : [];
            if (fate == SubnetFate.Split)
            {
                (options, cut) = Options(prefix, moving, staying);
                var best = options.OrderBy(o => o.AddressChanges).First();
                chosen = best.Kind;
                changes += best.AddressChanges;
                toDc = best.Prefixes;
            }

            var move = new SubnetMove(prefix.ToString(), subnet.Site, fate, Ids(moving), Ids(staying), options, chosen);
            subnets.Add(move);
            cuts[prefix] = (move, options.FirstOrDefault(o => o.Kind == chosen), chosen == SplitPrefix ? cut : null);
            var whole = fate == SubnetFate.Moved || chosen == MoveRest;
            foreach (var p in whole && subnet.Ipv6Prefix is { } v6 ? toDc.Append(v6) : toDc)
            {
                routes.Add(new RouteChange(p, subnet.Site, dc, nextHop, 0));
                routeServers.Add(Ids(moving));
            }
        }

        var keeps = AddressKeeps(estate, scope, index, cuts);
        return new NetworkResult(new NetworkPlan(subnets, routes, keeps, changes), routeServers);
    }

    /// <summary>The three options of a split subnet, in tie-break order, and the split-prefix cut when there is one.</summary>
    private static (IReadOnlyList<SplitOption>, PrefixCover.Cut?) Options(V4Prefix prefix, List<Server> moving, List<Server> staying)
    {
        var options = new List<SplitOption>
        {
            new(MoveRest, 0, [], [prefix.ToString()],
                $"The staying server{(staying.Count == 1 ? "" : "s")} {Names(staying)} move{(staying.Count == 1 ? "s" : "")} to the data centre too, as {(staying.Count == 1 ? "it is" : "they are")}; the whole prefix is routed there and no address changes."),
        };
        var addressed = (List<Server> list) => list.Where(s => V4Prefix.ParseAddress(s.Ip) is not null).ToList();
        var m = addressed(moving);
        var t = addressed(staying);
        var cut = PrefixCover.Best(prefix, m.Select(s => V4Prefix.ParseAddress(s.Ip)!.Value).ToList(), t.Select(s => V4Prefix.ParseAddress(s.Ip)!.Value).ToList());
        if (cut is not null)
        {
            var changed = m.Where(s => !cut.RoutedToDataCenter(V4Prefix.ParseAddress(s.Ip)!.Value))
                .Concat(t.Where(s => cut.RoutedToDataCenter(V4Prefix.ParseAddress(s.Ip)!.Value))).ToList();
            var toDc = cut.ToDataCenter(prefix).Select(p => p.ToString()).ToList();
            options.Add(new SplitOption(SplitPrefix, changed.Count, Ids(changed), toDc,
                $"The subnet is cut at {cut.Block}; {string.Join(", ", toDc)} {(toDc.Count == 1 ? "is" : "are")} routed to the data centre; " +
                (changed.Count == 0 ? "no address changes." : $"{Names(changed)} change{(changed.Count == 1 ? "s" : "")} address.")));
        }

        options.Add(new SplitOption(Renumber, m.Count, Ids(m), [],
            $"The subnet stays at its site; the moving server{(moving.Count == 1 ? "" : "s")} take{(moving.Count == 1 ? "s" : "")} data-centre addresses" +
            (m.Count == 0 ? " (none has an address given)." : $": {Names(m)}.")));
        return (options, cut);
    }

    private static List<AddressKeep> AddressKeeps(Estate estate, MoveScope scope, SubnetIndex index, Dictionary<V4Prefix, (SubnetMove Move, SplitOption? Option, PrefixCover.Cut? Cut)> fates)
    {
        var keeps = new List<AddressKeep>();
        foreach (var w in estate.Workloads.Where(w => w.AddressSensitive))
        {
            var address = w.Ip ?? estate.FindServer(w.Server)?.Ip;
            if (address is null)
            {
                keeps.Add(new AddressKeep(w.Id, "", false, "no address is given for it or its server, so none can be kept: give its ip"));
                continue;
            }

            if (!scope.Moves(w.Id))
            {
                keeps.Add(new AddressKeep(w.Id, address, true, "it is at the data centre already"));
                continue;
            }

            var v4 = V4Prefix.ParseAddress(address);
            if (v4 is null || index.Find(v4.Value) is not { } hit)
            {
                keeps.Add(new AddressKeep(w.Id, address, false, "its address is in no known subnet, so no route can follow it: it changes"));
                continue;
            }

            if (!fates.TryGetValue(hit.Prefix, out var fate))
            {
                keeps.Add(new AddressKeep(w.Id, address, true, $"subnet {hit.Prefix} is at the data centre already"));
                continue;
            }

            keeps.Add(fate.Move.Fate switch
            {
                SubnetFate.Moved => new AddressKeep(w.Id, address, true, $"subnet {hit.Prefix} moves whole to the data centre"),
                SubnetFate.Stays => new AddressKeep(w.Id, address, false, $"subnet {hit.Prefix} stays at site '{fate.Move.Site}' while the workload moves: it takes a data-centre address"),
                _ when fate.Move.Chosen == MoveRest => new AddressKeep(w.Id, address, true, $"subnet {hit.Prefix} is split; the chosen option moves the rest of it too"),
                _ when fate.Cut is { } cut && cut.RoutedToDataCenter(v4.Value) => new AddressKeep(w.Id, address, true, $"subnet {hit.Prefix} is split at {cut.Block}; its part holding the address is routed to the data centre"),
                _ => new AddressKeep(w.Id, address, false, $"subnet {hit.Prefix} is split and the chosen option ({fate.Move.Chosen}) leaves this address behind: it changes"),
            });
        }

        return keeps;
    }

    private static List<string> Ids(List<Server> servers) => servers.Select(s => s.Id).ToList();

    private static string Names(List<Server> servers) => string.Join(", ", servers.Select(s => $"'{s.Id}'"));

    /// <summary>Invariant text of a count, for messages.</summary>
    internal static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
