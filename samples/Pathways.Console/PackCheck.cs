using System.Text.Json;

namespace Pathways.Console;

/// <summary>What <c>validate</c> found for one pack file.</summary>
/// <param name="Source">The pack file (or the path given, when it names no pack file).</param>
/// <param name="Name">The pack's name, when the file could be read.</param>
/// <param name="Version">The pack's version, when the file could be read.</param>
/// <param name="RuleCount">The pack's top-level rules over all its workflows (0 when the file could not be read).</param>
/// <param name="Problems">Every problem found; empty when the pack loads.</param>
/// <remarks>The same shape as the library's pack report, so that switching to it changes no caller.</remarks>
internal sealed record PackReport(string Source, string? Name, string? Version, int RuleCount, IReadOnlyList<PackProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Checks packs exactly as the library loads them: after the built-in pack, in the order given, a folder's
/// <c>*.json</c> files in name order. Each file is loaded on top of the built-in pack and the files before it
/// that loaded, so that every file's problems are found even when an earlier file is refused.
/// </summary>
/// <remarks>
/// This is the one place to switch to the library's own pack validator once it is public: everything else in
/// the console only reads <see cref="PackReport"/>s.
/// </remarks>
internal static class PackCheck
{
    public static IReadOnlyList<PackReport> Validate(IReadOnlyList<string> paths)
    {
        var reports = new List<PackReport>();
        var loaded = new List<string>();
        foreach (var path in paths)
        {
            foreach (var (file, problem) in Expand(path))
            {
                if (problem is not null)
                {
                    reports.Add(new PackReport(file, null, null, 0, new[] { problem }));
                    continue;
                }

                var (name, version, rules) = Summary(file);
                try
                {
                    PathwayRecommender.Create(o =>
                    {
                        foreach (var earlier in loaded) o.Packs.Add(earlier);
                        o.Packs.Add(file);
                    });
                    loaded.Add(file);
                    reports.Add(new PackReport(file, name, version, rules, Array.Empty<PackProblem>()));
                }
                catch (PackLoadException e)
                {
                    reports.Add(new PackReport(file, name ?? e.Problems.Select(p => p.Pack).FirstOrDefault(p => p is not null), version, rules, e.Problems));
                }
            }
        }

        return reports;
    }

    /// <summary>A folder's <c>*.json</c> files in ordinal name order (as the library loads them), or the file itself.</summary>
    private static IEnumerable<(string File, PackProblem? Problem)> Expand(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly);
            Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0)
                yield return (path, new PackProblem(path, null, null, null, null, "The folder holds no *.json pack files."));
            foreach (var f in files) yield return (f, null);
        }
        else if (File.Exists(path))
        {
            yield return (path, null);
        }
        else
        {
            yield return (path, new PackProblem(path, null, null, null, null, "No pack file or folder at this path."));
        }
    }

    /// <summary>Name, version and top-level rule count, read leniently for the report; nulls where the file does not say.</summary>
    private static (string? Name, string? Version, int Rules) Summary(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, 0);
            string? Text(string property) =>
                root.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var rules = 0;
            if (root.TryGetProperty("workflows", out var workflows) && workflows.ValueKind == JsonValueKind.Array)
            {
                foreach (var workflow in workflows.EnumerateArray())
                {
                    if (workflow.ValueKind == JsonValueKind.Object && workflow.TryGetProperty("Rules", out var list) && list.ValueKind == JsonValueKind.Array)
                        rules += list.GetArrayLength();
                }
            }

            return (Text("name"), Text("version"), rules);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return (null, null, 0);
        }
    }
}
