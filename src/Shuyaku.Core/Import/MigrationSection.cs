using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'migration' section: the limits every wave must keep.</summary>
internal sealed class MigrationSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxServers = 1_000_000;
    private const double SecondsPerHour = 3600;

    public MigrationSettings Read(YamlNode? node)
    {
        var m = new MigrationSettings();
        var f = n.Mapping(node, "the migration", "maxServers", "maxData", "window", "bandwidthShare", "switchover");
        if (f is null)
        {
            return m;
        }

        references.Place("migration", f.Node);
        foreach (var key in new[] { "maxServers", "maxData", "window", "bandwidthShare", "switchover" })
        {
            if (f[key] is { } value)
            {
                references.Place($"migration.{key}", value);
            }
        }

        return m with
        {
            MaxServersPerWave = n.Integer(f["maxServers"], "the migration's maxServers", 1, MaxServers) ?? m.MaxServersPerWave,
            MaxMibPerWave = n.Positive(f["maxData"], "the migration's maxData", QuantityKind.Size),
            WindowHours = n.Positive(f["window"], "the migration's window", QuantityKind.Duration) / SecondsPerHour ?? m.WindowHours,
            BandwidthShare = n.Share(f["bandwidthShare"], "the migration's bandwidthShare") ?? m.BandwidthShare,
            SwitchoverHours = n.Quantity(f["switchover"], "the migration's switchover", QuantityKind.Duration) / SecondsPerHour ?? m.SwitchoverHours,
        };
    }
}
