namespace Pathways;

/// <summary>One thing wrong with a profile: the field, the offending value and what is allowed.</summary>
/// <param name="Field">The JSON field name (<c>age</c>, <c>context.caseworkerCaseload</c>), or <see langword="null"/> for the document as a whole.</param>
/// <param name="Value">The offending value as written, or <see langword="null"/> when there is none to show.</param>
/// <param name="Message">One plain sentence naming the field, the value and what is allowed.</param>
/// <param name="Line">The 1-based line in the JSON text, when known.</param>
/// <param name="Position">The 1-based position in that line, when known.</param>
public sealed record ProfileProblem(string? Field, string? Value, string Message, int? Line = null, int? Position = null);

/// <summary>
/// A profile was refused. <see cref="Problems"/> lists every problem found at once; the message is one plain
/// sentence with the first of them. Messages name fields and offending values only, never other profile data.
/// </summary>
public sealed class ProfileValidationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ProfileValidationException(IReadOnlyList<ProfileProblem> problems, string? source = null)
        : base(Compose(problems, source))
    {
        Problems = problems;
        Source = source;
    }

    /// <summary>Every problem found, in document order.</summary>
    public IReadOnlyList<ProfileProblem> Problems { get; }

    /// <summary>The file or stream the profile came from, when known.</summary>
    public new string? Source { get; }

    private static string Compose(IReadOnlyList<ProfileProblem> problems, string? source)
    {
        if (problems is null || problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is required.", nameof(problems));
        }

        var first = problems[0].Message;
        var prefix = source is null ? string.Empty : $"{source}: ";
        var more = problems.Count > 1 ? $" ({problems.Count - 1} more problem{(problems.Count > 2 ? "s" : string.Empty)} in this profile)" : string.Empty;
        return prefix + first.TrimEnd('.') + more + ".";
    }
}
