namespace Shuyaku.Core.Diagnostics;

/// <summary>One problem in an input file, with where it is and a sentence saying what to change.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    /// <summary>Whether the input must change (the default) or is valid but asks for a placement that does not exist.</summary>
    public DiagnosticKind Kind { get; init; }

    /// <summary>
    /// The workbook sheet the problem is in (an .xlsx or .xls file, whose <see cref="Line"/> is then the sheet's row and
    /// <see cref="Column"/> its column, A = 1); null for every other input (YAML, JSON, CSV, traces), whose lines are the file's.
    /// </summary>
    public string? Sheet { get; init; }

    /// <summary>The form compilers use, <c>file:line:column: message</c>, which editors can jump to.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>What a diagnostic means for the command that met it: which exit code it leads to.</summary>
public enum DiagnosticKind
{
    /// <summary>The input is wrong and must be changed (exit 2).</summary>
    BadInput,

    /// <summary>The input is valid, but no placement exists for it, such as a workload larger than every host model (exit 1).</summary>
    Infeasible,
}

/// <summary>Either a value or every problem that prevented it.</summary>
public sealed class ReadResult<T>
    where T : class
{
    private ReadResult(T? value, IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings)
    {
        Value = value;
        Errors = errors;
        Warnings = warnings;
    }

    /// <summary>The value read; null when there were errors.</summary>
    public T? Value { get; }
    /// <summary>Every problem that prevented the value.</summary>
    public IReadOnlyList<Diagnostic> Errors { get; }
    /// <summary>Problems that did not prevent the value but may be mistakes.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }
    /// <summary>Whether there is a value and no error.</summary>
    public bool Succeeded => Value is not null && Errors.Count == 0;

    /// <summary>A value read without errors.</summary>
    public static ReadResult<T> Ok(T value, IReadOnlyList<Diagnostic> warnings) => new(value, [], warnings);

    /// <summary>No value, because of <paramref name="errors"/>.</summary>
    public static ReadResult<T> Failed(IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings) =>
        new(null, errors, warnings);
}
