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

    /// <summary>The facts the pack declares (CONTRACT §4.1), in file order.</summary>
    public List<FactDefinition> Facts { get; } = new();

    /// <summary>What makes the pack's advice poorer but not wrong (CONTRACT §4.4).</summary>
    public List<PackProblem> Warnings { get; } = new();

    /// <summary>The pack's own test cases (CONTRACT §4.2), in file order.</summary>
    public List<PackTestDef> Tests => _tests ?? LazyInitializer.EnsureInitialized(ref _tests, () => _makeTests?.Invoke() ?? new List<PackTestDef>())!;

    private List<PackTestDef>? _tests;
    private Func<List<PackTestDef>>? _makeTests;

    /// <summary>Makes the tests when they are first read (the precompiled built-in pack: a recommendation never needs them).</summary>
    internal void SetTests(Func<List<PackTestDef>> make)
    {
        _makeTests = make;
        IsPrecompiled = true;
    }

    /// <summary>The precompiled built-in pack (<see cref="PrecompiledBuiltInPack"/>), whose tests were checked when it was generated.</summary>
    internal bool IsPrecompiled { get; private set; }
}

/// <summary>A test case of a pack (CONTRACT §4.2): a profile and what the advice for it must (not) contain.</summary>
internal sealed class PackTestDef
{
    public required string Name { get; init; }
    public int? Line { get; init; }

    /// <summary>The profile; <see langword="null"/> when it was invalid (already reported).</summary>
    public CitizenCase? Case { get; init; }
    public List<string> Recommended { get; } = new();
    public List<string> NotRecommended { get; } = new();
    public Dictionary<string, EvidenceGrade> Evidence { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> Citations { get; } = new(StringComparer.Ordinal);

    /// <summary>Per intervention: whether it must be recommended with at least one caveat (true) or none (false).</summary>
    public Dictionary<string, bool> Caveats { get; } = new(StringComparer.Ordinal);
    public List<string> Fired { get; } = new();
    public List<string> NotFired { get; } = new();

    /// <summary>Every intervention id, citation key and rule name the test names, with the line that names it.</summary>
    public List<(PackTestReference Kind, string Value, int? Line)> References { get; } = new();
    /// <summary>The test after <paramref name="fill"/> has filled its lists (for the precompiled built-in pack).</summary>
    internal static PackTestDef With(PackTestDef test, Action<PackTestDef> fill)
    {
        fill(test);
        return test;
    }
}

internal enum PackTestReference
{
    Intervention,
    Citation,
    Rule,
}

internal sealed record ParameterDef(ParameterEntry Entry, bool Override, int? Line);

/// <summary>A value of a parameter and the days (both included) it applies.</summary>
internal sealed record ParameterPeriod(DateTime From, DateTime To, double Value);

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

    /// <summary>The first and last day the rule is in force (both included); <see langword="null"/> when open.</summary>
    public DateTime? ValidFrom { get; init; }
    public DateTime? ValidTo { get; init; }
    public Dictionary<string, object?> RawProperties { get; } = new(StringComparer.Ordinal);
    /// <summary>The rule after <paramref name="fill"/> has filled its lists (for the precompiled built-in pack).</summary>
    internal static RuleDef With(RuleDef rule, Action<RuleDef> fill)
    {
        fill(rule);
        return rule;
    }
}
