#if NETSTANDARD2_0
using System.Runtime.InteropServices;
using System.Text;

namespace Pathways;

/// <summary>
/// The span, memory and cancellation overloads that .NET has and netstandard2.0 lacks, so that the shared code
/// calls the same methods on every target (the netstandard2.0 build only; on .NET the real methods are used).
/// They copy where .NET would not, which is fine for .NET Framework callers; behaviour is the same.
/// </summary>
internal static class NetStandardExtensions
{
    public static Task WriteAsync(this TextWriter writer, ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return writer.WriteAsync(text.ToString());
    }

    public static Task FlushAsync(this TextWriter writer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return writer.FlushAsync();
    }

    public static Task WriteAsync(this Stream stream, ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        MemoryMarshal.TryGetArray(buffer, out var segment)
            ? stream.WriteAsync(segment.Array!, segment.Offset, segment.Count, cancellationToken)
            : stream.WriteAsync(buffer.ToArray(), 0, buffer.Length, cancellationToken);

    public static int GetBytes(this Encoding encoding, string text, Span<byte> bytes)
    {
        var encoded = encoding.GetBytes(text);
        encoded.CopyTo(bytes);
        return encoded.Length;
    }

    public static string GetString(this Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes.ToArray());

    public static int IndexOfAnyInRange(this ReadOnlySpan<char> span, char lowInclusive, char highInclusive)
    {
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] >= lowInclusive && span[i] <= highInclusive) return i;
        }

        return -1;
    }
}
#endif
