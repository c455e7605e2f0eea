using System.Globalization;
using System.Text;

namespace Pathways.Console;

/// <summary><c>pathways batch &lt;profiles.ndjson&gt; [--output results.ndjson]</c>: one result line per profile line, in order.</summary>
internal static class BatchCommand
{
    public static int Run(ConsoleIo io, string inputPath, string? outputPath, IReadOnlyList<string> rules, Language language, bool explain = true)
    {
        if (outputPath is not null && inputPath != "-" && SamePath(inputPath, outputPath))
        {
            io.Error($"Usage error: --output {outputPath} is the input file itself, which would be overwritten; choose another file");
            return ExitCodes.Usage;
        }

        using var input = Inputs.OpenText(io, inputPath, "profiles");
        if (input is null) return ExitCodes.InvalidProfile;

        var recommender = Inputs.OpenRecommender(io, rules, language, out var exitCode);
        if (recommender is null) return exitCode;

        TextWriter output;
        if (outputPath is null)
        {
            output = io.Out;
        }
        else
        {
            try
            {
                output = new StreamWriter(outputPath, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                io.Error($"Usage error: --output {outputPath} cannot be written: {e.Message.TrimEnd('.')}");
                return ExitCodes.Usage;
            }
        }

        BatchSummary summary;
        try
        {
            Action<long>? progress = io.Environment.Progress ? n => io.Err.Write($"\rpathways batch: {n} profiles…") : null;
            summary = BatchRunner.Run(input, output, recommender, language, progress, explain);
            if (progress is not null) io.Err.Write("\r\u001b[K");
        }
        catch (IOException) when (outputPath is null)
        {
            // The reader of standard output went away (`batch … | head -1`): the results are incomplete.
            io.Err.WriteLine(Program.OutputClosed);
            return ExitCodes.Unexpected;
        }
        finally
        {
            if (!ReferenceEquals(output, io.Out)) output.Dispose();
        }

        var invalid = summary.InvalidLines == 1 ? "1 invalid line" : $"{summary.InvalidLines} invalid lines";
        io.Err.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"pathways batch: {summary.Profiles} profiles, {summary.Recommendations} recommendations, {invalid}, {summary.Elapsed.TotalSeconds:0.00} seconds."));
        return summary.InvalidLines > 0 ? ExitCodes.InvalidProfile : ExitCodes.Success;
    }

    private static bool SamePath(string a, string b)
    {
        try
        {
            return string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }
}
