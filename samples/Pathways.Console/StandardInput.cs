using System.Text;

namespace Pathways.Console;

/// <summary>
/// Standard input as a plain UTF-8 stream, opened only when a command reads <c>-</c>: <see cref="System.Console.In"/>
/// would set the terminal up for interactive reading, which a command that reads files has no use for.
/// </summary>
internal sealed class StandardInput : TextReader
{
    private readonly Lazy<TextReader> _reader = new(() => new StreamReader(System.Console.OpenStandardInput(), new UTF8Encoding(false)));

    public override int Peek() => _reader.Value.Peek();

    public override int Read() => _reader.Value.Read();

    public override int Read(char[] buffer, int index, int count) => _reader.Value.Read(buffer, index, count);

    public override string? ReadLine() => _reader.Value.ReadLine();

    public override string ReadToEnd() => _reader.Value.ReadToEnd();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _reader.IsValueCreated) _reader.Value.Dispose();
        base.Dispose(disposing);
    }
}
