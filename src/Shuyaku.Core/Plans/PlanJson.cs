using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Plans;

/// <summary>Writes and reads plan.json; the same plan always gives the same bytes.</summary>
public static class PlanJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        MaxDepth = MaxDepth,
    };

    /// <summary>Deepest nesting read: a plan nests 5 levels (plan, failover, scenario, restarts, restart); far deeper is not a plan.</summary>
    private const int MaxDepth = 16;

    /// <summary>The plan as plan.json text (indented, ending with a newline).</summary>
    public static string Write(Plan plan) => JsonSerializer.Serialize(plan, Options) + "\n";

    /// <summary>Reads plan.json text; errors name <paramref name="file"/> with line and column.</summary>
    public static ReadResult<Plan> Read(string text, string file)
    {
        try
        {
            // One pass over the tokens first, so nesting beyond MaxDepth is reported wherever it is, before any type check.
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
            }

            var plan = JsonSerializer.Deserialize<Plan>(text, Options);
            if (plan is null)
            {
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, Texts.Get("plan.file.null"))], []);
            }

            if (plan.SchemaVersion != Plan.CurrentSchemaVersion)
            {
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, Texts.Format("plan.file.schema", plan.SchemaVersion, Plan.CurrentSchemaVersion))], []);
            }

            if (NullInside(plan) is { } field)
            {
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, Texts.Format("plan.file.null-inside", field))], []);
            }

            return ReadResult<Plan>.Ok(plan, []);
        }
        catch (JsonException e)
        {
            var (line, column, where, plainly) = JsonMessages.Describe(e, depth => Texts.Format("plan.file.too-deep", depth), Texts.Get("plan.file.empty"));
            if (e.Path == "$" && plainly == JsonMessages.WrongType)
            {
                plainly = Texts.Get("plan.file.not-object");
            }

            return ReadResult<Plan>.Failed([new Diagnostic(file, line, column, where is null ? Texts.Format("plan.file.invalid", plainly) : Texts.Format("plan.file.invalid-at", where, plainly))], []);
        }
    }

    /// <summary>The first list that holds null (System.Text.Json checks properties against nullability, not list items), or null.</summary>
    private static string? NullInside(Plan plan)
    {
        if (plan.Hosts.Any(h => h is null))
        {
            return "hosts";
        }

        if (plan.Assignments.Any(a => a is null))
        {
            return "assignments";
        }

        if (plan.LowerBound.Parts.Any(p => p is null))
        {
            return "lowerBound.parts";
        }

        if (plan.Breakdown.Any(b => b is null))
        {
            return "breakdown";
        }

        return plan.Failover.Any(f => f is null || f.Failed.Any(x => x is null) || f.Restarts.Any(r => r is null)) ? "failover" : null;
    }

    /// <summary>Reads a plan.json file; a folder or a missing file is a diagnostic, not an exception.</summary>
    public static ReadResult<Plan> ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, "plan.json");
            return ReadResult<Plan>.Failed([new Diagnostic(path, 0, 0, File.Exists(inside)
                ? Texts.Format("plan.file.folder-with-plan", inside)
                : Texts.Get("plan.file.folder"))], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<Plan>.Failed([new Diagnostic(path, 0, 0, Texts.Get("plan.file.missing"))], []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<Plan>.Failed([new Diagnostic(path, 0, 0, Texts.Format("plan.file.unreadable", e.Message))], []);
        }

        return Read(text, path);
    }
}
