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
            // Only a regular file with content is opened: a pipe named *.json would block the load (and the reload
            // lock) until something writes to it, and a device such as /dev/zero never ends. Both report a length
            // of 0 (through a symbolic link too), as does an empty file, which is no pack either.
            var info = new FileInfo(file);
#if NET
            // A symbolic link is judged by what it finally points to (a link to /dev/zero is a device, not a pack).
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
#endif
            if (!info.Exists)
            {
                problems.Add(new PackProblem(file, null, null, null, null, "No pack file at this path."));
                return null;
            }

            if (info.Length == 0)
            {
                problems.Add(new PackProblem(file, null, null, null, null, "The pack file is empty or not a regular file (a pipe or a device): a pack is a JSON file."));
                return null;
            }

            if (info.Length > PackLimits.MaxPackBytes)
            {
                problems.Add(new PackProblem(file, null, null, null, null, PackLimits.TooLarge(info.Length)));
                return null;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.SequentialScan);
            var text = ReadBounded(stream);
            if (text is null)
            {
                problems.Add(new PackProblem(file, null, null, null, null, PackLimits.TooLarge(PackLimits.MaxPackBytes + 1L)));
                return null;
            }

            json = text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            problems.Add(new PackProblem(file, null, null, null, null, $"The pack file cannot be read: {e.Message}"));
            return null;
        }

        return PackParser.Parse(json, file, problems);
    }

    public static PackDefinition? ReadStream(Func<Stream> open, string label, List<PackProblem> problems)
    {
        string? json;
        try
        {
            using var stream = open();
            json = ReadBounded(stream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The host's stream function may throw anything; a reload must still return its result.
            problems.Add(new PackProblem(label, null, null, null, null, $"The pack stream cannot be read: {e.Message}"));
            return null;
        }

        if (json is null)
        {
            problems.Add(new PackProblem(label, null, null, null, null, PackLimits.TooLarge(PackLimits.MaxPackBytes + 1L)));
            return null;
        }

        return PackParser.Parse(json, label, problems);
    }

    /// <summary>
    /// The stream's text (UTF-8, or as its byte-order mark says), reading at most one byte more than a pack may
    /// have; <see langword="null"/> when the stream holds more.
    /// </summary>
    private static string? ReadBounded(Stream stream)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, PackLimits.MaxPackBytes + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > PackLimits.MaxPackBytes) return null;
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
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
        var files = new List<(string Path, IReadOnlyList<string> Files)>();
        foreach (var path in options.Packs) files.Add((path, Expand(path, problems)));
        var count = files.Sum(f => f.Files.Count) + options.PackStreams.Count;
        if (count > PackLimits.MaxPacks)
        {
            problems.Add(new PackProblem("(options)", null, null, null, null, $"{count} packs are configured; at most {PackLimits.MaxPacks} packs load together: merge some of them."));
            throw new PackLoadException(problems);
        }

        foreach (var (path, inPath) in files)
        {
            sources.Add(path);
            foreach (var file in inPath)
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

        var rules = defs.Sum(d => d.Workflows.Sum(w => w.Rules.Sum(r => RuleSetCompiler.Flatten(r).Count())));
        if (rules > PackLimits.MaxRules)
        {
            problems.Add(new PackProblem("(options)", null, null, null, null, $"The packs have {rules} rules together (nested rules included); at most {PackLimits.MaxRules} load together."));
            throw new PackLoadException(InLoadOrder(problems, sources));
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
