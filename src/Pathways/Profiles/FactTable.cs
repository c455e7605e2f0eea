using System.Globalization;
using System.Linq.Expressions;

namespace Pathways;

/// <summary>
/// Every fact a rule set knows: the built-in fields (bits 0–11) and the facts its packs declare (bits 12 and up),
/// at most <see cref="MaxFacts"/> in all so that a rule's needs and a citizen's unknowns are one 64-bit mask each.
/// Derived from the table: the reader, validation, the unknown mask, the why and why-not sentences and the schema.
/// </summary>
internal sealed class FactTable
{
    /// <summary>The most facts in all (built-in and declared): one bit each in a 64-bit mask.</summary>
    public const int MaxFacts = 64;

    private static readonly FactDefinition[] BuiltInDefs = CreateBuiltIns();
    // The delegates below are derived from the table. The library carries them precompiled (C# generated from these very
    // expression trees, see PrecompiledBuiltInPack), used only while the table is the one they were generated from;
    // otherwise they are compiled here.
    private static readonly bool Precompiled = PrecompiledBuiltInPack.FactsMatch(BuiltInDefs);
    private static readonly Func<object, object?>[] Getters = Precompiled ? PrecompiledBuiltInPack.Getters : BuiltInDefs.Select(d => GetterLambda(d).Compile()).ToArray();
    private static readonly Action<object, FactValue>[] Setters = Precompiled ? PrecompiledBuiltInPack.Setters : BuiltInDefs.Select(d => SetterLambda(d).Compile()).ToArray();

    /// <summary>The bits of the built-in facts that are unknown (null, or readiness <c>unknown</c>), compiled from the table.</summary>
    public static readonly Func<CitizenProfile, AssessmentContext, ulong> BuiltInUnknown = Precompiled ? PrecompiledBuiltInPack.Unknown : UnknownLambda().Compile();

    /// <summary>Whether every built-in field is within its range and values, compiled from the table (the hot path's check).</summary>
    public static readonly Func<CitizenProfile, AssessmentContext, bool> BuiltInValid = Precompiled ? PrecompiledBuiltInPack.Valid : ValidLambda().Compile();

    /// <summary>Whether this process uses the precompiled delegates of the built-in facts.</summary>
    internal static bool UsesPrecompiled => Precompiled;

    /// <summary>The built-in facts in bit order, for the generator of the precompiled delegates.</summary>
    internal static IReadOnlyList<FactDefinition> BuiltInDefinitions => BuiltInDefs;

    private readonly Dictionary<string, FactDefinition> _declared;

    public FactTable(IReadOnlyList<FactDefinition> declared)
    {
        var copies = declared.Select((d, i) => d.At(BuiltInDefs.Length + i, i)).ToArray();
        AllArray = BuiltInDefs.Concat(copies).ToArray();
        DeclaredArray = copies;
        _declared = copies.ToDictionary(d => d.Name, StringComparer.Ordinal);
        foreach (var d in copies) DeclaredMask |= 1UL << d.Bit;
        NoneGiven = new FactResolution(this, new FactValue[copies.Length], DeclaredMask, null);
        FactsType = DeclaredFactTypes.Create(copies);
    }

    /// <summary>The built-in fields only.</summary>
    public static FactTable BuiltIn { get; } = new(Array.Empty<FactDefinition>());

    /// <summary>The number of built-in facts (the first bits).</summary>
    public static int BuiltInCount => BuiltInDefs.Length;

    public IReadOnlyList<FactDefinition> All => AllArray;

    public IReadOnlyList<FactDefinition> BuiltIns => BuiltInDefs;

    public IReadOnlyList<FactDefinition> Declared => DeclaredArray;

    // Arrays for the hot loops: a foreach over an IReadOnlyList would allocate an enumerator per loop.
    internal FactDefinition[] AllArray { get; }

    internal static FactDefinition[] BuiltInArray => BuiltInDefs;

    internal FactDefinition[] DeclaredArray { get; }

    public ulong DeclaredMask { get; }

    /// <summary>The resolution of a profile that gives no declared facts.</summary>
    public FactResolution NoneGiven { get; }

    /// <summary>The type of the <c>facts</c> parameter of expressions: one nullable property per declared fact.</summary>
    public Type FactsType { get; }

    public bool TryGetDeclared(string name, out FactDefinition def) => _declared.TryGetValue(name, out def!);

    /// <summary>The bits of every unknown fact of this citizen: built-in and declared.</summary>
    public ulong Unknown(CitizenProfile p, AssessmentContext c)
    {
        var unknown = BuiltInUnknown(p, c);
        if (DeclaredMask != 0) unknown |= p.Facts.Count == 0 ? DeclaredMask : p.Facts.Resolve(this).Unknown;
        return unknown;
    }

