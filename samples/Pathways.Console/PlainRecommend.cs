namespace Pathways.Console;

/// <summary>
/// The plainest recommend (a profile, at most <c>--format</c> and <c>--lang</c> with their allowed values) is what a
/// one-shot caller types most; it needs neither System.CommandLine nor its grammar, which cost a tenth of a cold start.
/// Apart from <see cref="Cli"/>, so that this path does not even load System.CommandLine. GrammarTests hold every form
/// taken here to what System.CommandLine makes of it; anything else goes there.
/// </summary>
internal static class PlainRecommend
{
    /// <summary>
    /// <c>recommend &lt;profile&gt; [--format text|json] [--lang da|en]</c>, each option at most once, written exactly so
    /// (no <c>--option=value</c>, no response file, no help): what System.CommandLine would parse without an error.
    /// </summary>
    internal static bool TryParse(string[] args, out (string Profile, bool Json, Language Language) plain)
    {
        plain = default;
        if (args.Length is not (2 or 4 or 6) || args[0] != "recommend") return false;
        var profile = args[1];
        if (profile.Length == 0 || (profile[0] is '-' or '@' && profile != "-")) return false;
        string? format = null, lang = null;
        for (var i = 2; i < args.Length; i += 2)
        {
            var (name, value) = (args[i], args[i + 1]);
            if (name == "--format" && format is null && value is "text" or "json") format = value;
            else if (name == "--lang" && lang is null && value is "da" or "en") lang = value;
            else return false;
        }

        plain = (profile, format == "json", lang == "en" ? Language.En : Language.Da);
        return true;
    }

}
