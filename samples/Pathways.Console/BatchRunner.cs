using System.Diagnostics;
using Newtonsoft.Json;

namespace Pathways.Console;

/// <summary>What a batch did, for the summary line.</summary>
/// <param name="Profiles">Non-blank input lines read.</param>
/// <param name="Recommendations">Recommendations written, over all valid profiles.</param>
/// <param name="InvalidLines">Lines that gave an error object instead of a result.</param>
/// <param name="Elapsed">Wall-clock time from the first line read to the last line written.</param>
internal sealed record BatchSummary(int Profiles, int Recommendations, int InvalidLines, TimeSpan Elapsed);

/// <summary>
/// Streams NDJSON profiles to NDJSON results: read a line, recommend, write a line, so memory stays flat however
/// long the file. A line that is not a valid profile gives an error object naming its line number, field and
/// problem, and the batch goes on. Blank lines are skipped (and still counted for line numbers).
/// </summary>
/// <remarks>The one place to switch to a streaming batch API in the library once it is public.</remarks>
internal static class BatchRunner
{
    /// <summary>
    /// How many input lines may be read ahead of the last line written: none here, since each line is written
    /// before the next is read. This bound is what keeps memory flat; the tests hold any implementation to it.
    /// </summary>
    internal const int LinesInFlight = 0;

    private static readonly long ProgressInterval = Stopwatch.Frequency / 4;

    public static BatchSummary Run(TextReader input, TextWriter output, IPathwayRecommender recommender, Language language, Action<int>? progress = null)
    {
        var options = new RecommendOptions { Language = language, Explain = true };
        var started = Stopwatch.GetTimestamp();
        var nextProgress = started + ProgressInterval;
        int lineNumber = 0, profiles = 0, recommendations = 0, invalid = 0;
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            profiles++;
            try
            {
                var citizen = ProfileJson.Read(line, source: $"line {lineNumber}");
                var result = recommender.Recommend(citizen.Profile, citizen.Context, options);
                RecommendationJson.Write(result, output, indented: false);
                recommendations += result.Recommendations.Count;
            }
            catch (ProfileValidationException e)
            {
                invalid++;
                WriteError(output, lineNumber, e.Problems[0]);
            }

            output.Write('\n');
            if (progress is not null && Stopwatch.GetTimestamp() >= nextProgress)
            {
                progress(profiles);
                nextProgress = Stopwatch.GetTimestamp() + ProgressInterval;
            }
        }

        output.Flush();
        return new BatchSummary(profiles, recommendations, invalid, Stopwatch.GetElapsedTime(started));
    }

    /// <summary><c>{"line":3,"error":{"field":"age","message":"…"}}</c>; the field is null for a line that is not JSON at all.</summary>
    private static void WriteError(TextWriter output, int lineNumber, ProfileProblem problem)
    {
        using var w = new JsonTextWriter(output) { Formatting = Formatting.None, CloseOutput = false };
        w.WriteStartObject();
        w.WritePropertyName("line");
        w.WriteValue(lineNumber);
        w.WritePropertyName("error");
        w.WriteStartObject();
        w.WritePropertyName("field");
        w.WriteValue(problem.Field);
        w.WritePropertyName("message");
        w.WriteValue(problem.Message);
        w.WriteEndObject();
        w.WriteEndObject();
    }
}
