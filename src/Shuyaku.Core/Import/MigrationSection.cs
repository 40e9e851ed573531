using Shuyaku.Core.Model;
using YamlDotNet.RepresentationModel;
using static Shuyaku.Core.Import.EstateWords;

namespace Shuyaku.Core.Import;

/// <summary>Reads the 'migration' section: the limits every wave must keep.</summary>
internal sealed class MigrationSection(YamlNodes n, CrossSectionChecks references)
{
    private const int MaxServers = 1_000_000;
    private const double SecondsPerHour = 3600;

    public MigrationSettings Read(YamlNode? node)
    {
        var m = new MigrationSettings();
        var f = n.Mapping(node, T("estate.what.migration"), "maxServers", "maxData", "window", "bandwidthShare", "switchover");
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
            MaxServersPerWave = n.Integer(f["maxServers"], Of(T("estate.what.migration"), "maxServers"), 1, MaxServers) ?? m.MaxServersPerWave,
            MaxMibPerWave = n.Positive(f["maxData"], Of(T("estate.what.migration"), "maxData"), QuantityKind.Size),
            WindowHours = n.Positive(f["window"], Of(T("estate.what.migration"), "window"), QuantityKind.Duration) / SecondsPerHour ?? m.WindowHours,
            BandwidthShare = n.Share(f["bandwidthShare"], Of(T("estate.what.migration"), "bandwidthShare")) ?? m.BandwidthShare,
            SwitchoverHours = n.Quantity(f["switchover"], Of(T("estate.what.migration"), "switchover"), QuantityKind.Duration) / SecondsPerHour ?? m.SwitchoverHours,
        };
    }
}
