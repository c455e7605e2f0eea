namespace Pathways.Console;

/// <summary>What a batch did, for the summary line.</summary>
/// <param name="Profiles">Non-blank input lines read: valid profiles and invalid lines together.</param>
/// <param name="Recommendations">Recommendations written, over all valid profiles.</param>
/// <param name="InvalidLines">Lines that gave an error object instead of a result.</param>
/// <param name="Elapsed">Wall-clock time of the whole batch.</param>
internal sealed record BatchSummary(long Profiles, long Recommendations, long InvalidLines, TimeSpan Elapsed);

/// <summary>
/// Streams NDJSON profiles to NDJSON results with the library's <see cref="NdjsonBatch"/>: in input order, on every
/// core, a chunk of lines at a time, so memory stays flat however long the file. A line that is not a valid profile
/// gives an error object naming its line number, field and problem, and the batch goes on. Blank lines are skipped
/// (and still counted for line numbers).
/// </summary>
internal static class BatchRunner
{
    /// <summary>
    /// How many input lines may be read ahead of the last line written: the library keeps two chunks in flight.
    /// This bound is what keeps memory flat; the tests hold the batch to it.
    /// </summary>
    internal const int LinesInFlight = 2 * NdjsonBatch.ChunkLines;

    public static BatchSummary Run(TextReader input, TextWriter output, IPathwayRecommender recommender, Language language, Action<long>? progress = null, bool explain = true)
    {
        // By default full explanations, so that each line is exactly what `recommend --format json` gives for that
        // profile; --brief leaves out the citizen-specific parts (same recommendations, empty notRecommended).
        var options = new RecommendOptions { Language = language, Explain = explain };
        var report = progress is null ? null : new Immediate(p => progress(p.Profiles + p.InvalidLines));
        var summary = NdjsonBatch.RunAsync(input, output, recommender, options, report).GetAwaiter().GetResult();
        return new BatchSummary(summary.Profiles + summary.InvalidLines, summary.Recommendations, summary.InvalidLines, summary.Elapsed);
    }

    /// <summary>
    /// Reports on the calling thread. <see cref="Progress{T}"/> would post to the thread pool, and a late progress
    /// line could then overwrite the summary on the terminal.
    /// </summary>
    private sealed class Immediate(Action<NdjsonBatchProgress> report) : IProgress<NdjsonBatchProgress>
    {
        public void Report(NdjsonBatchProgress value) => report(value);
    }
}