    /// <summary>The bit of a built-in property as a rule reads it, or 0.</summary>
    public static ulong BitOf(Type owner, string property)
    {
        foreach (var d in BuiltInDefs)
        {
            if (d.Member is { } m && m.Owner == owner && m.Name == property) return 1UL << d.Bit;
        }

        return 0;
    }

    /// <summary>The fact's value for this citizen, when known.</summary>
    public bool TryGet(FactDefinition def, CitizenProfile p, AssessmentContext c, out FactValue value)
    {
        value = default;
        if (def.Location == FactLocation.Facts)
        {
            var r = p.Facts.Resolve(this);
            if ((r.Unknown & (1UL << def.Bit)) != 0 || r.Problems is not null) return false;
            value = r.Slots[def.Slot];
            return true;
        }

        var raw = Getters[def.Bit](def.Location == FactLocation.Context ? c : p);
        if (raw is null) return false;
        if (def.Type == FactType.Enum)
        {
            var index = Array.IndexOf(def.EnumNumbers!, Convert.ToInt32(raw, CultureInfo.InvariantCulture));
            if (index < 0 || index == def.UnknownIndex) return false;
            value = new FactValue(FactKind.Text, index, def.Values[index]);
            return true;
        }

        value = raw switch
        {
            bool b => FactValue.Of(b),
            int i => FactValue.Of(i),
            _ => FactValue.Of(Convert.ToDouble(raw, CultureInfo.InvariantCulture)),
        };
        return true;
    }

    /// <summary>A known fact's value as a plain phrase: "aktivitetsparat", "48 måneder på ydelse", "hjemløs: ja".</summary>
    public string Describe(FactDefinition def, CitizenProfile p, AssessmentContext c, Language lang) =>
        TryGet(def, p, c, out var v) ? Describe(def, v, lang) : Missing(def, lang);

    /// <summary>A known value of the fact as a plain phrase.</summary>
    public static string Describe(FactDefinition def, FactValue v, Language lang)
    {
        var en = lang == Language.En;
        var label = def.GetLabel(lang);
        switch (def.Type)
        {
            case FactType.Boolean:
                var text = v.Number != 0 ? def.TrueText : def.FalseText;
                return text?.Get(lang) ?? label + ": " + (v.Number != 0 ? (en ? "yes" : "ja") : (en ? "no" : "nej"));
            case FactType.Enum:
                return def.ValueTexts?[(int)v.Number].Get(lang) ?? label + ": " + v.Text;
            default:
                var n = def.Type == FactType.Integer
                    ? ((long)v.Number).ToString(CultureInfo.InvariantCulture)
                    // -0 is zero: shown as 0, never "-0".
                    : DecimalText(v.Number == 0 ? 0d : v.Number, en);
                return def.NumberText is { } t ? string.Format(CultureInfo.InvariantCulture, t.Get(lang), n) : label + ": " + n;
        }
    }

    /// <summary>
    /// A number with at most two decimals: English with a decimal point, Danish with a decimal comma — what the da-DK
    /// culture writes for "0.##" (no grouping, the same minus sign; tested), without loading its culture data.
    /// </summary>
    internal static string DecimalText(double value, bool english)
    {
        var text = value.ToString("0.##", CultureInfo.InvariantCulture);
        return english ? text : text.Replace('.', ',');
    }

    /// <summary>What is missing, as a plain phrase: "om borgeren har en psykisk lidelse", or the declared fact's label.</summary>
    public static string Missing(FactDefinition def, Language lang) => (def.MissingText ?? def.Label).Get(lang);

