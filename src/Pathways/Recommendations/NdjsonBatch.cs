using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Newtonsoft.Json;

namespace Pathways;

/// <summary>How far an NDJSON batch has come; reported after each chunk of lines is written.</summary>
/// <param name="Lines">Input lines read and answered so far (blank lines included).</param>
/// <param name="Profiles">Valid profiles recommended for so far.</param>
/// <param name="InvalidLines">Lines answered with an error object so far.</param>
/// <param name="Elapsed">Time since the batch started.</param>
public sealed record NdjsonBatchProgress(long Lines, long Profiles, long InvalidLines, TimeSpan Elapsed);

/// <summary>What an NDJSON batch did.</summary>
/// <param name="Profiles">Valid profiles recommended for: one result line each.</param>
/// <param name="Recommendations">Recommendations written in all, over every result line.</param>
/// <param name="InvalidLines">Lines that were not a valid profile: one error line each.</param>
/// <param name="Elapsed">Wall-clock time of the whole batch.</param>
public sealed record NdjsonBatchSummary(long Profiles, long Recommendations, long InvalidLines, TimeSpan Elapsed);

/// <summary>
/// Streams NDJSON: one profile JSON object per input line (CONTRACT §2) to one compact result JSON object per
/// output line (CONTRACT §3), in input order, on every core. A line that is not a valid profile gives the line
/// <c>{"line":N,"error":{"field":F,"message":M}}</c> instead (N is the 1-based input line, F the field or
/// <see langword="null"/>) and the batch goes on. Blank lines are skipped and give no output line. Memory stays
/// flat however long the input: lines are read, recommended and written a chunk at a time.
/// </summary>
public static class NdjsonBatch
{
    /// <summary>Lines read and recommended together; two chunks are in flight at a time.</summary>
    public const int ChunkLines = 2048;

    private const string NullIdPrefix = "{\"id\":null";
    private const string IdPrefix = "{\"id\":";
    private const string NewLine = "\n";
    private const int MaxTemplates = 4096;

