namespace Pathways.Console;

/// <summary>
/// <c>pathways test [&lt;pack.json|folder&gt;]...</c>: loads the built-in pack and the packs given (checked as
/// <c>validate</c> checks them), runs every loaded pack's tests, prints one line per failed test and ends with
/// <c>N passed, N failed</c>.
/// </summary>
internal static class TestCommand
{
    public static int Run(ConsoleIo io, IReadOnlyList<string> paths)
    {
        // A refused pack (a test's own definition included) is reported exactly as validate reports it.
        var reports = PackValidator.Validate(paths);
        if (reports.Any(r => !r.IsValid)) return ValidateCommand.Report(io, reports);

        IReadOnlyList<PackTestResult> results;
        try
        {
            results = PackTests.Run(paths);
        }
        catch (PackLoadException e)
        {
            io.Error(Program.Sentence(e.Message));
            return ExitCodes.InvalidPack;
        }

        foreach (var failed in results.Where(r => !r.Passed))
        {
            var where = failed.Line is { } line ? $"{failed.Source}({line})" : failed.Source;
            io.Out.Write($"FAIL {where}: {failed.Pack}: {failed.Test}: expected {failed.Expected}; came {failed.Actual}\n");
        }

        var passed = results.Count(r => r.Passed);
        var failures = results.Count - passed;
        io.Out.Write($"{passed} passed, {failures} failed\n");
        return failures == 0 ? ExitCodes.Success : ExitCodes.TestFailed;
    }
}
