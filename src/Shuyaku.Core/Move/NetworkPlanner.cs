using System.Globalization;
using Shuyaku.Core.Localization;
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
                Texts.Phrase(staying.Count == 1 ? "move.note.move-rest.one" : "move.note.move-rest.other", Names(staying)).English),
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
                Texts.Phrase($"move.note.split-prefix.{(toDc.Count == 1 ? "one" : "other")}.{(changed.Count switch { 0 => "none", 1 => "one", _ => "other" })}", cut.Block, string.Join(", ", toDc), Names(changed)).English));
        }

        options.Add(new SplitOption(Renumber, m.Count, Ids(m), [],
            Texts.Phrase($"move.note.renumber.{(moving.Count == 1 ? "one" : "other")}.{(m.Count == 0 ? "none" : "some")}", Names(m)).English));
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
                keeps.Add(new AddressKeep(w.Id, "", false, Texts.Phrase("move.address.none").English));
                continue;
            }

            if (!scope.Moves(w.Id))
            {
                keeps.Add(new AddressKeep(w.Id, address, true, Texts.Phrase("move.address.at-dc").English));
                continue;
            }

            var v4 = V4Prefix.ParseAddress(address);
            if (v4 is null || index.Find(v4.Value) is not { } hit)
            {
                keeps.Add(new AddressKeep(w.Id, address, false, Texts.Phrase("move.address.no-subnet").English));
                continue;
            }

            if (!fates.TryGetValue(hit.Prefix, out var fate))
            {
                keeps.Add(new AddressKeep(w.Id, address, true, Texts.Phrase("move.address.subnet-at-dc", hit.Prefix).English));
                continue;
            }

            keeps.Add(fate.Move.Fate switch
            {
                SubnetFate.Moved => new AddressKeep(w.Id, address, true, Texts.Phrase("move.address.moved", hit.Prefix).English),
                SubnetFate.Stays => new AddressKeep(w.Id, address, false, Texts.Phrase("move.address.stays", hit.Prefix, fate.Move.Site).English),
                _ when fate.Move.Chosen == MoveRest => new AddressKeep(w.Id, address, true, Texts.Phrase("move.address.move-rest", hit.Prefix).English),
                _ when fate.Cut is { } cut && cut.RoutedToDataCenter(v4.Value) => new AddressKeep(w.Id, address, true, Texts.Phrase("move.address.routed", hit.Prefix, cut.Block).English),
                _ => new AddressKeep(w.Id, address, false, Texts.Phrase("move.address.left", hit.Prefix, fate.Move.Chosen).English),
            });
        }

        return keeps;
    }

    private static List<string> Ids(List<Server> servers) => servers.Select(s => s.Id).ToList();

    private static string Names(List<Server> servers) => string.Join(", ", servers.Select(s => $"'{s.Id}'"));

    /// <summary>Invariant text of a count, for messages.</summary>
    internal static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
