using System.Runtime.CompilerServices;

namespace Pathways;

/// <summary>
/// Recommends for many citizens at once, on every core, with results in input order. Input is read in chunks
/// (at most <see cref="ChunkSize"/> cases at a time), so memory does not grow with the input.
/// </summary>
public static class BatchRecommendations
{
    /// <summary>The most cases read ahead and recommended together.</summary>
    public const int ChunkSize = 1024;

    /// <summary>Below this many cases in a chunk the work is done on the calling thread: parallelism would cost more than it saves.</summary>
    private const int ParallelThreshold = 64;

    /// <summary>Recommends for each case, in parallel, yielding results in the order of the cases.</summary>
    /// <param name="recommender">The recommender; it is thread-safe.</param>
    /// <param name="cases">The citizens with their contexts; read lazily, a chunk at a time.</param>
    /// <param name="options">Per-call options for every case; <see langword="null"/> for the defaults (with explanations).</param>
    /// <returns>One result per case, in input order.</returns>
    /// <exception cref="ProfileValidationException">A case is out of the contract's ranges; raised when its chunk is reached.</exception>
    public static IEnumerable<RecommendationResult> RecommendMany(this IPathwayRecommender recommender, IEnumerable<CitizenCase> cases, RecommendOptions? options = null)
    {
        if (recommender is null) throw new ArgumentNullException(nameof(recommender));
        if (cases is null) throw new ArgumentNullException(nameof(cases));
        return Iterate(recommender, cases, options ?? RecommendOptions.Default);

        static IEnumerable<RecommendationResult> Iterate(IPathwayRecommender recommender, IEnumerable<CitizenCase> cases, RecommendOptions options)
        {
            var chunk = new CitizenCase[ChunkSize];
            var results = new RecommendationResult[ChunkSize];
            using var e = cases.GetEnumerator();
            while (true)
            {
                var n = 0;
                while (n < ChunkSize && e.MoveNext()) chunk[n++] = e.Current ?? throw new ArgumentException("The cases contain a null entry.", nameof(cases));
                if (n == 0) yield break;
                RecommendChunk(recommender, chunk, results, n, options);
                for (var i = 0; i < n; i++)
                {
                    var r = results[i];
                    results[i] = null!;
                    chunk[i] = null!;
                    yield return r;
                }

                if (n < ChunkSize) yield break;
            }
        }
    }

    /// <summary>
    /// Recommends for each case of an asynchronous stream, in parallel, yielding results in the order of the
    /// cases. Cases that are already available are taken together (up to <see cref="ChunkSize"/>); a slow
    /// source is never waited on while results are ready, so each result comes as soon as it can.
    /// </summary>
    /// <param name="recommender">The recommender; it is thread-safe.</param>
    /// <param name="cases">The citizens with their contexts.</param>
    /// <param name="options">Per-call options for every case; <see langword="null"/> for the defaults (with explanations).</param>
    /// <param name="cancellationToken">Stops reading and recommending.</param>
    /// <returns>One result per case, in input order.</returns>
    /// <exception cref="ProfileValidationException">A case is out of the contract's ranges.</exception>
    public static IAsyncEnumerable<RecommendationResult> RecommendManyAsync(this IPathwayRecommender recommender, IAsyncEnumerable<CitizenCase> cases, RecommendOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (recommender is null) throw new ArgumentNullException(nameof(recommender));
        if (cases is null) throw new ArgumentNullException(nameof(cases));
        return Iterate(recommender, cases, options ?? RecommendOptions.Default, cancellationToken);

        static async IAsyncEnumerable<RecommendationResult> Iterate(IPathwayRecommender recommender, IAsyncEnumerable<CitizenCase> cases, RecommendOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var chunk = new CitizenCase[ChunkSize];
            var results = new RecommendationResult[ChunkSize];
            var e = cases.GetAsyncEnumerator(cancellationToken);
            try
            {
                ValueTask<bool>? held = null;
                var done = false;
                while (!done)
                {
                    var n = 0;
                    while (n < ChunkSize)
                    {
                        var next = held ?? e.MoveNextAsync();
                        held = null;
                        if (!next.IsCompleted && n > 0)
                        {
                            // The source has to wait: recommend what is ready first, and await it after.
                            held = next;
                            break;
                        }

                        if (!await next.ConfigureAwait(false))
                        {
                            done = true;
                            break;
                        }

                        chunk[n++] = e.Current ?? throw new ArgumentException("The cases contain a null entry.", nameof(cases));
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    RecommendChunk(recommender, chunk, results, n, options);
                    for (var i = 0; i < n; i++)
                    {
                        var r = results[i];
                        results[i] = null!;
                        chunk[i] = null!;
                        yield return r;
                    }
                }
            }
            finally
            {
                await e.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void RecommendChunk(IPathwayRecommender recommender, CitizenCase[] chunk, RecommendationResult[] results, int n, RecommendOptions options)
    {
        if (n < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < n; i++) results[i] = recommender.Recommend(chunk[i].Profile, chunk[i].Context, options);
            return;
        }

        // One contiguous range per worker: cheap to schedule, and each result lands in its own slot.
        ForRanges(n, (from, to) =>
        {
            for (var i = from; i < to; i++) results[i] = recommender.Recommend(chunk[i].Profile, chunk[i].Context, options);
        });
    }

    /// <summary>Runs <paramref name="body"/> over [0, n) split into a few ranges per core, in parallel.</summary>
    internal static void ForRanges(int n, Action<int, int> body)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        var ranges = Math.Min(n, workers * 4);
        try
        {
            Parallel.For(0, ranges, new ParallelOptions { MaxDegreeOfParallelism = workers }, r =>
            {
                var from = (int)((long)n * r / ranges);
                var to = (int)((long)n * (r + 1) / ranges);
                body(from, to);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
        {
            // Surface the first failure as itself (a ProfileValidationException stays one), as a sequential loop would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
