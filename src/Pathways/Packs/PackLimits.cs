using Newtonsoft.Json.Linq;

namespace Pathways;

/// <summary>
/// The documented limits on what one load may ask of the process (docs/writing-packs.md, "Limits"). Each is
/// checked before the costly work it guards (reading, compiling), so a hostile or mistaken pack is refused with a
/// sentence instead of taking minutes, gigabytes or the reload lock.
/// </summary>
internal static class PackLimits
{
    /// <summary>The largest pack file or stream read: 4 MiB (the built-in pack is about 60 KB).</summary>
    public const int MaxPackBytes = 4 * 1024 * 1024;

    /// <summary>The most packs (files and streams, the built-in pack not counted) in one load.</summary>
    public const int MaxPacks = 1000;

    /// <summary>The most rules in one pack, nested rules included.</summary>
    public const int MaxRulesPerPack = 5000;

    /// <summary>The most rules over all loaded packs, nested rules included.</summary>
    public const int MaxRules = 20000;

    /// <summary>The most parameters, GlobalParams and LocalParams in one pack, together.</summary>
    public const int MaxParamsPerPack = 5000;

    /// <summary>The deepest nesting of rules: a top-level rule is level 1, its nested rules level 2, and so on.</summary>
    public const int MaxRuleNesting = 16;

    /// <summary>The problem when a pack is larger than <see cref="MaxPackBytes"/>.</summary>
    public static string TooLarge(long bytes) =>
        $"The pack is {bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes or more; a pack may be at most {MaxPackBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes (4 MiB): split it into several packs.";

    /// <summary>
    /// Counts the pack's rules, parameters and rule nesting in its JSON and says which limit it exceeds, before any
    /// of it is parsed into rules or compiled; <see langword="null"/> when it is within every limit.
    /// </summary>
    public static string? Exceeded(JObject pack)
    {
        var rules = 0;
        var parameters = pack["parameters"] is JArray ps ? ps.Count : 0;
        var deepest = 0;
        if (pack["workflows"] is JArray workflows)
        {
            foreach (var wf in workflows.OfType<JObject>())
            {
                if (wf["GlobalParams"] is JArray g) parameters += g.Count;
                if (wf["Rules"] is JArray top) Count(top, 1);
            }
        }

        if (rules > MaxRulesPerPack)
            return $"The pack has {rules} rules (nested rules included); a pack may have at most {MaxRulesPerPack}: split it into several packs.";
        if (parameters > MaxParamsPerPack)
            return $"The pack has {parameters} parameters, GlobalParams and LocalParams together; a pack may have at most {MaxParamsPerPack}.";
        if (deepest > MaxRuleNesting)
            return $"The pack nests rules {deepest} levels deep; rules may be nested at most {MaxRuleNesting} levels (a top-level rule is level 1).";
        return null;

        void Count(JArray list, int level)
        {
            foreach (var rule in list.OfType<JObject>())
            {
                rules++;
                if (level > deepest) deepest = level;
                if (rule["LocalParams"] is JArray lp) parameters += lp.Count;
                if (rule["Rules"] is JArray children && level <= MaxRuleNesting) Count(children, level + 1);
            }
        }
    }
}
