namespace Shuyaku.Core.Diagnostics;

/// <summary>One problem in an input file, with where it is and a sentence saying what to change.</summary>
public sealed record Diagnostic(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
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

    public T? Value { get; }
    public IReadOnlyList<Diagnostic> Errors { get; }
    public IReadOnlyList<Diagnostic> Warnings { get; }
    public bool Succeeded => Value is not null && Errors.Count == 0;

    public static ReadResult<T> Ok(T value, IReadOnlyList<Diagnostic> warnings) => new(value, [], warnings);

    public static ReadResult<T> Failed(IReadOnlyList<Diagnostic> errors, IReadOnlyList<Diagnostic> warnings) =>
        new(null, errors, warnings);
}