    /// <summary>
    /// Checks a value against the declaration; returns the problem as one sentence, or <see langword="null"/> when it is
    /// allowed. An enum value comes back with its index in <see cref="FactValue.Number"/> and the declared string.
    /// </summary>
    public static string? Check(FactDefinition def, ref FactValue v)
    {
        var field = def.Path;
        switch (def.Type)
        {
            case FactType.Boolean:
                return v.Kind == FactKind.Boolean ? null : $"Field '{field}' must be true, false or null but is {KindOf(v)} {Show(v)}.";
            case FactType.Integer:
                if (v.Kind != FactKind.Number || !v.IsWhole) return $"Field '{field}' must be a whole number but is {KindOf(v)} {Show(v)}.";
                if (v.Number is < int.MinValue or > int.MaxValue) return $"Field '{field}' has value {Show(v)}, which is too large for a whole number.";
                return Range(def, v);
            case FactType.Number:
                if (v.Kind != FactKind.Number) return $"Field '{field}' must be a number but is {KindOf(v)} {Show(v)}.";
                if (double.IsNaN(v.Number) || double.IsInfinity(v.Number)) return $"Field '{field}' has value {Show(v)}, which is not a finite number.";
                return Range(def, v);
            default:
                if (v.Kind == FactKind.Text)
                {
                    for (var i = 0; i < def.Values.Count; i++)
                    {
                        if (string.Equals(def.Values[i], v.Text, StringComparison.Ordinal))
                        {
                            v = new FactValue(FactKind.Text, i, def.Values[i]);
                            return null;
                        }
                    }
                }

                var names = string.Join(", ", def.Values.Select(x => "'" + x + "'"));
                return v.Kind != FactKind.Text
                    ? $"Field '{field}' must be a string, one of {names}, but is {KindOf(v)} {Show(v)}."
                    : $"Field '{field}' has value {Show(v)}, which is not allowed: one of {names}.";
        }
    }

