using System.Security.Cryptography;

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

    /// <summary>Whether <paramref name="resource"/> (the embedded pack's bytes) is what this form was generated from.</summary>
    public static bool IsFor(byte[] resource)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(resource);
        if (ResourceSha256.Length != hash.Length * 2) return false;
        for (var i = 0; i < hash.Length; i++)
        {
            if (ResourceSha256[2 * i] != Hex(hash[i] >> 4) || ResourceSha256[(2 * i) + 1] != Hex(hash[i] & 15)) return false;
        }

        return true;

        static char Hex(int n) => (char)(n < 10 ? '0' + n : 'a' + n - 10);
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
}
