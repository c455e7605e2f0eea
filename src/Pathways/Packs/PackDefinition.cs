namespace Pathways;

internal enum RuleRole
{
    Recommend,
    Caveat,
    Exclude,
}

/// <summary>A pack as read from JSON, before it is merged with others and compiled.</summary>
internal sealed class PackDefinition
{
    public required string Source { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Hash { get; init; }
    public LocalizedText? Description { get; init; }
    public LocalizedText? Advisory { get; init; }
    public List<ParameterDef> Parameters { get; } = new();
    public List<CitationDef> Citations { get; } = new();
    public List<InterventionDef> Interventions { get; } = new();
    public List<WorkflowDef> Workflows { get; } = new();
}

internal sealed record ParameterDef(ParameterEntry Entry, bool Override, int? Line);

internal sealed record CitationDef(CitationEntry Entry, bool Override, int? Line);

internal sealed record InterventionDef(InterventionEntry Entry, bool Override, int? Line);

internal sealed record ScopedParamDef(string Name, string Expression, int? Line);

internal sealed class WorkflowDef
{
    public required string Name { get; init; }
    public int? Line { get; init; }
    public List<ScopedParamDef> GlobalParams { get; } = new();
    public List<RuleDef> Rules { get; } = new();
}

internal sealed partial class RuleDef
{
    public required string Name { get; init; }
    public required string Pack { get; init; }
    public required string Source { get; init; }
    public required string Workflow { get; set; }
    public int? Line { get; init; }

    /// <summary>The lines of the rule's Expression, SuccessEvent and citations, so that problems point at them.</summary>
    public int? ExpressionLine { get; init; }
    public int? SuccessEventLine { get; init; }
    public int? CitationsLine { get; init; }

    /// <summary>'citations' is present but not an array of strings (already reported by the parser).</summary>
    public bool CitationsMalformed { get; set; }
    public string? Expression { get; init; }
    public string? SuccessEvent { get; init; }
    public string? Operator { get; init; }
    public bool Enabled { get; init; } = true;
    public string? ErrorMessage { get; init; }
    public List<ScopedParamDef> LocalParams { get; } = new();
    public List<RuleDef> Children { get; private set; } = new();

    // Pathways' rule properties (RulesEngine's Properties bag).
    public RuleRole Role { get; init; }
    public List<string> Citations { get; } = new();
    public EvidenceGrade? Evidence { get; init; }
    public string? EvidenceWording { get; init; }
    public LocalizedText? Reason { get; set; }
    public LocalizedText? WhyNot { get; set; }
    public LocalizedText? Caveat { get; set; }

    /// <summary>A caveat rule's text for when it cannot be decided because a fact it reads is unknown (explained results).</summary>
    public LocalizedText? IfUnknown { get; set; }
    public Dictionary<string, LocalizedText> Findings { get; private set; } = new(StringComparer.Ordinal);
    public bool Override { get; init; }
    public Dictionary<string, object?> RawProperties { get; } = new(StringComparer.Ordinal);
}
