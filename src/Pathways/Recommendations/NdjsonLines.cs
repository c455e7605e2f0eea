using System.Text;

namespace Pathways;

/// <summary>
/// NDJSON lines as the format defines them: only <c>\n</c> (or <c>\r\n</c>) ends a line. A bare <c>\r</c> is
/// JSON white space inside the line, as <c>recommend</c> reads it, whereas <see cref="TextReader.ReadLine"/> would
/// split the line there (one valid profile would become two errors, and every later line number would shift).
/// </summary>
internal sealed class NdjsonLines(TextReader input)
{
    private readonly char[] _buffer = new char[32 * 1024];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>The next line without its ending, or <see langword="null"/> at the end of the input.</summary>
    public async Task<string?> ReadLineAsync()
    {
        StringBuilder? partial = null;
        while (true)
        {
            if (_start < _end)
            {
                var nl = Array.IndexOf(_buffer, '\n', _start, _end - _start);
                if (nl >= 0)
                {
                    var line = Take(partial, nl);
                    _start = nl + 1;
                    return line;
                }

                (partial ??= new StringBuilder()).Append(_buffer, _start, _end - _start);
                _start = _end;
            }

            if (_ended) return partial is null ? null : Trim(partial.ToString());
            _start = 0;
            _end = await input.ReadAsync(_buffer, 0, _buffer.Length).ConfigureAwait(false);
            if (_end == 0) _ended = true;
        }
    }

    private string Take(StringBuilder? partial, int nl)
    {
        if (partial is null) return Trim(new string(_buffer, _start, nl - _start));
        partial.Append(_buffer, _start, nl - _start);
        return Trim(partial.ToString());
    }

    /// <summary>The <c>\r</c> of a <c>\r\n</c> ending belongs to the ending, not the line.</summary>
    private static string Trim(string line) => line.Length > 0 && line[line.Length - 1] == '\r' ? line.Substring(0, line.Length - 1) : line;
}
