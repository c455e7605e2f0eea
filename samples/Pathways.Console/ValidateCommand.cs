namespace Pathways.Console;

/// <summary><c>pathways validate &lt;pack.json|folder&gt;...</c>: per pack, its name, version, rule count, and OK or every problem.</summary>
internal static class ValidateCommand
{
    public static int Run(ConsoleIo io, IReadOnlyList<string> paths) => Report(io, PackValidator.Validate(paths));

    /// <summary>Prints the reports; <see cref="ExitCodes.InvalidPack"/> when any pack is refused, else success (warnings included).</summary>
    internal static int Report(ConsoleIo io, IReadOnlyList<PackReport> reports)
    {
        // The library checks packs exactly as loading them would: each file on top of the built-in pack and the
        // valid files before it, so every file's problems are listed even when an earlier one is refused.
        foreach (var report in reports)
        {
            // What could be read of the pack (name, version, rule count), then the verdict.
            var facts = new List<string>();
            if (report.Name is not null)
            {
                facts.Add(report.Version is null ? report.Name : $"{report.Name} {report.Version}");
                facts.Add($"{report.RuleCount} rule{(report.RuleCount == 1 ? string.Empty : "s")}");
            }

            var verdict = report.IsValid ? "OK" : $"{report.Problems.Count} problem{(report.Problems.Count == 1 ? string.Empty : "s")}";
            if (report.Warnings.Count > 0) verdict += $" ({report.Warnings.Count} warning{(report.Warnings.Count == 1 ? string.Empty : "s")})";
            io.Out.Write(facts.Count == 0 ? $"{report.Source}: {verdict}\n" : $"{report.Source}: {string.Join(", ", facts)}: {verdict}\n");
            foreach (var problem in report.Problems)
            {
                io.Out.Write($"  {Program.Sentence(problem.ToString())}\n");
            }

            // Warnings make advice poorer, not wrong (CONTRACT §4.4): listed, and the pack still passes.
            foreach (var warning in report.Warnings)
            {
                io.Out.Write($"  warning: {Program.Sentence(warning.ToString())}\n");
            }
        }

        var bad = reports.Count(r => !r.IsValid);
        if (bad == 0) return ExitCodes.Success;

        // The details are on standard output; standard error gets the one sentence a script logs.
        io.Error($"{bad} of {reports.Count} pack{(reports.Count == 1 ? string.Empty : "s")} refused; see the problems listed above");
        return ExitCodes.InvalidPack;
    }
}
