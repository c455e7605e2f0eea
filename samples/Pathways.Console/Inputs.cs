using Microsoft.Extensions.Options;

namespace Pathways.Console;

/// <summary>The steps every command shares: opening the rule set and reading input files, each failure as one sentence.</summary>
internal static class Inputs
{
    /// <summary>
    /// Opens the recommender with the built-in pack and the <c>--rules</c> packs. A refused pack is reported with
    /// every problem the library found, one line each, and gives <see cref="ExitCodes.InvalidPack"/>.
    /// </summary>
    public static PathwayRecommender? OpenRecommender(ConsoleIo io, IReadOnlyList<string> rules, Language language, out int exitCode)
    {
        try
        {
            var recommender = PathwayRecommender.Create(o =>
            {
                o.Language = language;
                foreach (var path in rules) o.Packs.Add(path);
            });
            exitCode = ExitCodes.Success;
            return recommender;
        }
        catch (PackLoadException e)
        {
            ReportPackProblems(io, e.Problems);
            exitCode = ExitCodes.InvalidPack;
            return null;
        }
        catch (OptionsValidationException e)
        {
            // Only an empty --rules value gets here: the command line, not a pack, is wrong.
            io.Error($"Usage error: {e.Failures.First().TrimEnd('.')}; see 'pathways --help'.");
            exitCode = ExitCodes.Usage;
            return null;
        }
    }

    /// <summary>
    /// The problems of a profile read against the built-in pack and the <c>--rules</c> packs (declared facts included), or
    /// <see langword="null"/> when the packs do not load (their problems are then reported by the command that needs them).
    /// </summary>
    public static ProfileValidationException? RereadWithPacks(string text, string label, IReadOnlyList<string> rules)
    {
        if (rules.Count == 0) return null;
        try
        {
            var recommender = PathwayRecommender.Create(o =>
            {
                foreach (var path in rules) o.Packs.Add(path);
            });
            recommender.ReadProfile(text, label);
            return null;
        }
        catch (ProfileValidationException e)
        {
            return e;
        }
        catch (Exception e) when (e is PackLoadException or OptionsValidationException)
        {
            return null;
        }
    }

    /// <summary>Each pack problem as its own line: file(line): workflow, rule: what is wrong.</summary>
    public static void ReportPackProblems(ConsoleIo io, IEnumerable<PackProblem> problems)
    {
        foreach (var problem in problems) io.Error(problem.ToString());
    }

    /// <summary>Whether the path names a file; otherwise says in one sentence why not.</summary>
    private static bool IsReadableFile(ConsoleIo io, string path, string what)
    {
        if (Directory.Exists(path))
        {
            io.Error($"{path}: this is a folder; give the {what} file.");
            return false;
        }

        if (!File.Exists(path))
        {
            io.Error($"{path}: no {what} file at this path.");
            return false;
        }

        return true;
    }

    /// <summary>Reads a whole text file, or standard input for <c>-</c>; a missing or unreadable file is one sentence.</summary>
    public static string? ReadText(ConsoleIo io, string path, string what, out string label)
    {
        label = path == "-" ? "(standard input)" : path;
        if (path == "-") return io.In.ReadToEnd();
        if (!IsReadableFile(io, path, what)) return null;

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error($"{path}: the {what} file cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>Opens a file (or standard input for <c>-</c>) for streaming; a missing or unreadable file is one sentence.</summary>
    public static TextReader? OpenText(ConsoleIo io, string path, string what)
    {
        if (path == "-") return io.In;
        if (!IsReadableFile(io, path, what)) return null;

        try
        {
            return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error($"{path}: the {what} file cannot be read: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Each profile problem as its own line, naming the file, the line and the field:
    /// <c>profile.json, line 3: Field 'age' has value 7, which is out of range: allowed 15–100.</c>
    /// </summary>
    public static void ReportProfileProblems(ConsoleIo io, string label, ProfileValidationException e)
    {
        foreach (var p in e.Problems)
        {
            var where = p.Line is { } line ? $"{label}, line {line}" : label;
            io.Error($"{where}: {p.Message}");
        }
    }
}
