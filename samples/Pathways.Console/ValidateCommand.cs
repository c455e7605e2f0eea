namespace Pathways.Console;

/// <summary><c>pathways validate &lt;pack.json|folder&gt;...</c>: per pack, its name, version, rule count, and OK or every problem.</summary>
internal static class ValidateCommand
{
    public static int Run(ConsoleIo io, IReadOnlyList<string> paths)
    {
        var reports = PackCheck.Validate(paths);
        foreach (var report in reports)
        {
            var name = report.Name ?? "(no name)";
            var version = report.Version ?? "(no version)";
            var rules = report.RuleCount is { } n ? $"{n} rule{(n == 1 ? string.Empty : "s")}" : "rules unknown";
            var verdict = report.IsValid ? "OK" : $"{report.Problems.Count} problem{(report.Problems.Count == 1 ? string.Empty : "s")}";
            io.Out.Write($"{report.File}: {name} {version}, {rules}: {verdict}\n");
            foreach (var problem in report.Problems)
            {
                io.Out.Write($"  {Program.Sentence(problem.ToString())}\n");
            }
        }

        var bad = reports.Count(r => !r.IsValid);
        if (bad == 0) return ExitCodes.Success;

        // The details are on standard output; standard error gets the one sentence a script logs.
        io.Error($"{bad} of {reports.Count} pack{(reports.Count == 1 ? string.Empty : "s")} refused; see the problems listed above");
        return ExitCodes.InvalidPack;
    }
}
