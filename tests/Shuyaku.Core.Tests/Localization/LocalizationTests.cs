using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shuyaku.Core.Localization;
using Shuyaku.Core.Tests.Support;

namespace Shuyaku.Core.Tests.Localization;

/// <summary>
/// The resources of every language hold the same keys with the same placeholders, every key the code asks for exists,
/// and the localised areas (docs/languages.md) write no English text of their own past the resources.
/// </summary>
public sealed partial class LocalizationTests
{
    /// <summary>
    /// Each assembly that speaks to people: its English resource file (the Japanese twin is beside it, <c>.ja.resx</c>) and
    /// the source folder whose code looks its keys up through a class named <c>Texts</c> (or the shorthands T, F, C, and P and
    /// PC for phrases kept with their arguments).
    /// </summary>
    private static readonly (string Resources, string Sources)[] Areas =
    [
        ("src/Shuyaku.Core/Localization/Strings.resx", "src/Shuyaku.Core"),
        ("src/Shuyaku.Cli/Localization/Strings.resx", "src/Shuyaku.Cli"),
        ("src/Shuyaku.Web/Localization/Strings.resx", "src/Shuyaku.Web"),
    ];

    /// <summary>Resource pairs: the English file and its Japanese twin.</summary>
    public static TheoryData<string> ResourceFiles() => [.. Areas.Select(a => a.Resources)];

