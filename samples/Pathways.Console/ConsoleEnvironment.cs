namespace Pathways.Console;

/// <summary>What the terminal allows: colour on standard output, a progress line on standard error.</summary>
/// <param name="Colour">Write ANSI colour to standard output.</param>
/// <param name="Progress">Write a self-overwriting progress line to standard error.</param>
internal sealed record ConsoleEnvironment(bool Colour, bool Progress)
{
    /// <summary>No colour, no progress: output redirected, or tests.</summary>
    public static ConsoleEnvironment Plain { get; } = new(false, false);

    /// <summary>
    /// Colour when standard output is a terminal and <c>NO_COLOR</c> is unset (https://no-color.org); progress when
    /// standard error is a terminal. <c>TERM=dumb</c> gets neither colour nor progress.
    /// </summary>
    public static ConsoleEnvironment Detect()
    {
        var dumb = string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        var noColour = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new ConsoleEnvironment(
            Colour: !System.Console.IsOutputRedirected && !noColour && !dumb,
            Progress: !System.Console.IsErrorRedirected && !dumb);
    }
}

/// <summary>The streams and capabilities one run works with.</summary>
internal sealed record ConsoleIo(TextWriter Out, TextWriter Err, TextReader In, ConsoleEnvironment Environment)
{
    /// <summary>Writes one error sentence to standard error.</summary>
    public void Error(string sentence) => Err.WriteLine(Program.Sentence(sentence));
}
