using System.Text.Encodings.Web;
using System.Text.Json;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.WhatIf;

/// <summary>A what-if's answer as JSON (docs/what-if.md): the same facts the terminal and the console show, every name listed.</summary>
public static class WhatIfJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The answer to a what-if of <paramref name="plan"/>, indented, ending with a newline.</summary>
    public static string Write(Plan plan, WhatIfResult result) => JsonSerializer.Serialize(Document(plan, result), Options) + "\n";

    private static object Document(Plan plan, WhatIfResult r) => new
    {
        holds = r.Holds,
        errors = r.Errors,
        estate = plan.Estate,
        original = new
        {
            hosts = plan.Summary.Hosts,
            lowerBound = plan.LowerBound.Value,
            hostModel = plan.HostModel,
            failures = plan.Inputs.Failures,
            valid = r.Original?.Valid,
            violations = r.Original?.Violations.Count,
        },
        failure = r.Failure is not { } f ? null : new
        {
            failed = f.Failed,
            holds = f.Holds,
            beyondPlan = f.Failed.Count > plan.Inputs.Failures,
            fromCertificate = f.FromCertificate,
            restarts = f.Restarts.Select(a => new { workload = a.Workload, host = a.Host }),
            notRestarted = f.NotRestarted,
            violations = Violations(f.Violations),
            loads = f.Loads.Select(l => new
            {
                host = l.Host,
                resource = ResourceVector.Names[(int)l.Resource],
                before = Math.Round(l.Before, 3),
                after = Math.Round(l.After, 3),
                limit = Math.Round(l.Limit, 3),
                over = l.Over,
            }),
        },
        replan = r.Replan is not { } p ? null : new
        {
            changes = p.Changes,
            workloads = p.Workloads,
            feasible = p.Plan is not null,
            infeasible = p.Infeasible,
            hosts = p.Plan?.Summary.Hosts,
            lowerBound = p.Plan?.LowerBound.Value,
            hostModel = p.Plan?.HostModel,
            hostDelta = p.HostDelta,
            lowerBoundDelta = p.BoundDelta,
            valid = p.Check?.Valid,
            scenariosChecked = p.Check?.ScenariosChecked,
            violations = Violations(p.Check?.Violations ?? []),
        },
    };

    private static IEnumerable<object> Violations(IReadOnlyList<Violation> violations) => violations.Select(v => new
    {
        kind = v.Kind,
        message = v.Message,
        hosts = v.Hosts,
        workloads = v.Workloads,
    });
}
