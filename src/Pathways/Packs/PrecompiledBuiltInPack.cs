namespace Pathways;

/// <summary>
/// The built-in pack compiled with the library: its definition as <see cref="PackParser"/> reads it, each leaf rule's
/// expression as C#, and the built-in facts' delegates (<c>PrecompiledBuiltInPack.g.cs</c>, generated from the very
/// trees the library compiles and checked by a test). A process with only the built-in pack then neither parses the
/// pack's JSON nor starts the expression parser (System.Linq.Dynamic.Core), which was most of a cold start.
/// Every part is used only where it provably matches: the embedded JSON's SHA-256, each rule's expression and the
/// parameters it sees, and the fact table's signature; otherwise the library parses and compiles as before.
/// </summary>
internal static partial class PrecompiledBuiltInPack
{
    private static readonly Lazy<Dictionary<string, PrecompiledRule>> LazyRules =
        new(() => CreateRules().ToDictionary(r => r.Name, StringComparer.Ordinal), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Whether <paramref name="resource"/> (the embedded pack's bytes) is what this form was generated from: its length
    /// and 64-bit FNV-1a hash. It guards against a build whose pack changed without regenerating (the tests fail then
    /// too), not against tampering: the pack and this code are in the same assembly. A cryptographic hash would load
    /// the platform's crypto library, a tenth of a cold start.
    /// </summary>
    public static bool IsFor(byte[] resource) => resource.Length == ResourceLength && Fnv1a(resource) == ResourceFnv1a;

    internal static ulong Fnv1a(byte[] data)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in data)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The precompiled leaf rules by name when the generated pack is among <paramref name="packs"/>; otherwise <see langword="null"/>.</summary>
    public static IReadOnlyDictionary<string, PrecompiledRule>? RulesFor(IReadOnlyList<PackDefinition> packs)
    {
        foreach (var p in packs)
        {
            if (p.Name == BuiltInFacts.Pack && p.Hash == PackHash) return LazyRules.Value;
        }

        return null;
    }

    private static bool SameNumbers(int[]? a, int[]? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i]) return false;
        }

        return true;
    }

    /// <summary>One built-in fact compared with what the generated delegates assume of it.</summary>
    /// <remarks>The property's type is not compared (that would need reflection at every start): the generated delegates
    /// assign the property's field, so a field of another type no longer compiles or converts as C# does.</remarks>
    private static bool Is(FactDefinition f, string name, int bit, FactLocation location, FactType type, Type owner, string property, int[]? enumNumbers, int unknownIndex, int values, double? min, double? max) =>
        f.Name == name && f.Bit == bit && f.Location == location && f.Type == type
        && f.Member is { } m && m.Owner == owner && m.Name == property
        && SameNumbers(f.EnumNumbers, enumNumbers)
        && f.UnknownIndex == unknownIndex && f.Values.Count == values && f.Minimum == min && f.Maximum == max;
}
