using System.Text;
using Microsoft.Net.Http.Headers;

namespace Pathways.Server.Http;

/// <summary>Checks a request's content type and reads its body within a size limit, for any server (Kestrel or a test host).</summary>
internal static class RequestBody
{
    private static readonly string[] NdjsonTypes = { "application/x-ndjson", "application/ndjson", "application/jsonl" };

    /// <summary>Whether the body is declared as JSON (<c>application/json</c> or a <c>+json</c> type).</summary>
    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the body is declared as NDJSON.</summary>
    public static bool IsNdjson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && NdjsonTypes.Any(t => type.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the declared length alone is over the limit.</summary>
    public static bool DeclaredTooLarge(HttpRequest request, long limit) => request.ContentLength is { } length && length > limit;

    /// <summary>Reads the whole body as UTF-8 text, or <see langword="null"/> when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<string?> ReadTextAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (DeclaredTooLarge(request, limit)) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + n > limit) return null;
            buffer.Write(chunk, 0, n);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(bytes);
    }
}

/// <summary>A request body that stops with <see cref="BodyTooLargeException"/> once more than a limit has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int n)
    {
        _read += n;
        if (_read > limit) throw new BodyTooLargeException();
        return n;
    }
}

/// <summary>A streamed body went over its limit after the answer had started.</summary>
internal sealed class BodyTooLargeException() : IOException("The request body is larger than the server accepts.");
