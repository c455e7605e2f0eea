using System.Diagnostics;
using System.Text;

namespace Pathways.Console.Tests;

/// <summary>
/// A batch whose output reader goes away (<c>batch … | head -1</c>) exits 4 with one sentence, as the docs
/// promise, instead of 0 and a summary of results nobody received (issue 16, item 4).
/// </summary>
public sealed class BrokenPipeTests : TempFiles
{
    private string BigBatch()
    {
        var sample = File.ReadAllText(Path.Combine(Repo.Profiles, "batch.ndjson"));
        return Write("big.ndjson", string.Concat(Enumerable.Repeat(sample, 400)));
    }

    [Test]
    public void InProcess_AnOutputThatFails_ExitsUnexpectedWithOneSentence()
    {
        var stdout = new StreamWriter(new ClosedPipe(), new UTF8Encoding(false), 1 << 12);
        var stderr = new StringWriter { NewLine = "\n" };

        var exit = Program.Run(new[] { "batch", BigBatch() }, stdout, stderr);

        Assert.That(exit, Is.EqualTo(ExitCodes.Unexpected));
        Assert.That(stderr.ToString(), Is.EqualTo(Program.OutputClosed + "\n"));
    }

    [Test]
    public void Process_PipedIntoAReaderThatStopsAfterOneLine_ExitsUnexpected()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        start.ArgumentList.Add(Repo.ConsoleDll);
        start.ArgumentList.Add("batch");
        start.ArgumentList.Add(BigBatch());
        using var process = Process.Start(start)!;
        var err = process.StandardError.ReadToEndAsync();

        Assert.That(process.StandardOutput.ReadLine(), Does.StartWith("{\"id\":\"batch-01\""));
        process.StandardOutput.Close();
        Assert.That(process.WaitForExit(120_000), Is.True, "the batch must end once its reader is gone");

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Unexpected));
        Assert.That(err.GetAwaiter().GetResult(), Does.Contain("broken pipe"));
    }

    [Test]
    public void Process_WritingToAFileTheShellAlreadyWroteTo_AppendsAfterIt()
    {
        // { echo header; pathways test; } > out: the results go after the header, never over it.
        var output = Path.Combine(Path.GetDirectoryName(BigBatch())!, "out.txt");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, WorkingDirectory = Repo.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("{ echo header-line-written-first; dotnet \"$0\" test; } > \"$1\"");
        start.ArgumentList.Add(Repo.ConsoleDll);
        start.ArgumentList.Add(output);
        using var process = Process.Start(start)!;
        Assert.That(process.WaitForExit(120_000), Is.True);

        Assert.That(process.ExitCode, Is.EqualTo(ExitCodes.Success));
        var lines = File.ReadAllLines(output);
        Assert.That(lines.First(), Is.EqualTo("header-line-written-first"));
        Assert.That(lines.Last(), Does.Match(@"^\d+ passed, 0 failed$"));
    }

    /// <summary>A stream whose reader has gone: every write fails as a closed pipe does.</summary>
    private sealed class ClosedPipe : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("Broken pipe");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new IOException("Broken pipe");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw new IOException("Broken pipe");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw new IOException("Broken pipe");
    }
}