    /// <summary>The allowed range as the messages and docs say it: "15–100", "0 or more".</summary>
    public static string Allowed(FactDefinition def)
    {
        static string N(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        return (def.Minimum, def.Maximum) switch
        {
            ({ } min, { } max) => $"{N(min)}–{N(max)}",
            ({ } min, null) => $"{N(min)} or more",
            (null, { } max) => $"{N(max)} or less",
            _ => "any value",
        };
    }

    /// <summary>A problem for a fact no loaded pack declares (the name is one the reader found plausible).</summary>
    public static string Undeclared(FactTable table, string name)
    {
        // A name that is not a fact name may be anything (a citizen's name, a CPR number): it is not shown.
        if (!PackParser.FactNamePattern.IsMatch(name))
            return "A fact in 'facts' has a name that is not a fact name (a lower-case letter, then letters and digits, at most 40 characters); its name is not shown.";
        var shown = name;
        if (table.Declared.Count == 0) return $"Fact 'facts.{shown}' is not declared by any loaded pack: no loaded pack declares facts.";
        var best = table.Declared.Select(d => d.Name).OrderBy(d => ProfileJson.Distance(name, d)).First();
        var hint = ProfileJson.Distance(name, best) <= Math.Max(2, name.Length / 4) ? $" (did you mean '{best}'?)" : string.Empty;
        return $"Fact 'facts.{shown}' is not declared by any loaded pack{hint}; declared: {string.Join(", ", table.Declared.Select(d => d.Name))}.";
    }

    /// <summary>The offending value, shortened to 40 characters.</summary>
    public static string Show(FactValue v)
    {
        var s = v.ToString();
        return s.Length > 40 ? s.Substring(0, 37) + "…" : s;
    }

    public static string KindOf(FactValue v) => v.Kind switch
    {
        FactKind.Boolean => "a boolean",
        FactKind.Number => v.IsWhole ? "a whole number" : "a number",
        _ => "a string",
    };

    /// <summary>Sets a built-in fact on a fresh profile or context (the reader's only way to fill them).</summary>
    public static void Set(FactDefinition def, object target, FactValue value) => Setters[def.Bit](target, value);

    /// <summary>Every problem with the built-in fields of a profile and context built in code.</summary>
    public static void Validate(CitizenProfile p, AssessmentContext? c, List<ProfileProblem> problems)
    {
        foreach (var def in BuiltInDefs)
        {
            if (def.Location == FactLocation.Context && c is null) continue;
            var raw = Getters[def.Bit](def.Location == FactLocation.Context ? c! : p);
            if (raw is null) continue;
            FactValue v;
            if (def.Type == FactType.Enum)
            {
                var number = Convert.ToInt32(raw, CultureInfo.InvariantCulture);
                var index = Array.IndexOf(def.EnumNumbers!, number);
                if (index < 0)
                {
                    var shown = number.ToString(CultureInfo.InvariantCulture);
                    problems.Add(new ProfileProblem(def.Path, shown, $"Field '{def.Path}' has value {shown}, which is not allowed: a defined {def.Property!.PropertyType.Name.Replace("Nullable`1", string.Empty)} value."));
                }

                continue;
            }

            v = raw switch
            {
                bool b => FactValue.Of(b),
                int i => FactValue.Of(i),
                _ => FactValue.Of(Convert.ToDouble(raw, CultureInfo.InvariantCulture)),
            };
            if (Check(def, ref v) is { } message) problems.Add(new ProfileProblem(def.Path, Show(v), message));
        }
    }

    private static string? Range(FactDefinition def, FactValue v) =>
        (def.Minimum is { } min && v.Number < min) || (def.Maximum is { } max && v.Number > max)
            ? $"Field '{def.Path}' has value {Show(v)}, which is out of range: allowed {Allowed(def)}."
            : null;

    private static FactDefinition[] CreateBuiltIns()
    {
        var defs = BuiltInFacts.Create();
        return defs.Select((d, i) => d.At(i, -1)).ToArray();
    }

    internal static Expression<Func<object, object?>> GetterLambda(FactDefinition def)
    {
        var o = Expression.Parameter(typeof(object), "o");
        var read = Expression.Property(Expression.Convert(o, def.Property!.DeclaringType!), def.Property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), o);
    }

    internal static Expression<Action<object, FactValue>> SetterLambda(FactDefinition def)
    {
        var o = Expression.Parameter(typeof(object), "o");
        var v = Expression.Parameter(typeof(FactValue), "v");
        var type = def.Property!.PropertyType;
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        var number = Expression.Property(v, nameof(FactValue.Number));
        Expression value = def.Type switch
        {
            FactType.Boolean => Expression.NotEqual(number, Expression.Constant(0d)),
            FactType.Enum => Expression.Convert(
                Expression.ArrayIndex(Expression.Constant(def.EnumNumbers), Expression.Convert(number, typeof(int))), plain),
            _ => Expression.Convert(number, plain),
        };
        if (value.Type != type) value = Expression.Convert(value, type);
        var assign = Expression.Assign(Expression.Property(Expression.Convert(o, def.Property.DeclaringType!), def.Property), value);
        return Expression.Lambda<Action<object, FactValue>>(assign, o, v);
    }

    internal static Expression<Func<CitizenProfile, AssessmentContext, ulong>> UnknownLambda()
    {
        var p = Expression.Parameter(typeof(CitizenProfile), "p");
        var c = Expression.Parameter(typeof(AssessmentContext), "c");
        Expression mask = Expression.Constant(0UL);
        foreach (var def in BuiltInDefs)
        {
            var read = Expression.Property(def.Location == FactLocation.Context ? c : p, def.Property!);
            Expression? unknown = null;
            if (Nullable.GetUnderlyingType(read.Type) is not null)
                unknown = Expression.Not(Expression.Property(read, "HasValue"));
            else if (def.UnknownIndex >= 0)
                unknown = Expression.Equal(Expression.Convert(read, typeof(int)), Expression.Constant(def.EnumNumbers![def.UnknownIndex]));
            if (unknown is not null)
                mask = Expression.Or(mask, Expression.Condition(unknown, Expression.Constant(1UL << def.Bit), Expression.Constant(0UL)));
        }

        return Expression.Lambda<Func<CitizenProfile, AssessmentContext, ulong>>(mask, p, c);
    }

    internal static Expression<Func<CitizenProfile, AssessmentContext, bool>> ValidLambda()
    {
        var p = Expression.Parameter(typeof(CitizenProfile), "p");
        var c = Expression.Parameter(typeof(AssessmentContext), "c");
        Expression all = Expression.Constant(true);
        foreach (var def in BuiltInDefs)
        {
            var read = Expression.Property(def.Location == FactLocation.Context ? c : p, def.Property!);
            var nullable = Nullable.GetUnderlyingType(read.Type) is not null;
            Expression value = nullable ? Expression.Property(read, "Value") : read;
            Expression? ok = null;
            if (def.Type == FactType.Enum)
            {
                // The enum's numbers are 0..n-1 (checked in the tests), so "defined" is one unsigned comparison.
                ok = Expression.LessThan(Expression.Convert(Expression.Convert(value, typeof(int)), typeof(uint)), Expression.Constant((uint)def.Values.Count));
            }
            else if (def.Type is FactType.Integer or FactType.Number)
            {
                var d = Expression.Convert(value, typeof(double));
                if (def.Minimum is { } min) ok = Expression.GreaterThanOrEqual(d, Expression.Constant(min));
                if (def.Maximum is { } max)
                {
                    var upper = Expression.LessThanOrEqual(d, Expression.Constant(max));
                    ok = ok is null ? upper : Expression.AndAlso(ok, upper);
                }
            }

            if (ok is null) continue;
            if (nullable) ok = Expression.OrElse(Expression.Not(Expression.Property(read, "HasValue")), ok);
            all = Expression.AndAlso(all, ok);
        }

        return Expression.Lambda<Func<CitizenProfile, AssessmentContext, bool>>(all, p, c);
    }
}
