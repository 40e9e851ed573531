using System.Globalization;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Move;

/// <summary>The independent re-check of a move plan (docs/move-format.md, "Verification").</summary>
public static partial class MovePlanner
{
    /// <summary>Tolerance when recorded loads are compared with recomputed ones, in Mbps.</summary>
    private const double LoadTolerance = 1e-6;

    /// <summary>
    /// Everything <paramref name="move"/> breaks, recomputed from the estate: the waves (by <see cref="WaveChecker"/>),
    /// routes cut over before their last server moves, the address changes recounted from the routes, and every link's
    /// load recomputed and tested against its limit. Empty when the move is sound.
    /// </summary>
    public static IReadOnlyList<MoveViolation> Verify(Estate estate, Plan plan, MovePlan move)
    {
        if (estate.Sites.All(s => s.Id != move.DataCenter))
        {
            return [new MoveViolation("data-centre", Texts.Phrase("move.v.data-centre", move.DataCenter).English)];
        }

        var violations = new List<MoveViolation>();
        if (move.HostModel.Length > 0 && move.HostModel != plan.HostModel)
        {
            violations.Add(new MoveViolation("plan", Texts.Phrase("move.v.plan-model", move.HostModel, plan.HostModel).English));
        }

        violations.AddRange(WaveChecker.Check(estate, move.Waves, move.DataCenter));
        var scope = new MoveScope(estate, move.DataCenter);
        violations.AddRange(RouteTiming(estate, scope, move));
        violations.AddRange(AddressCount(estate, scope, move));
        violations.AddRange(WanRecount(estate, scope, move));
        return violations;
    }

    /// <summary>Each route is cut over no earlier than the last wave moving a moving server inside its prefix, and that wave lists it.</summary>
    private static List<MoveViolation> RouteTiming(Estate estate, MoveScope scope, MovePlan move)
    {
        var violations = new List<MoveViolation>();
        var waveOf = WaveOf(move.Waves);
        foreach (var route in move.Network.Routes)
        {
            var prefix = V4Prefix.Parse(route.Prefix);
            var inside = prefix is null ? [] : estate.Servers
                .Where(s => scope.MovingServers.Contains(s.Id) && V4Prefix.ParseAddress(s.Ip) is { } a && prefix.Value.Contains(a)).ToList();
            foreach (var s in inside.Where(s => waveOf.GetValueOrDefault(s.Id) > route.Wave))
            {
                violations.Add(new MoveViolation("route", Texts.Phrase("move.v.route-late", route.Prefix, route.ToSite, route.Wave, s.Id, waveOf[s.Id]).English));
            }

            if (route.Wave > 0 && move.Waves.FirstOrDefault(w => w.Number == route.Wave) is { } wave && !wave.Routes.Contains(route.Prefix))
            {
                violations.Add(new MoveViolation("route", Texts.Phrase("move.v.route-unlisted", route.Prefix, route.Wave).English));
            }
        }

        return violations;
    }

    /// <summary>
    /// Address changes recounted from the routes: a moving server with an IPv4 address in no prefix routed to the data
    /// centre (nor in a subnet there already) changes; so does a staying server inside a routed prefix, unless its
    /// subnet's chosen option moves the rest too.
    /// </summary>
    private static List<MoveViolation> AddressCount(Estate estate, MoveScope scope, MovePlan move)
    {
        var routed = move.Network.Routes.Select(r => V4Prefix.Parse(r.Prefix)).OfType<V4Prefix>().ToList();
        var index = SubnetIndex.Build(estate);
        var moveRest = move.Network.Subnets.Where(s => s.Chosen == NetworkPlanner.MoveRest).Select(s => s.Prefix).ToHashSet(StringComparer.Ordinal);
        var count = 0;
        foreach (var s in estate.Servers)
        {
            if (V4Prefix.ParseAddress(s.Ip) is not { } a)
            {
                // An address that is not IPv4 is in no subnet: a moving server with one changes it.
                count += s.Ip is not null && scope.MovingServers.Contains(s.Id) ? 1 : 0;
                continue;
            }

            var atDc = index.Find(a) is { } hit && hit.Subnet.Site == scope.DataCenter;
            var inRoute = routed.Any(p => p.Contains(a));
            if (scope.MovingServers.Contains(s.Id) ? !inRoute && !atDc : inRoute && !(index.Find(a) is { } own && moveRest.Contains(own.Prefix.ToString())))
            {
                count++;
            }
        }

        return count == move.AddressChanges ? [] :
            [new MoveViolation("address-changes", Texts.Phrase(move.AddressChanges == 1 ? "move.v.address-changes.one" : "move.v.address-changes.other", move.AddressChanges, count).English)];
    }

    /// <summary>Every link's load recomputed: a recorded figure that differs, a missing link, or a link over its limit.</summary>
    private static List<MoveViolation> WanRecount(Estate estate, MoveScope scope, MovePlan move)
    {
        var (loads, recomputed) = WanLoad.Compute(estate, scope, WanGraph.Build(estate));
        var violations = new List<MoveViolation>(recomputed);
        var recorded = move.Wan.GroupBy(l => l.Link, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var l in loads)
        {
            if (!recorded.TryGetValue(l.Link, out var r))
            {
                violations.Add(new MoveViolation("wan", Texts.Phrase("move.v.wan-missing", l.Link).English));
            }
            else if (Math.Abs(r.AfterMbps - l.AfterMbps) > LoadTolerance || Math.Abs(r.BeforeMbps - l.BeforeMbps) > LoadTolerance)
            {
                violations.Add(new MoveViolation("wan", Texts.Phrase("move.v.wan-recount", l.Link, r.BeforeMbps.ToString("0.###", CultureInfo.InvariantCulture), r.AfterMbps.ToString("0.###", CultureInfo.InvariantCulture), l.BeforeMbps.ToString("0.###", CultureInfo.InvariantCulture), l.AfterMbps.ToString("0.###", CultureInfo.InvariantCulture)).English));
            }
        }

        return violations;
    }
}
