using System.Text;

namespace Pathways.Console;

/// <summary>
/// The <c>pathways</c> command: recommend for one profile, validate packs, or run a batch of profiles.
/// Everything goes through <see cref="Run(string[], TextWriter, TextWriter)"/> so that tests drive the same code
/// in-process that a script drives as a process.
/// </summary>
public static class Program
{
    /// <summary>The process entry point: real console streams, colour and progress where the terminal allows.</summary>
    public static int Main(string[] args)
    {
        // JSON and Danish text leave the process as UTF-8 without a byte-order mark, whatever the platform's default.
        System.Console.OutputEncoding = new UTF8Encoding(false);
        // A buffered standard output: a batch to a pipe writes thousands of lines, and Console.Out flushes each write.
        var stdout = new StreamWriter(OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        // Made when first written to: the console's error writer costs a tenth of a cold start, and a run that succeeds
        // quietly never needs it.
        var stderr = new LazyWriter(() => System.Console.Error);
        var exit = Run(args, stdout, stderr, new StandardInput(), ConsoleEnvironment.Detect());
        try
        {
            stdout.Flush();
        }
        catch (IOException)
        {
            stderr.WriteLine(OutputClosed);
            exit = ExitCodes.Unexpected;
        }

        stderr.Flush();
        return exit;
    }

    /// <summary>A writer that opens the one it stands for on the first write (and flushes nothing until then).</summary>
    internal sealed class LazyWriter(Func<TextWriter> open) : TextWriter
    {
        private TextWriter? _writer;

        /// <summary>Whether anything has been written, so that the real writer exists.</summary>
        public bool Opened => _writer is not null;

        public override Encoding Encoding => Writer.Encoding;

        private TextWriter Writer => _writer ??= open();

        public override void Write(char value) => Writer.Write(value);

        public override void Write(string? value) => Writer.Write(value);

        public override void Write(char[] buffer, int index, int count) => Writer.Write(buffer, index, count);

        public override void WriteLine(string? value) => Writer.WriteLine(value);

        public override void Flush() => _writer?.Flush();
    }

    /// <summary>The sentence for a standard output closed by its reader (<c>pathways batch … | head -1</c>).</summary>
    internal const string OutputClosed = "pathways stopped: the output was closed before every result was written (broken pipe), so the results are incomplete.";

    /// <summary>
    /// Standard output as a plain stream. On Unix the console's own stream drops writes to a closed pipe without a
    /// word, so a batch piped into <c>head -1</c> would report every profile done; a stream on the same file
    /// descriptor reports the broken pipe as an <see cref="IOException"/>. Only a pipe or terminal gets that stream: a
    /// file stream on a regular file writes from its own position 0, so <c>{ echo header; pathways … } &gt; out</c> would
    /// overwrite what the shell wrote before it; a regular file keeps the console's stream, which writes where the
    /// file's offset is.
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows()) return System.Console.OpenStandardOutput();
        var fd = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
        if (!fd.CanSeek) return fd;
        fd.Dispose();
        return System.Console.OpenStandardOutput();
    }

    /// <summary>Runs the command line against the given writers, plain (no colour, no progress); returns the exit code.</summary>
    /// <param name="args">The arguments after the program name, e.g. <c>recommend profile.json --lang en</c>.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors, progress and the batch summary go.</param>
    /// <returns>An <see cref="ExitCodes"/> value.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, TextReader.Null, ConsoleEnvironment.Plain);

    /// <summary>Runs the command line with an explicit standard input and terminal capabilities.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, ConsoleEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var io = new ConsoleIo(stdout, stderr, stdin ?? TextReader.Null, environment ?? ConsoleEnvironment.Plain);
        try
        {
            return PlainRecommend.TryParse(args, out var plain)
                ? RecommendCommand.Run(io, plain.Profile, Array.Empty<string>(), plain.Json, plain.Language)
                : Cli.Invoke(args, io);
        }
        catch (Exception e)
        {
            // Never a stack trace: one sentence, and an exit code that says it is neither the input nor a pack.
            io.Error($"pathways stopped on an unexpected error ({e.GetType().Name}): {Sentence(e.Message)}");
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>A message as one line ending in one full stop.</summary>
    internal static string Sentence(string message)
    {
        // Line breaks become spaces; any other control character (a pack's text may hold ESC) is shown escaped.
        var line = TextReport.Visible(message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Trim());
        return line.EndsWith('.') || line.EndsWith('?') || line.EndsWith('!') ? line : line + ".";
    }
}
