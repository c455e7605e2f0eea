namespace Pathways;

/// <summary>Turns the configured pack locations into parsed packs, in load order.</summary>
internal static class PackSources
{
    /// <summary>A folder loads its <c>*.json</c> files (not subfolders) in ordinal name order; a file loads itself.</summary>
    public static IReadOnlyList<string> Expand(string path, List<PackProblem> problems)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly);
            System.Array.Sort(files, StringComparer.Ordinal);
            if (files.Length == 0)
                problems.Add(new PackProblem(path, null, null, null, null, "The folder holds no *.json pack files."));
            return files;
        }

        if (File.Exists(path)) return new[] { path };
        problems.Add(new PackProblem(path, null, null, null, null, "No pack file or folder at this path."));
        return System.Array.Empty<string>();
    }

    public static PackDefinition? ReadFile(string file, List<PackProblem> problems)
    {
        string json;
        try
        {
            json = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new PackProblem(file, null, null, null, null, $"The pack file cannot be read: {e.Message}"));
            return null;
        }

        return PackParser.Parse(json, file, problems);
    }

    public static PackDefinition? ReadStream(Func<Stream> open, string label, List<PackProblem> problems)
    {
        try
        {
            using var stream = open();
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            return PackParser.Parse(reader.ReadToEnd(), label, problems);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            problems.Add(new PackProblem(label, null, null, null, null, $"The pack stream cannot be read: {e.Message}"));
            return null;
        }
    }

    /// <summary>Reads and compiles the built-in pack (unless left out) and the configured packs; throws on any problem.</summary>
    public static CompiledRuleSet Build(PathwaysOptions options)
    {
        var noExtras = options.Packs.Count == 0 && options.PackStreams.Count == 0 && options.Parameters.Count == 0;
        if (options.IncludeBuiltInPack && noExtras) return BuiltInPack.RuleSet;
        ParserWarmUp.Start();

        var problems = new List<PackProblem>();
        var defs = new List<PackDefinition>();
        var sources = new List<string> { BuiltInPack.SourceLabel };
        if (options.IncludeBuiltInPack) defs.Add(BuiltInPack.Parse());
        foreach (var path in options.Packs)
        {
            sources.Add(path);
            foreach (var file in Expand(path, problems))
            {
                sources.Add(file);
                if (ReadFile(file, problems) is { } d) defs.Add(d);
            }
        }

        foreach (var (label, open) in options.PackStreams)
        {
            sources.Add(label);
            if (ReadStream(open, label, problems) is { } d) defs.Add(d);
        }

        if (defs.Count == 0)
        {
            if (problems.Count > 0) throw new PackLoadException(problems);
            throw new PackLoadException(new[] { new PackProblem("(options)", null, null, null, null, "No pack is loaded: keep the built-in pack or add at least one pack.") });
        }

        // Packs that parsed with problems are still merged and compiled, so that one run reports every problem
        // (references and expressions too); the set is refused as a whole if anything was found.
        var set = RuleSetCompiler.TryCompile(defs, options.Parameters.Count == 0 ? null : new Dictionary<string, double>(options.Parameters), problems);
        if (set is null || problems.Count > 0) throw new PackLoadException(InLoadOrder(problems, sources));
        return set;
    }

    /// <summary>Problems grouped by pack in load order, then by line, keeping the order found within a line.</summary>
    internal static IReadOnlyList<PackProblem> InLoadOrder(List<PackProblem> problems, List<string> sources)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in problems)
        {
            if (!order.ContainsKey(p.File)) order[p.File] = sources.IndexOf(p.File) is var i and >= 0 ? i : sources.Count + order.Count;
        }

        return problems
            .Select((p, i) => (p, i))
            .OrderBy(x => order[x.p.File])
            .ThenBy(x => x.p.Line ?? 0)
            .ThenBy(x => x.i)
            .Select(x => x.p)
            .ToList();
    }
}
