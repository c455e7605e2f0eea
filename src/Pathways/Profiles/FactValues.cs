using System.Collections;
using System.Globalization;

namespace Pathways;

/// <summary>The JSON kind of a fact's value before it is checked against a declaration.</summary>
internal enum FactKind : byte
{
    Boolean,
    Number,
    Text,
}

/// <summary>One fact's value: a boolean or number in <see cref="Number"/> (1 or 0 for booleans), an enum's text in <see cref="Text"/>.</summary>
internal readonly struct FactValue : IEquatable<FactValue>
{
    public FactValue(FactKind kind, double number, string? text)
    {
        Kind = kind;
        Number = number;
        Text = text;
    }

    public FactKind Kind { get; }

    public double Number { get; }

    public string? Text { get; }

    public static FactValue Of(bool value) => new(FactKind.Boolean, value ? 1 : 0, null);

    public static FactValue Of(double value) => new(FactKind.Number, value, null);

    public static FactValue Of(string value) => new(FactKind.Text, 0, value);

    public object Boxed => Kind switch
    {
        FactKind.Boolean => Number != 0,
        FactKind.Number => Number,
        _ => Text!,
    };

    public bool IsWhole => Kind == FactKind.Number && Number == Math.Floor(Number) && !double.IsInfinity(Number);

    public bool Equals(FactValue other) => Kind == other.Kind && Number.Equals(other.Number) && Text == other.Text;

    public override bool Equals(object? obj) => obj is FactValue v && Equals(v);

    public override int GetHashCode() => ((int)Kind * 397) ^ Number.GetHashCode() ^ (Text?.GetHashCode() ?? 0);

    public override string ToString() => Kind switch
    {
        FactKind.Boolean => Number != 0 ? "true" : "false",
        FactKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
        _ => "\"" + Text + "\"",
    };
}

/// <summary>
/// The facts that packs declare (CONTRACT §4.1), given for one citizen: a name and a value each (a
/// <see cref="bool"/>, a number, or the <see cref="string"/> of an enum value). A fact left out is unknown, and a rule
/// that needs it does not fire, exactly as for the built-in fields. Immutable: <see cref="With(string, bool)"/> and
/// its overloads return a new collection. The values are checked against the loaded packs' declarations when the
/// profile is recommended for: a fact no pack declares, a wrong type, a value out of range or outside the
/// declared values is an invalid profile (<see cref="ProfileValidationException"/>).
/// </summary>
/// <example><code>var profile = new CitizenProfile { Age = 30, Readiness = Readiness.ActivityReady, Facts = FactValues.Empty.With("homeless", true) };</code></example>
public sealed class FactValues : IReadOnlyCollection<KeyValuePair<string, object>>, IEquatable<FactValues>
{
    private readonly string[] _names;
    private readonly FactValue[] _values;
    private volatile FactResolution? _resolved;

    private FactValues(string[] names, FactValue[] values)
    {
        _names = names;
        _values = values;
    }

    /// <summary>No facts given: every declared fact is unknown.</summary>
    public static FactValues Empty { get; } = new(Array.Empty<string>(), Array.Empty<FactValue>());

    /// <summary>How many facts are given.</summary>
    public int Count => _names.Length;

    /// <summary>The names of the facts given, in ordinal order.</summary>
    public IEnumerable<string> Names => _names;

    /// <summary>A copy with a boolean fact set (replacing any value it had).</summary>
    /// <param name="name">The declared fact's name, e.g. <c>homeless</c>.</param>
    /// <param name="value">Its value.</param>
    public FactValues With(string name, bool value) => With(name, FactValue.Of(value));

    /// <summary>A copy with an integer fact set (replacing any value it had).</summary>
    /// <param name="name">The declared fact's name, e.g. <c>yearsInDenmark</c>.</param>
    /// <param name="value">Its value.</param>
    public FactValues With(string name, int value) => With(name, FactValue.Of(value));

    /// <summary>A copy with a number fact set (replacing any value it had).</summary>
    /// <param name="name">The declared fact's name.</param>
    /// <param name="value">Its value.</param>
    public FactValues With(string name, double value) => With(name, FactValue.Of(value));

    /// <summary>A copy with an enum fact set to one of its declared values (replacing any value it had).</summary>
    /// <param name="name">The declared fact's name, e.g. <c>danishLevel</c>.</param>
    /// <param name="value">One of the declared values, e.g. <c>basic</c>.</param>
    public FactValues With(string name, string value) => With(name, FactValue.Of(value ?? throw new ArgumentNullException(nameof(value))));

