using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Shuyaku.Core.Diagnostics;

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
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, "the plan is empty (null): write the plan object")], []);
            }

            if (plan.SchemaVersion != Plan.CurrentSchemaVersion)
            {
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, $"schemaVersion {plan.SchemaVersion} is not supported: this version reads {Plan.CurrentSchemaVersion}")], []);
            }

            if (NullInside(plan) is { } field)
            {
                return ReadResult<Plan>.Failed([new Diagnostic(file, 1, 1, $"the plan is not a valid plan.json: {field} holds null where the format has a value; write the plan again with 'shuyaku plan'")], []);
            }

            return ReadResult<Plan>.Ok(plan, []);
        }
        catch (JsonException e)
        {
            var (line, column, where, plainly) = JsonMessages.Describe(e, depth => $"the plan nests deeper than {depth} levels: a plan.json written by shuyaku nests at most 5; give the plan file that 'shuyaku plan' wrote", "the file is empty: give the plan.json that 'shuyaku plan' wrote");
            if (e.Path == "$" && plainly == "the value has the wrong type")
            {
                plainly = "the plan must be one JSON object, {...}, as 'shuyaku plan' writes it";
            }

            return ReadResult<Plan>.Failed([new Diagnostic(file, line, column, $"the plan is not a valid plan.json{where}: {plainly}")], []);
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
                ? $"this is a folder, not a plan file: did you mean {inside}?"
                : "this is a folder, not a plan file: give the plan.json that 'shuyaku plan' wrote")], []);
        }

        if (!File.Exists(path))
        {
            return ReadResult<Plan>.Failed([new Diagnostic(path, 0, 0, "the file does not exist: check the path")], []);
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<Plan>.Failed([new Diagnostic(path, 0, 0, $"the file cannot be read: {e.Message}")], []);
        }

        return Read(text, path);
    }
}