    /// <summary>
    /// Source files whose every text for people must come from the resources; a path ending in <c>/</c> names every
    /// <c>.cs</c> file under that folder.
    /// </summary>
    private static readonly string[] LocalisedSources =
    [
        "src/Shuyaku.Core/Reporting/HtmlReport.cs",
        "src/Shuyaku.Core/Reporting/HtmlReport.Plan.cs",
        "src/Shuyaku.Core/Reporting/HtmlReport.Move.cs",
        "src/Shuyaku.Core/Reporting/HtmlReport.Fragments.cs",
        "src/Shuyaku.Core/Reporting/HtmlText.cs",
        "src/Shuyaku.Core/Reporting/HtmlSvg.cs",
        "src/Shuyaku.Core/Reporting/PlanReport.cs",
        "src/Shuyaku.Cli/ShuyakuCli.cs",
        "src/Shuyaku.Cli/Program.cs",
        "src/Shuyaku.Cli/Diagnostics.cs",
        "src/Shuyaku.Cli/OptionRanges.cs",
        "src/Shuyaku.Cli/SizingOptionSet.cs",
        "src/Shuyaku.Cli/TraceOptions.cs",
        "src/Shuyaku.Cli/Commands/CheckCommand.cs",
        "src/Shuyaku.Cli/Commands/ExampleCommand.cs",
        "src/Shuyaku.Cli/Commands/ExportCommand.cs",
        "src/Shuyaku.Cli/Commands/ImportCommand.cs",
        "src/Shuyaku.Cli/Commands/ImportF5Command.cs",
        "src/Shuyaku.Cli/Commands/ImportInventoryCommand.cs",
        "src/Shuyaku.Cli/Commands/ImportMeasurementsCommand.cs",
        "src/Shuyaku.Cli/Commands/ImportRun.cs",
        "src/Shuyaku.Cli/Commands/MoveCommand.cs",
        "src/Shuyaku.Cli/Commands/MovePrinter.cs",
        "src/Shuyaku.Cli/Commands/PlanCommand.cs",
        "src/Shuyaku.Cli/Commands/ReportCommand.cs",
        "src/Shuyaku.Cli/Commands/ServeCommand.cs",
        "src/Shuyaku.Cli/Commands/SimulateCommand.cs",
        "src/Shuyaku.Cli/Commands/SizingCommand.cs",
        "src/Shuyaku.Cli/Commands/WhatIfCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchImportCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchScaleCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchScaleYaml.cs",
        "src/Shuyaku.Cli/Commands/BenchWavesCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchPackingCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchRulesCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchCloudsimCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchSlbCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchConsoleCommand.cs",
        "src/Shuyaku.Cli/Commands/BenchStartupCommand.cs",
        "src/Shuyaku.Cli/CommandLineWords.cs",
        "src/Shuyaku.Cli/VersionInfo.cs",
        "src/Shuyaku.Core/Benchmarks/Packing/InstanceReader.cs",
        "src/Shuyaku.Core/Benchmarks/Packing/KnownBounds.cs",
        "src/Shuyaku.Core/Benchmarks/Access/SlbFigures.cs",
        "src/Shuyaku.Core/Benchmarks/Access/SlbTraffic.cs",
        "src/Shuyaku.Core/Plans/BoundTexts.cs",
        "src/Shuyaku.Core/Plans/BreakdownTexts.cs",
        "src/Shuyaku.Core/Placement/Bounds/LowerBound.cs",
        "src/Shuyaku.Core/Placement/Bounds/BinPackingBounds.cs",
        "src/Shuyaku.Core/Placement/PlanProgress.cs",
        "src/Shuyaku.Core/Checking/CheckReport.cs",
        "src/Shuyaku.Core/Checking/Checker.cs",
        "src/Shuyaku.Core/Checking/Checker.Hosts.cs",
        "src/Shuyaku.Core/Checking/Checker.Failover.cs",
        "src/Shuyaku.Core/Checking/Checker.Failure.cs",
        "src/Shuyaku.Core/WhatIf/",
        "src/Shuyaku.Core/Move/MoveTexts.cs",
        "src/Shuyaku.Core/Move/MoveJson.cs",
        "src/Shuyaku.Core/Plans/PlanJson.cs",
        "src/Shuyaku.Core/Move/MovePlanner.Verify.cs",
        "src/Shuyaku.Core/Move/NetworkPlanner.cs",
        "src/Shuyaku.Core/Move/WanLoad.cs",
        "src/Shuyaku.Core/Move/WaveBound.cs",
        "src/Shuyaku.Core/Move/WaveChecker.cs",
        "src/Shuyaku.Core/Move/WaveLists.cs",
        "src/Shuyaku.Core/Move/WavePlanner.cs",
        "src/Shuyaku.Core/Simulation/Replay/Replayer.cs",
        "src/Shuyaku.Core/Access/AccessSafety.cs",
        "src/Shuyaku.Core/Access/DaemonValidator.cs",
        "src/Shuyaku.Core/Benchmarks/Access/SlbBenchmark.cs",
        "src/Shuyaku.Core/Model/Quantities.cs",
        "src/Shuyaku.Core/Placement/Search/Units.cs",
        "src/Shuyaku.Web/Benchmarks/ConsoleBenchmark.cs",
        "src/Shuyaku.Web/Storage/PrivatePostgres.cs",
        "src/Shuyaku.Web/Pages/",
        "src/Shuyaku.Web/Api/UploadApi.cs",
        "src/Shuyaku.Web/Api/PlanFilesApi.cs",
        "src/Shuyaku.Web/Api/ManagementApi.cs",
        "src/Shuyaku.Web/Api/GuestApi.cs",
        "src/Shuyaku.Web/Api/WhatIfApi.cs",
        "src/Shuyaku.Web/Api/ApiEndpoints.cs",
        "src/Shuyaku.Web/Guests/GuestQueryText.cs",
        "src/Shuyaku.Web/Security/ConsoleSecurity.cs",
        "src/Shuyaku.Core/Import/YamlText.cs",
        "src/Shuyaku.Core/Import/YamlNodes.cs",
        "src/Shuyaku.Core/Import/EstateReader.cs",
        "src/Shuyaku.Core/Import/EstateParser.cs",
        "src/Shuyaku.Core/Import/CrossSectionChecks.cs",
        "src/Shuyaku.Core/Import/EstateWords.cs",
        "src/Shuyaku.Core/Import/UniqueIds.cs",
        "src/Shuyaku.Core/Import/SiteSection.cs",
        "src/Shuyaku.Core/Import/HostGroupSection.cs",
        "src/Shuyaku.Core/Import/MachineFields.cs",
        "src/Shuyaku.Core/Import/ServerSection.cs",
        "src/Shuyaku.Core/Import/WorkloadSection.cs",
        "src/Shuyaku.Core/Import/DemandReader.cs",
        "src/Shuyaku.Core/Import/CatalogSection.cs",
        "src/Shuyaku.Core/Import/PolicySection.cs",
        "src/Shuyaku.Core/Import/RuleSection.cs",
        "src/Shuyaku.Core/Import/LinkSection.cs",
        "src/Shuyaku.Core/Import/SubnetSection.cs",
        "src/Shuyaku.Core/Import/TrafficSection.cs",
        "src/Shuyaku.Core/Import/DependencySection.cs",
        "src/Shuyaku.Core/Import/EquipmentSection.cs",
        "src/Shuyaku.Core/Import/CostSection.cs",
        "src/Shuyaku.Core/Import/MigrationSection.cs",
        "src/Shuyaku.Core/Import/AccessSection.cs",
        "src/Shuyaku.Core/Import/IpText.cs",
        "src/Shuyaku.Core/Import/Inventory/Cells.cs",
        "src/Shuyaku.Core/Import/Inventory/Sheet.cs",
        "src/Shuyaku.Core/Import/Inventory/CsvSheet.cs",
        "src/Shuyaku.Core/Import/Inventory/CatalogFile.cs",
        "src/Shuyaku.Core/Import/RvTools/RvToolsWorkbook.cs",
        "src/Shuyaku.Core/Import/RvTools/RvToolsImporter.cs",
        "src/Shuyaku.Core/Import/RvTools/RvToolsVms.cs",
        "src/Shuyaku.Core/Import/RvTools/RvToolsHosts.cs",
        "src/Shuyaku.Core/Import/AzureMigrate/AzureMigrateImporter.cs",
        "src/Shuyaku.Core/Import/F5/F5Importer.cs",
        "src/Shuyaku.Core/Import/F5/F5Endpoint.cs",
        "src/Shuyaku.Core/Import/F5/TmshParser.cs",
        "src/Shuyaku.Core/Import/F5/PoolMapper.cs",
        "src/Shuyaku.Core/Import/F5/VirtualMapper.cs",
        "src/Shuyaku.Core/Import/F5/CheckMapper.cs",
        "src/Shuyaku.Core/Traces/PlanetLabReader.cs",
        "src/Shuyaku.Core/Traces/Resampler.cs",
        "src/Shuyaku.Core/Traces/Activity.cs",
        "src/Shuyaku.Core/Traces/TraceImporter.cs",
        "src/Shuyaku.Core/Traces/BitbrainsReader.cs",
        "src/Shuyaku.Core/Traces/CsvTraceReader.cs",
        "src/Shuyaku.Core/Traces/TraceText.cs",
        "src/Shuyaku.Core/Traces/SeriesBinding.cs",
        "src/Shuyaku.Core/Traces/Measurements/Measurements.cs",
        "src/Shuyaku.Core/Traces/Measurements/SadfReader.cs",
        "src/Shuyaku.Core/Traces/Measurements/PerfmonReader.cs",
        "src/Shuyaku.Core/Traces/Measurements/PrometheusImporter.cs",
    ];

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_key_exists_in_english_and_japanese_with_the_same_placeholders(string english)
    {
        var en = Read(english);
        var ja = Read(english.Replace(".resx", ".ja.resx", StringComparison.Ordinal));

        en.Keys.Except(ja.Keys).ShouldBeEmpty("keys only in English");
        ja.Keys.Except(en.Keys).ShouldBeEmpty("keys only in Japanese");
        foreach (var (key, text) in en)
        {
            Placeholders(ja[key]).ShouldBe(Placeholders(text), $"'{key}': the Japanese text must use the placeholders the English one does");
            ja[key].Trim().ShouldNotBeEmpty($"'{key}' has no Japanese text");
        }
    }

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_key_the_code_asks_for_exists_and_every_key_is_asked_for(string resources)
    {
        var sources = Areas.Single(a => a.Resources == resources).Sources;
        var keys = Read(resources).Keys.ToHashSet(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var literals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, sources), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                                 !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var root = Parse(file);
            literals.UnionWith(root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText));
            foreach (var call in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                var name = call.Expression switch
                {
                    IdentifierNameSyntax id => id.Identifier.Text,
                    MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "Texts" } } m => m.Name.Identifier.Text,
                    _ => null,
                };
                if (name is not ("T" or "F" or "C" or "P" or "PC" or "Get" or "Format" or "Count" or "Phrase" or "Counted" or "Markup") ||
                    call.ArgumentList.Arguments.FirstOrDefault()?.Expression is not LiteralExpressionSyntax { Token.Value: string key } ||
                    !key.Contains('.', StringComparison.Ordinal))
                {
                    continue;
                }

                if (name is "C" or "PC" or "Count" or "Counted")
                {
                    used.Add(key + ".one");
                    used.Add(key + ".other");
                }
                else
                {
                    used.Add(key);
                }
            }
        }

        used.Where(k => !keys.Contains(k)).ShouldBeEmpty("keys the code asks for that the resources lack");
        // A key held in a variable before it is looked up is used where its literal is written; section headings are
        // looked up as "report.section." + the section's id.
        keys.Where(k => !used.Contains(k) && !literals.Contains(k) && !k.StartsWith("report.section.", StringComparison.Ordinal))
            .ShouldBeEmpty("keys nothing asks for");
    }

    [Fact]
    public void The_localised_areas_write_no_english_text_past_the_resources()
    {
        var found = new List<string>();
        var files = LocalisedSources.SelectMany<string, string>(path => path.EndsWith('/')
            ? Directory.GetFiles(Path.Combine(RepositoryPaths.Root, path), "*.cs", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f).Replace('\\', '/')).Order(StringComparer.Ordinal)
            : [path]);
        foreach (var relative in files)
        {
            var root = Parse(Path.Combine(RepositoryPaths.Root, relative));
            foreach (var token in root.DescendantTokens())
            {
                var text = token.Kind() switch
                {
                    SyntaxKind.StringLiteralToken or SyntaxKind.InterpolatedStringTextToken => token.ValueText,
                    _ => null,
                };
                if (text is not null && IsProse(text) && !IsKeyArgument(token) && !IsPattern(token))
                if (text is not null && IsProse(text) && !IsKeyArgument(token) && !IsAuditRecord(token))
                {
                    found.Add($"{relative}:{token.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: \"{text}\"");
                }
            }
        }

        found.ShouldBeEmpty("text for people written in code instead of the resources");
    }

    [Fact]
    public void The_checks_see_prose_but_not_markup()
    {
        IsProse("The move was not computed").ShouldBeTrue();
        IsProse("<p>No route changes.</p>").ShouldBeTrue();
        IsProse("Summary").ShouldBeTrue();
        IsProse("before-after").ShouldBeFalse(); // an element id or a class, not text
        IsProse("CPU").ShouldBeFalse();
        IsProse("[red bold]").ShouldBeFalse(); // Spectre.Console's markup
        IsProse("</span><small>consolidate</small></div>").ShouldBeTrue(); // a lone word between tags is read
        IsProse("<section id=\"").ShouldBeFalse();
        IsProse("\" role=\"img\" aria-label=\"").ShouldBeFalse();
        IsProse(" <code>shuyaku report ESTATE PLAN --move MOVE.json</code></p>\n").ShouldBeFalse();
        IsProse(" kW").ShouldBeFalse();
        IsProse("0.##").ShouldBeFalse();
    }

    [Fact]
    public void Japanese_is_spoken_when_asked_and_english_otherwise()
    {
        using (Language.Use(Language.Japanese))
        {
            Texts.Get("report.section.summary").ShouldBe("概要");
            Texts.Count("count.host", 5).ShouldBe("ホスト 5 台");
        }

        using (Language.Use(Language.English))
        {
            Texts.Get("report.section.summary").ShouldBe("Summary");
            Texts.Count("count.host", 1).ShouldBe("1 host");
            Texts.Count("count.host", 1200).ShouldBe("1,200 hosts");
        }
    }

    [Theory]
    [InlineData("ja_JP.UTF-8", null, null, "ja")]
    [InlineData(null, null, "ja_JP.eucJP", "ja")]
    [InlineData("C", null, "ja_JP.UTF-8", "en")]
    [InlineData(null, "en_US.UTF-8", "ja_JP.UTF-8", "en")]
    [InlineData(null, null, "fr_FR.UTF-8", "en")]
    [InlineData(null, null, null, "en")]
    public void The_locale_variables_choose_the_language_in_posix_order(string? all, string? messages, string? lang, string expected)
    {
        var variables = new Dictionary<string, string?> { ["LC_ALL"] = all, ["LC_MESSAGES"] = messages, ["LANG"] = lang };
        Language.FromEnvironment(name => variables.GetValueOrDefault(name)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("ja,en-US;q=0.9,en;q=0.8", "ja")]
    [InlineData("en-US,en;q=0.9,ja;q=0.8", "en")]
    [InlineData("fr-FR,ja;q=0.5", "ja")]
    [InlineData("de, fr", "en")]
    [InlineData("ja;q=0", "en")]
    [InlineData("", "en")]
    public void The_browser_s_accept_language_chooses_among_the_supported_languages(string header, string expected) =>
        Language.FromAcceptLanguage(header).ShouldBe(expected);

    /// <summary>
    /// Text a person reads: after markup and code are removed, two words in a row, or one capitalised word ("Summary").
    /// A lone lower-case word is an element id, a class or a tone ("summary", "ok"), and a lone acronym ("CPU") is the
    /// same in every language.
    /// </summary>
    private static bool IsProse(string literal)
    {
        if (NotProse.Contains(literal.Trim()) || literal.StartsWith(BigIpPartition, StringComparison.Ordinal))
        {
            return false;
        }

        var text = CodeElement().Replace(literal, " ");
        if (ElementText().IsMatch(text))
        {
            return true;
        }

        text = Tag().Replace(text, " ");
        text = ConsoleMarkup().Replace(text, " ");
        text = PartialTag().Replace(text, " ");
        return Word().IsMatch(text);
    }

    /// <summary>BIG-IP's default partition: the F5 importer's object names ("/Common/http") are names, not text.</summary>
    private const string BigIpPartition = "/Common/";

    /// <summary>
    /// Literals that look like words but are not text: units and the product's name (the same in every language), class
    /// lists and HTML attributes, the date formats the inventory readers accept, the HTTP header the F5 importer looks for in a monitor, and what the estate reader matches in its input (YAML's null and booleans, the start of
    /// YamlDotNet's duplicate-key message), and the words the trace and measurement readers match in their files (Bitbrains'
    /// column headers, perfmon's counter names).
    /// </summary>
    private static readonly HashSet<string> NotProse = new(StringComparer.Ordinal)
    {
        "Mbps", "room dc", "Shuyaku", "autocomplete=\"username\" required autofocus", "Null", "True", "False", "Duplicate key",
        "yyyy/MM/dd HH:mm:ss", "M/d/yyyy h:mm:ss tt", "Host:",

        // The column headers of a Bitbrains trace, which its reader looks for (the files' own words).
        "Timestamp [ms]", "CPU usage [%]", "Memory usage [KB]", "Disk read throughput [KB/s]", "Disk write throughput [KB/s]",
        "Network received throughput [KB/s]", "Network transmitted throughput [KB/s]",

        // Windows' performance objects, counters and interface names in a perfmon CSV, which its reader matches (English in every Windows).
        "Processor", "% Processor Time", "Processor Information", "Memory", "Available MBytes", "Committed Bytes", "PhysicalDisk",
        "Disk Bytes/sec", "Disk Read Bytes/sec", "Disk Write Bytes/sec", "Network Interface", "Network Adapter", "Bytes Total/sec",
        "Network", "Loopback", "Teredo",

        // What the RVTools and Azure Migrate importers write into the estate they make: each skipped row's place and reason
        // and each server's and workload's notes, English in every language so the file is byte-identical (docs/languages.md).
        "vInfo row", "vHost row", "no VM name", "no host name", "no server name", "SRM placeholder (stands in for a replicated VM)",
        ": not running (--include-off keeps it)", "no memory size (vInfo 'Memory', vMemory 'Size MiB')",
        "(not a server here: not in vHost, or skipped there)", "storage provisioned", ", in use", "powered on", "vm id", "cpu usage",
        "MHz exceeds its server; written as the server's whole capacity", "not given", "host listed twice; the first row is used",
        ": not written as a server; its VMs name no server", "memory usage", "sockets not given ('# CPU'): taken as 1", "machine id",
        "GB in all",

        // The column headers of RVTools' vHost sheet and of an Azure Migrate export, which the importers look for (the files' own words).
        "Speed", "# Cores", "# Memory", "Server name", "Cores", "Memory (In MB)", "OS name", "CPU utilization", "Memory utilization",
        "Server ID", "Disk", "read ops (operations per second)", "write ops (operations per second)",

        // Names the bench commands use as they are: CloudSim's policies, a database, files and commands, an SLB CSV value, a resource.
        "Dvfs", "ThrMmt", "IqrMmt", "MadMmt", "PostgreSQL", "Shuyaku.Cli", "Shuyaku.Cli.csproj", "Shuyaku.slnx", "dotnet shuyaku.dll", "daemon log",
        "System.CommandLine.Properties.Resources",

        // The web console's data-protection application name and an HTTP header's name (ConsoleSecurity): names, not text.
        "Shuyaku.Web", "Referrer-Policy",

        // Units the quantity parser accepts, and the largest bandwidth it names (the same in every language).
        "Kbps", "Gbps", "10^15 Mbps",

        // What the daemons write, which their validator and the SLB benchmark match (the daemons' own words), an nginx
        // directive, and the SQL a private PostgreSQL server is given.
        "Configuration OK", "Configuration file is valid", "syntax is ok", "is DOWN", "daemon off; pid", "CREATE DATABASE",
    };

    /// <summary>A literal that is the key of a resource lookup (its first argument), not text.</summary>
    private static bool IsKeyArgument(SyntaxToken token) =>
        token.Parent is LiteralExpressionSyntax { Parent: ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument } &&
        list.Arguments.IndexOf(argument) == 0 &&
        call.Expression is IdentifierNameSyntax { Identifier.Text: "T" or "F" or "C" or "P" or "PC" or "Markup" } or
            MemberAccessExpressionSyntax { Name.Identifier.Text: "Get" or "Format" or "Count" or "Phrase" or "Counted" };

    /// <summary>
    /// Text written into the web console's audit log (an argument of <c>RecordAsync</c>): a record kept in one language,
    /// like the files, not text translated when it is shown (docs/languages.md).
    /// </summary>
    private static bool IsAuditRecord(SyntaxToken token) =>
        token.Parent?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is
        {
            Expression: MemberAccessExpressionSyntax { Name.Identifier.Text: "RecordAsync" } or IdentifierNameSyntax { Identifier.Text: "RecordAsync" },
        };

    /// <summary>A literal that is a regular expression given to <c>[GeneratedRegex]</c>: a pattern to match, not text.</summary>
    private static bool IsPattern(SyntaxToken token) =>
        token.Parent is LiteralExpressionSyntax { Parent: AttributeArgumentSyntax { Parent.Parent: AttributeSyntax attribute } } &&
        attribute.Name.ToString().EndsWith("GeneratedRegex", StringComparison.Ordinal);

    private static CompilationUnitSyntax Parse(string path) => CSharpSyntaxTree.ParseText(File.ReadAllText(path)).GetCompilationUnitRoot();

    private static Dictionary<string, string> Read(string relative) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, relative)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<code>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex CodeElement();

    /// <summary>A word of three letters or more as an element's text: between a tag's end and the next tag.</summary>
    [GeneratedRegex(@">[^<>]*(?<![&#\w])[A-Za-z]{3,}[^<>]*<")]
    private static partial Regex ElementText();

    /// <summary>Spectre.Console's style markup: <c>[red bold]</c>, <c>[/]</c>.</summary>
    [GeneratedRegex(@"\[(/|[a-z]+( [a-z]+)*)\]")]
    private static partial Regex ConsoleMarkup();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex Tag();

    /// <summary>The start or the rest of a tag cut by an interpolation hole: attributes and quotes up to the literal's end.</summary>
    [GeneratedRegex(@"(<[a-zA-Z][^<>]*$|^[^<>]*"">|[a-zA-Z-]+=\\?""[^""]*(""|$)|^""\s*|#[0-9a-fA-F]{3,6})")]
    private static partial Regex PartialTag();

    [GeneratedRegex(@"(?<![\w&#-])([A-Za-z]{2,}[.,:;!?]?\s+[A-Za-z]{2,}|[A-Z][a-z]{2,})(?![\w-]*=)")]
    private static partial Regex Word();
}
