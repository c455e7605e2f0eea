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
    public const int ChunkLines = 1024;

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
        var clock = Stopwatch.StartNew();

        // A UTF-8 StreamWriter (a file, standard output opened as a stream) gets whole UTF-8 blocks that the
        // workers encoded in parallel, written to its stream after its own buffer is flushed: the single writing
        // thread then only copies bytes. Any other TextWriter gets text.
        Stream? raw = null;
        if (output is StreamWriter { BaseStream.CanWrite: true } sw && sw.Encoding.CodePage == Encoding.UTF8.CodePage)
        {
            await sw.FlushAsync(cancellationToken).ConfigureAwait(false);
            raw = sw.BaseStream;
        }

        var pages = raw is null ? null : new Pages();

        // UTF-8 output is written by the workers' own result writers, which cache shared texts and lists by
        // identity; text output splices the id into a result serialised once per shared recommendation list.
        var jsonWriters = new ConcurrentBag<Utf8ResultWriter>();
        var templates = opts.Explain || raw is not null ? null : new ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>(ReferenceEqualityComparer.Instance);

        long lines = 0, profiles = 0, recommendations = 0, invalid = 0;

        var reader = new NdjsonLines(input);
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
                    var line = await reader.ReadLineAsync().ConfigureAwait(false);
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
                    next = Task.Factory.StartNew(() => Process(text, n, first, recommender, opts, templates, pages, jsonWriters), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                }
            }

            if (inFlight is not null)
            {
                var done = await inFlight.ConfigureAwait(false);
                if (done.Blocks is { } blocks)
                {
                    for (var b = 0; b < blocks.Length; b++)
                    {
                        foreach (var (bytes, length) in blocks[b])
                        {
                            if (length > 0) await raw!.WriteAsync(bytes.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                            pages!.Give(bytes);
                        }

                        blocks[b] = null!;
                    }
                }

                foreach (var line in done.Lines ?? Array.Empty<OutLine>())
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

        if (raw is not null) await raw.FlushAsync(cancellationToken).ConfigureAwait(false);
        else await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new NdjsonBatchSummary(profiles, recommendations, invalid, clock.Elapsed);
    }

    /// <summary>
    /// One output line: a whole text, or (without explanations) the id's JSON and a shared template, so that a
    /// chunk in flight holds a few bytes per line instead of the whole result text.
    /// </summary>
    private readonly record struct OutLine(string? Text, Template? Template);

    private sealed class Chunk(OutLine[]? lines, List<(byte[] Bytes, int Length)>[]? blocks, long lastLine)
    {
        public OutLine[]? Lines { get; } = lines;
        public List<(byte[] Bytes, int Length)>[]? Blocks { get; } = blocks;
        public long LastLine { get; } = lastLine;
        public long Profiles;
        public long Recommendations;
        public long Invalid;
    }

    /// <summary>A result serialised once with no id, for every result that shares its recommendation list.</summary>
    private sealed record Template(RuleSetInfo RuleSet, string Advisory, DateTime AssessmentDate, string Json);

    private static Chunk Process(string?[] text, int n, long firstLine, IPathwayRecommender recommender, RecommendOptions options, ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>? templates, Pages? pages, ConcurrentBag<Utf8ResultWriter> jsonWriters)
    {
        var utf8 = pages is not null;
        var workers = Math.Max(1, Environment.ProcessorCount);
        var ranges = Math.Max(1, Math.Min(n / 64, workers * 4));
        var lines = utf8 ? null : new OutLine[n];
        var blocks = utf8 ? new List<(byte[] Bytes, int Length)>[ranges] : null;
        var chunk = new Chunk(lines, blocks, firstLine + n - 1);
        BatchRecommendations.ForRanges(ranges, (fromRange, toRange) =>
        {
            // A worker's result writer keeps its caches across chunks; the bag holds at most one per worker of the two chunks in flight.
            var json = utf8 ? (jsonWriters.TryTake(out var taken) ? taken : new Utf8ResultWriter(shareLists: recommender is PathwayRecommender)) : null;
            for (var range = fromRange; range < toRange; range++)
            {
                var from = (int)((long)n * range / ranges);
                var to = (int)((long)n * (range + 1) / ranges);
                long p = 0, recs = 0, bad = 0;
                var sb = new StringBuilder(1024);
                using var writer = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture);
                var block = utf8 ? new Utf8Block(pages!) : null;
                for (var i = from; i < to; i++)
                {
                    var line = text[i]!;
                    text[i] = null;
                    if (string.IsNullOrWhiteSpace(line)) continue;
                    RecommendationResult result;
                    OutLine outLine = default;
                    var mark = utf8 ? block!.Mark() : default;
                    try
                    {
                        var c = ReadProfile(recommender, line);
                        result = recommender.Recommend(c.Profile, c.Context, options);
                        if (utf8) json!.Write(result, block!);
                        else outLine = Line(sb, writer, result, templates);
                        p++;
                        recs += result.Recommendations.Count;
                    }
                    catch (ProfileValidationException e)
                    {
                        sb.Clear();
                        WriteError(writer, firstLine + i, e.Problems.Count > 0 ? e.Problems[0].Field : null, e.Message);
                        outLine = new OutLine(sb.ToString(), null);
                        bad++;
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        // Whatever a line or a rule does, the line gets its own error object and the batch goes on.
                        // The exception's message is not shown: it may quote the line's values. A result written
                        // half-way (a recommender's result with a missing list) is taken back first.
                        if (utf8) block!.Rewind(mark);
                        sb.Clear();
                        WriteError(writer, firstLine + i, null, $"The line could not be answered: an unexpected {e.GetType().Name} while reading or recommending it; nothing of the line is shown.");
                        outLine = new OutLine(sb.ToString(), null);
                        bad++;
                    }

                    if (!utf8)
                    {
                        lines![i] = outLine;
                        continue;
                    }

                    if (outLine.Text is { } error) block!.Append(error);
                    block!.Append((byte)'\n');
                }

                if (utf8) blocks![range] = block!.Finish();
                Interlocked.Add(ref chunk.Profiles, p);
                Interlocked.Add(ref chunk.Recommendations, recs);
                Interlocked.Add(ref chunk.Invalid, bad);
            }

            if (json is not null) jsonWriters.Add(json);
        });
        return chunk;
    }

    /// <summary>
    /// UTF-8 output as fixed pages from the batch's own pool: the writer gives each page back once written, so
    /// the pages in use are those of the chunks in flight, however long the input.
    /// </summary>
    private sealed class Pages
    {
        public const int PageSize = 64 * 1024;
        private readonly ConcurrentBag<byte[]> _free = new();

        public byte[] Take() => _free.TryTake(out var page) ? page : new byte[PageSize];

        public void Give(byte[] page) => _free.Add(page);
    }

    private sealed class Utf8Block : Utf8Sink
    {
        private readonly Pages _pages;

        public Utf8Block(Pages pages)
        {
            _pages = pages;
            Bytes = pages.Take();
        }

        public List<(byte[] Bytes, int Length)> Written { get; } = new();

        public void Append(string s)
        {
            var max = Encoding.UTF8.GetMaxByteCount(s.Length);
            if (max <= Bytes.Length - Used)
            {
                Used += Encoding.UTF8.GetBytes(s, 0, s.Length, Bytes, Used);
                return;
            }

            Append(Encoding.UTF8.GetBytes(s));
        }

        /// <summary>Where the block is now, to go back to with <see cref="Rewind"/>.</summary>
        public (int Pages, int Used) Mark() => (Written.Count, Used);

        /// <summary>Drops what was written since <paramref name="mark"/> (a line that failed half-way), giving back its pages.</summary>
        public void Rewind((int Pages, int Used) mark)
        {
            if (Written.Count > mark.Pages)
            {
                _pages.Give(Bytes);
                for (var i = mark.Pages + 1; i < Written.Count; i++) _pages.Give(Written[i].Bytes);
                Bytes = Written[mark.Pages].Bytes;
                Written.RemoveRange(mark.Pages, Written.Count - mark.Pages);
            }

            Used = mark.Used;
        }

        public List<(byte[] Bytes, int Length)> Finish()
        {
            Written.Add((Bytes, Used));
            return Written;
        }

        protected override void MakeRoom(int n)
        {
            if (n > Pages.PageSize) throw new ArgumentOutOfRangeException(nameof(n));
            Written.Add((Bytes, Used));
            Bytes = _pages.Take();
            Used = 0;
        }
    }

    /// <summary>
    /// The result exactly as <see cref="RecommendationJson.Write(RecommendationResult, TextWriter, bool)"/> writes it (compact). Without explanations
    /// the recommendation lists are shared per match pattern, so the result is serialised once per list and only
    /// the id is spliced in; the bytes are the same.
    /// </summary>
    private static OutLine Line(StringBuilder sb, StringWriter writer, RecommendationResult result, ConcurrentDictionary<IReadOnlyList<Recommendation>, Template>? templates)
    {
        if (templates is not null && result.NotRecommended.Count == 0)
        {
            if (!templates.TryGetValue(result.Recommendations, out var t) || !ReferenceEquals(t.RuleSet, result.RuleSet) || !ReferenceEquals(t.Advisory, result.Advisory) || t.AssessmentDate != result.AssessmentDate)
            {
                t = new Template(result.RuleSet, result.Advisory, result.AssessmentDate, RecommendationJson.Serialize(result with { Id = null }, indented: false));
                if (templates.Count < MaxTemplates) templates[result.Recommendations] = t;
            }

            if (t.Json.StartsWith(NullIdPrefix, StringComparison.Ordinal))
                return new OutLine(result.Id is null ? "null" : JsonConvert.ToString(result.Id), t);
        }

        sb.Clear();
        RecommendationJson.Write(result, writer, indented: false);
        return new OutLine(sb.ToString(), null);
    }

    /// <summary>
    /// One profile line read as <c>recommend</c> reads it. A text escaped as a lone surrogate (<c>"\ud800"</c>) is
    /// refused: it is not Unicode text, and an id read from it could not be written back as the same id.
    /// </summary>
    private static CitizenCase ReadProfile(IPathwayRecommender recommender, string line)
    {
        if (line.IndexOf("\\u", StringComparison.Ordinal) >= 0 && LoneSurrogateEscape(line) is { } at)
            throw new ProfileValidationException(new[] { new ProfileProblem(null, null, $"A text at position {at + 1} is escaped as a lone surrogate (such as \\ud800), which is not valid Unicode text: give it as plain text.", 1, at + 1) });

        // The rule set's own reader checks declared facts while reading; another recommender gets the plain reader.
        return recommender is PathwayRecommender pathways ? pathways.ReadProfile(line) : ProfileJson.Read(line);
    }

    /// <summary>The index of a <c>\uXXXX</c> escape of a surrogate without its pair, or <see langword="null"/>.</summary>
    internal static int? LoneSurrogateEscape(string line)
    {
        int pendingHigh = -1, pendingEnd = -1;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\') continue;
            var escape = i;
            i++; // the escaped character: a backslash escaping a backslash is skipped whole
            if (i >= line.Length || line[i] != 'u' || i + 4 >= line.Length || !int.TryParse(line.Substring(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                if (pendingHigh >= 0) return pendingHigh;
                continue;
            }

            i += 4;
            var high = code is >= 0xD800 and <= 0xDBFF;
            var low = code is >= 0xDC00 and <= 0xDFFF;
            if (pendingHigh >= 0)
            {
                if (!low || escape != pendingEnd + 1) return pendingHigh;
                pendingHigh = -1;
                continue;
            }

            if (low) return escape;
            if (high)
            {
                pendingHigh = escape;
                pendingEnd = i;
            }
        }

        return pendingHigh >= 0 ? pendingHigh : null;
    }

    private static void WriteError(TextWriter writer, long line, string? field, string message)
    {
        using var w = new JsonTextWriter(writer) { Formatting = Formatting.None, CloseOutput = false };
        w.WriteStartObject();
        w.WritePropertyName("line");
        w.WriteValue(line);
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WritePropertyName("field");
        w.WriteValue(field);
        w.WritePropertyName("message");
        w.WriteValue(message);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