    /// <summary>A copy without the fact, so that it is unknown.</summary>
    /// <param name="name">The fact's name.</param>
    public FactValues Without(string name)
    {
        var i = IndexOf(name ?? throw new ArgumentNullException(nameof(name)));
        if (i < 0) return this;
        if (_names.Length == 1) return Empty;
        return new FactValues(_names.Where((_, k) => k != i).ToArray(), _values.Where((_, k) => k != i).ToArray());
    }

    /// <summary>The value of a fact (a <see cref="bool"/>, a <see cref="double"/> or a <see cref="string"/>), if it is given.</summary>
    /// <param name="name">The fact's name.</param>
    /// <param name="value">The value, or <see langword="null"/> when the fact is not given.</param>
    public bool TryGetValue(string name, out object? value)
    {
        var i = IndexOf(name ?? throw new ArgumentNullException(nameof(name)));
        value = i < 0 ? null : _values[i].Boxed;
        return i >= 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++) yield return new KeyValuePair<string, object>(_names[i], _values[i].Boxed);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(FactValues? other) =>
        other is not null && (ReferenceEquals(this, other) || (_names.SequenceEqual(other._names, StringComparer.Ordinal) && _values.SequenceEqual(other._values)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FactValues);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = 17;
        for (var i = 0; i < _names.Length; i++) h = (h * 31) ^ StringComparer.Ordinal.GetHashCode(_names[i]) ^ _values[i].GetHashCode();
        return h;
    }

    /// <summary>The facts as <c>{ homeless: true, danishLevel: "basic" }</c>.</summary>
    public override string ToString() => "{ " + string.Join(", ", _names.Select((n, i) => n + ": " + _values[i])) + " }";

    internal static FactValues From(List<(string Name, FactValue Value)> entries, FactResolution? resolved)
    {
        if (entries.Count == 0 && resolved is null) return Empty;
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new FactValues(entries.Select(e => e.Name).ToArray(), entries.Select(e => e.Value).ToArray()) { _resolved = resolved };
    }

    /// <summary>
    /// The values checked against a rule set's declared facts, in the table's slots, with the bits of the declared facts
    /// that are unknown. Cached for the last table, so a profile read for a rule set is checked once.
    /// </summary>
    internal FactResolution Resolve(FactTable table)
    {
        var r = _resolved;
        if (r is not null && ReferenceEquals(r.Table, table)) return r;
        if (_names.Length == 0) return table.NoneGiven;
        var slots = new FactValue[table.Declared.Count];
        ulong known = 0;
        List<ProfileProblem>? problems = null;
        for (var i = 0; i < _names.Length; i++)
        {
            if (!table.TryGetDeclared(_names[i], out var def))
            {
                var field = PackParser.FactNamePattern.IsMatch(_names[i]) ? "facts." + _names[i] : "facts";
                (problems ??= new()).Add(new ProfileProblem(field, null, FactTable.Undeclared(table, _names[i])));
                continue;
            }

            var v = _values[i];
            if (FactTable.Check(def, ref v) is { } message)
            {
                (problems ??= new()).Add(new ProfileProblem(def.Path, FactTable.Show(_values[i]), message));
                continue;
            }

            slots[def.Slot] = v;
            known |= 1UL << def.Bit;
        }

        r = new FactResolution(table, slots, table.DeclaredMask & ~known, problems);
        _resolved = r;
        return r;
    }

    internal FactValues With(string name, FactValue value)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        var i = IndexOf(name);
        if (i >= 0)
        {
            var values = (FactValue[])_values.Clone();
            values[i] = value;
            return new FactValues(_names, values);
        }

        var list = _names.Select((n, k) => (n, _values[k])).Append((name, value)).ToList();
        return From(list, null);
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], name, StringComparison.Ordinal)) return i;
        }

        return -1;
    }
}

/// <summary>A profile's declared facts checked against one rule set's table: values by slot, and which are unknown.</summary>
internal sealed class FactResolution(FactTable table, FactValue[] slots, ulong unknown, List<ProfileProblem>? problems)
{
    public FactTable Table { get; } = table;

    public FactValue[] Slots { get; } = slots;

    /// <summary>The bits of the declared facts that are not given.</summary>
    public ulong Unknown { get; } = unknown;

    public List<ProfileProblem>? Problems { get; } = problems;
}
