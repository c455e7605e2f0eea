namespace Pathways.Server.Http;

/// <summary>The query parameters <c>lang</c> and <c>explain</c> shared by the recommending endpoints.</summary>
internal static class QueryOptions
{
    /// <summary>Reads <c>lang=da|en</c> and <c>explain=true|false</c>; every bad value becomes an error entry.</summary>
    /// <returns>The options (language <see langword="null"/> = the configured one), or <see langword="null"/> when <paramref name="errors"/> is not empty.</returns>
    public static RecommendOptions? Read(HttpRequest request, List<KeyValuePair<string, string>> errors)
    {
        Language? language = null;
        var lang = request.Query["lang"];
        if (lang.Count > 0)
        {
            switch (lang.ToString())
            {
                case "da": language = Language.Da; break;
                case "en": language = Language.En; break;
                default: errors.Add(Problems.Error("lang", $"Query parameter 'lang' has value \"{Short(lang.ToString())}\": allowed 'da' or 'en'.")); break;
            }
        }

        var explain = true;
        var ex = request.Query["explain"];
        if (ex.Count > 0)
        {
            switch (ex.ToString())
            {
                case "true": explain = true; break;
                case "false": explain = false; break;
                default: errors.Add(Problems.Error("explain", $"Query parameter 'explain' has value \"{Short(ex.ToString())}\": allowed 'true' or 'false'.")); break;
            }
        }

        return errors.Count > 0 ? null : new RecommendOptions { Language = language, Explain = explain };
    }

    private static string Short(string s) => s.Length > 40 ? s[..37] + "…" : s;
}
