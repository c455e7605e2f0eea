namespace Pathways;

/// <summary>One thing wrong with a pack, located as precisely as it can be.</summary>
/// <param name="File">The file or stream label the pack came from.</param>
/// <param name="Pack">The pack's name, when it could be read.</param>
/// <param name="Workflow">The workflow, when the problem is inside one.</param>
/// <param name="Rule">The rule (or parameter) name, when the problem is inside one.</param>
/// <param name="Line">The 1-based line in the file, when known.</param>
/// <param name="Message">One plain sentence saying what is wrong and what is allowed.</param>
public sealed record PackProblem(string File, string? Pack, string? Workflow, string? Rule, int? Line, string Message)
{
    /// <summary>The problem as one line: <c>file(line): workflow/rule: message</c>.</summary>
    public override string ToString()
    {
        var where = File + (Line is { } l ? $"({l})" : string.Empty);
        var what = Workflow is null && Rule is null ? string.Empty
            : $" workflow '{Workflow ?? "-"}'" + (Rule is null ? string.Empty : $", rule '{Rule}'") + ":";
        return $"{where}:{what} {Message}";
    }
}

/// <summary>
/// A pack was refused as a whole. <see cref="Problems"/> lists every problem found; the message is one plain
/// sentence naming the first, with its file, workflow, rule and line. Nothing of a refused pack is applied.
/// </summary>
public sealed class PackLoadException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public PackLoadException(IReadOnlyList<PackProblem> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, in file order.</summary>
    public IReadOnlyList<PackProblem> Problems { get; }

    /// <summary>The file of the first problem.</summary>
    public string File => Problems[0].File;

    /// <summary>The pack of the first problem, when known.</summary>
    public string? Pack => Problems[0].Pack;

    /// <summary>The workflow of the first problem, when known.</summary>
    public string? Workflow => Problems[0].Workflow;

    /// <summary>The rule of the first problem, when known.</summary>
    public string? Rule => Problems[0].Rule;

    /// <summary>The line of the first problem, when known.</summary>
    public int? Line => Problems[0].Line;

    private static string Compose(IReadOnlyList<PackProblem> problems)
    {
        if (problems is null || problems.Count == 0)
        {
            throw new ArgumentException("At least one problem is required.", nameof(problems));
        }

        var p = problems[0];
        var more = problems.Count > 1 ? $" ({problems.Count - 1} more problem{(problems.Count > 2 ? "s" : string.Empty)} found)" : string.Empty;
        return $"Pack refused: {p.ToString().TrimEnd('.')}{more}.";
    }
}
