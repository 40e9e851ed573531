using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Plans;

namespace Shuyaku.Core.Move;

/// <summary>Writes and reads move.json (docs/move-format.md); the same move plan always gives the same bytes.</summary>
public static class MoveJson
{
    /// <summary>Deepest nesting read: move.json nests 5 levels (move, network, subnets, subnet, options, option lists).</summary>
    private const int MaxDepth = 16;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        MaxDepth = MaxDepth,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>The move plan as move.json text (indented, ending with a newline).</summary>
    public static string Write(MovePlan move) => JsonSerializer.Serialize(move, Options) + "\n";

    /// <summary>Reads move.json text; an error is one diagnostic naming <paramref name="file"/>, its line and column, and the JSON path.</summary>
    public static ReadResult<MovePlan> Read(string text, string file)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = MaxDepth });
            while (reader.Read())
            {
            }

            var move = JsonSerializer.Deserialize<MovePlan>(text, Options);
            if (move is null)
            {
                return Fail(file, 1, 1, Texts.Get("move.file.null"));
            }

            if (move.SchemaVersion != MovePlan.CurrentSchemaVersion)
            {
                return Fail(file, 1, 1, Texts.Format("move.file.schema", move.SchemaVersion, MovePlan.CurrentSchemaVersion));
            }

            if (NullInside(move) is { } field)
            {
                return Fail(file, 1, 1, Texts.Format("move.file.null-inside", field));
            }

            return ReadResult<MovePlan>.Ok(move, []);
        }
        catch (JsonException e)
        {
            var (line, column, where, said) = JsonMessages.Describe(e, depth => Texts.Format("move.file.too-deep", depth), Texts.Get("move.file.empty"));
            var plainly = Regex.Replace(said, @"\s+", " ");
            if (plainly.Length > 200)
            {
                plainly = plainly[..200] + "…";
            }

            if (e.Path?.EndsWith(".fate", StringComparison.Ordinal) == true && plainly == JsonMessages.WrongType)
            {
                plainly = Texts.Get("move.file.fate");
            }

            if (e.Path == "$" && plainly == JsonMessages.WrongType)
            {
                plainly = Texts.Get("move.file.not-object");
            }

            return Fail(file, line, column, where is null ? Texts.Format("move.file.invalid", plainly) : Texts.Format("move.file.invalid-at", where, plainly));
        }
    }

    /// <summary>Reads a move.json file; a folder or a missing file is a diagnostic, not an exception.</summary>
    public static ReadResult<MovePlan> ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            return Fail(path, 0, 0, Texts.Get("move.file.folder"));
        }

        if (!File.Exists(path))
        {
            return Fail(path, 0, 0, Texts.Get("move.file.missing"));
        }

        try
        {
            return Read(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(path, 0, 0, Texts.Format("move.file.unreadable", e.Message));
        }
    }

    private static ReadResult<MovePlan> Fail(string file, int line, int column, string message) =>
        ReadResult<MovePlan>.Failed([new Diagnostic(file, line, column, message)], []);

    /// <summary>The first list holding null (System.Text.Json checks properties, not list items), as a JSON path, or null.</summary>
    private static string? NullInside(MovePlan m)
    {
        var n = m.Network;
        var checks = new (string Path, bool Bad)[]
        {
            ("$.network.subnets", n.Subnets.Any(s => s is null || s.MovingServers.Any(x => x is null) || s.StayingServers.Any(x => x is null)
                || s.Options.Any(o => o is null || o.ChangedServers.Any(x => x is null) || o.Prefixes.Any(x => x is null)))),
            ("$.network.routes", n.Routes.Any(r => r is null)),
            ("$.network.addressSensitive", n.AddressSensitive.Any(a => a is null)),
            ("$.wan", m.Wan.Any(l => l is null)),
            ("$.waves", m.Waves.Any(w => w is null || w.Servers.Any(x => x is null) || w.Workloads.Any(x => x is null) || w.Routes.Any(x => x is null))),
            ("$.cost", new[] { m.Cost.Before, m.Cost.After }.Any(s => s.Equipment.Any(e => e is null)) || m.Cost.Models.Any(x => x is null) || m.Cost.NotGiven.Any(x => x is null)),
            ("$.violations", m.Violations.Any(v => v is null)),
        };
        return checks.FirstOrDefault(c => c.Bad).Path;
    }
}