    /// <summary>Runs the batch until the input ends.</summary>
    /// <param name="input">The profiles, one JSON object per line.</param>
    /// <param name="output">Receives one line per non-blank input line, each ended by <c>\n</c>; flushed at the end, not disposed.</param>
    /// <param name="recommender">The recommender; it is thread-safe.</param>
    /// <param name="options">Per-call options for every profile; <see langword="null"/> for the defaults (with explanations).</param>
    /// <param name="progress">Told after each chunk is written; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the batch between chunks.</param>
    /// <returns>The counts and the elapsed time.</returns>
    public static async Task<NdjsonBatchSummary> RunAsync(
        TextReader input,
        TextWriter output,
        IPathwayRecommender recommender,
        RecommendOptions? options = null,
        IProgress<NdjsonBatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (input is null) throw new ArgumentNullException(nameof(input));
        if (output is null) throw new ArgumentNullException(nameof(output));
        if (recommender is null) throw new ArgumentNullException(nameof(recommender));
        var opts = options ?? RecommendOptions.Default;
        var templates = opts.Explain ? null : new ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>(ReferenceEqualityComparer.Instance);
        var clock = Stopwatch.StartNew();
        long lines = 0, profiles = 0, recommendations = 0, invalid = 0;

        Task<Chunk>? inFlight = null;
        var ended = false;
        while (!ended || inFlight is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task<Chunk>? next = null;
            if (!ended)
            {
                var text = new string?[ChunkLines];
                var n = 0;
                while (n < ChunkLines)
                {
                    var line = await input.ReadLineAsync().ConfigureAwait(false);
                    if (line is null)
                    {
                        ended = true;
                        break;
                    }

                    text[n++] = line;
                }

                if (n > 0)
                {
                    var first = lines + 1;
                    lines += n;
                    // A dedicated thread waits for the parallel work, so that the pool stays free for the reads and
                    // writes of this loop (a pool thread blocked on Parallel.For starves them on two cores).
                    next = Task.Factory.StartNew(() => Process(text, n, first, recommender, opts, templates), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }

            if (inFlight is not null)
            {
                var done = await inFlight.ConfigureAwait(false);
                foreach (var line in done.Lines)
                {
                    if (line.Template is { } t)
                    {
                        await output.WriteAsync(IdPrefix.AsMemory(), cancellationToken).ConfigureAwait(false);
                        await output.WriteAsync(line.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                        await output.WriteAsync(t.Json.AsMemory(NullIdPrefix.Length), cancellationToken).ConfigureAwait(false);
                    }
                    else if (line.Text is not null)
                    {
                        await output.WriteAsync(line.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        continue;
                    }

                    await output.WriteAsync(NewLine.AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                profiles += done.Profiles;
                recommendations += done.Recommendations;
                invalid += done.Invalid;
                progress?.Report(new NdjsonBatchProgress(done.LastLine, profiles, invalid, clock.Elapsed));
            }

            inFlight = next;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new NdjsonBatchSummary(profiles, recommendations, invalid, clock.Elapsed);
    }

    /// <summary>
    /// One output line: a whole text, or (without explanations) the id's JSON and a shared template, so that a
    /// chunk in flight holds a few bytes per line instead of the whole result text.
    /// </summary>
    private readonly record struct OutLine(string? Text, Template? Template);

    private sealed class Chunk(OutLine[] lines, long lastLine)
    {
        public OutLine[] Lines { get; } = lines;
        public long LastLine { get; } = lastLine;
        public long Profiles;
        public long Recommendations;
        public long Invalid;
    }

    /// <summary>A result serialised once with no id, for every result that shares its recommendation list.</summary>
    private sealed record Template(RuleSetInfo RuleSet, string Advisory, string Json);

    private static Chunk Process(string?[] text, int n, long firstLine, IPathwayRecommender recommender, RecommendOptions options, ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>? templates)
    {
        var lines = new OutLine[n];
        var chunk = new Chunk(lines, firstLine + n - 1);
        BatchRecommendations.ForRanges(n, (from, to) =>
        {
            long p = 0, recs = 0, bad = 0;
            StringBuilder? sb = null;
            StringWriter? writer = null;
            for (var i = from; i < to; i++)
            {
                var line = text[i]!;
                text[i] = null;
                if (string.IsNullOrWhiteSpace(line)) continue;
                sb ??= new StringBuilder(1024);
                writer ??= new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture);
                RecommendationResult result;
                try
                {
                    var c = ProfileJson.Read(line);
                    result = recommender.Recommend(c.Profile, c.Context, options);
                }
                catch (ProfileValidationException e)
                {
                    sb.Clear();
                    WriteError(writer, firstLine + i, e);
                    lines[i] = new OutLine(sb.ToString(), null);
                    bad++;
                    continue;
                }

                lines[i] = Line(sb, writer, result, templates);
                p++;
                recs += result.Recommendations.Count;
            }

            Interlocked.Add(ref chunk.Profiles, p);
            Interlocked.Add(ref chunk.Recommendations, recs);
            Interlocked.Add(ref chunk.Invalid, bad);
        });
        return chunk;
    }

    /// <summary>
    /// The result exactly as <see cref="RecommendationJson.Write"/> writes it (compact). Without explanations
    /// the recommendation lists are shared per match pattern, so the result is serialised once per list and only
    /// the id is spliced in; the bytes are the same.
    /// </summary>
    private static OutLine Line(StringBuilder sb, StringWriter writer, RecommendationResult result, ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>? templates)
    {
        if (templates is not null && result.NotRecommended.Count == 0)
        {
            if (!templates.TryGetValue(result.Recommendations, out var t) || !ReferenceEquals(t.RuleSet, result.RuleSet) || !ReferenceEquals(t.Advisory, result.Advisory))
            {
                t = new Template(result.RuleSet, result.Advisory, RecommendationJson.Serialize(result with { Id = null }, indented: false));
                if (templates.Count < MaxTemplates) templates[result.Recommendations] = t;
            }

            if (t.Json.StartsWith(NullIdPrefix, StringComparison.Ordinal))
                return new OutLine(result.Id is null ? "null" : JsonConvert.ToString(result.Id), t);
        }

        sb.Clear();
        RecommendationJson.Write(result, writer, indented: false);
        return new OutLine(sb.ToString(), null);
    }

    private static void WriteError(TextWriter writer, long line, ProfileValidationException e)
    {
        using var w = new JsonTextWriter(writer) { Formatting = Formatting.None, CloseOutput = false };
        w.WriteStartObject();
        w.WritePropertyName("line");
        w.WriteValue(line);
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WritePropertyName("field");
        w.WriteValue(e.Problems.Count > 0 ? e.Problems[0].Field : null);
        w.WritePropertyName("message");
        w.WriteValue(e.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
