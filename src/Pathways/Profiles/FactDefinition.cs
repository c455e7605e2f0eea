using System.Reflection;
using System.Text;

namespace Pathways;

/// <summary>The type of a fact: what its JSON value is and how rules compare it.</summary>
public enum FactType
{
    /// <summary><c>true</c> or <c>false</c>; rules read it as <c>bool?</c>.</summary>
    Boolean = 0,

    /// <summary>A whole number (32-bit), optionally within a minimum and maximum; rules read it as <c>int?</c>.</summary>
    Integer = 1,

    /// <summary>A number, optionally within a minimum and maximum; rules read it as <c>double?</c>.</summary>
    Number = 2,

    /// <summary>One of a fixed list of strings; rules read it as <c>string</c>.</summary>
    Enum = 3,
}

/// <summary>Where a fact sits in the profile JSON.</summary>
internal enum FactLocation
{
    Profile,
    Context,
    Facts,
}

/// <summary>
/// One fact that rules can read: a built-in field of the profile (CONTRACT §2) or a fact that a pack declares
/// (CONTRACT §4.1). The one declaration drives reading and validating the profile JSON, the rule expressions, the
/// why and why-not sentences and the profile JSON Schema. Immutable.
/// </summary>
public sealed class FactDefinition
{
    private readonly LocalizedText _label;

    internal FactDefinition(string name, FactLocation location, FactType type, IReadOnlyList<string>? values, double? minimum, double? maximum, LocalizedText label, string pack)
    {
        Name = name;
        Location = location;
        Type = type;
        Values = values ?? Array.Empty<string>();
        Minimum = minimum;
        Maximum = maximum;
        _label = label;
        Pack = pack;
        Path = location switch
        {
            FactLocation.Context => "context." + name,
            FactLocation.Facts => "facts." + name,
            _ => name,
        };
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Utf8Values = Values.Select(v => Encoding.UTF8.GetBytes(v)).ToArray();
    }

    /// <summary>The name in the JSON object that holds it: <c>age</c>, <c>caseworkerCaseload</c>, <c>homeless</c>.</summary>
    public string Name { get; }

    /// <summary>Where it sits in the profile JSON: <c>age</c>, <c>context.caseworkerCaseload</c>, <c>facts.homeless</c>.</summary>
    public string Path { get; }

    /// <summary>The type of its value.</summary>
    public FactType Type { get; }

    /// <summary>The allowed values of an <see cref="FactType.Enum"/> fact; empty for the other types.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The lowest allowed value of a number, when there is one.</summary>
    public double? Minimum { get; }

    /// <summary>The highest allowed value of a number, when there is one.</summary>
    public double? Maximum { get; }

    /// <summary>The pack that declares it; <c>pathways</c> (the built-in pack) for the built-in fields.</summary>
    public string Pack { get; }

    /// <summary>Whether a profile must give it (only <c>age</c> and <c>readiness</c>).</summary>
    public bool IsRequired { get; internal init; }

    /// <summary>Whether it is a built-in field of <see cref="CitizenProfile"/> or <see cref="AssessmentContext"/>.</summary>
    public bool IsBuiltIn => Location != FactLocation.Facts;

    /// <summary>The fact's label in plain language, as explanations name it.</summary>
    /// <param name="language">The language of the label.</param>
    public string GetLabel(Language language) => _label.Get(language);

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Type.ToString().ToLowerInvariant()})";

    internal FactLocation Location { get; }

    internal LocalizedText Label => _label;

    /// <summary>The bit of this fact in the unknown and needed masks (0–63).</summary>
    internal int Bit { get; private init; }

    /// <summary>The index of a declared fact among the declared facts (its slot in resolved values); -1 for built-ins.</summary>
    internal int Slot { get; private init; } = -1;

    /// <summary>The line of the declaration in its pack, for problems.</summary>
    internal int? Line { get; init; }

    internal byte[] Utf8Name { get; }

    internal byte[][] Utf8Values { get; }

    /// <summary>A built-in fact's C# property: the type that has it (<see cref="CitizenProfile"/> or <see cref="AssessmentContext"/>) and its name.</summary>
    internal (Type Owner, string Name)? Member { get; init; }

    /// <summary>The property itself, found by reflection when first asked for (a cold start with the precompiled delegates never asks).</summary>
    internal PropertyInfo? Property => Member is { } m ? _property ??= m.Owner.GetProperty(m.Name) : null;

    private PropertyInfo? _property;

    /// <summary>The value of an enum fact that means "not known" (readiness <c>unknown</c>), or -1.</summary>
    internal int UnknownIndex { get; init; } = -1;

    /// <summary>A description for the JSON Schema (built-in fields), else the label is used.</summary>
    internal string? Description { get; init; }

    /// <summary>"om borgeren har en psykisk lidelse": what is missing when the fact is unknown; else the label.</summary>
    internal LocalizedText? MissingText { get; init; }

    /// <summary>The phrases for true and false of a boolean, per value of an enum, or "{0} år" for a number.</summary>
    internal LocalizedText? TrueText { get; init; }

    internal LocalizedText? FalseText { get; init; }

    internal LocalizedText[]? ValueTexts { get; init; }

    internal LocalizedText? NumberText { get; init; }

    /// <summary>A built-in enum fact's C# enum values, in the order of <see cref="Values"/>.</summary>
    internal int[]? EnumNumbers { get; init; }

    /// <summary>A copy at its place in one table: its bit and, for a declared fact, its slot.</summary>
    internal FactDefinition At(int bit, int slot) => new(Name, Location, Type, Values, Minimum, Maximum, _label, Pack)
    {
        Bit = bit,
        Slot = slot,
        IsRequired = IsRequired,
        Line = Line,
        Member = Member,
        UnknownIndex = UnknownIndex,
        Description = Description,
        MissingText = MissingText,
        TrueText = TrueText,
        FalseText = FalseText,
        ValueTexts = ValueTexts,
        NumberText = NumberText,
        EnumNumbers = EnumNumbers,
    };
}
