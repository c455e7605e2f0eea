using System.Text;
using System.Text.Json;

namespace Pathways;

/// <summary>
/// Checks that a text is one JSON value as RFC 8259 defines it, before the lenient Newtonsoft reader (kept for its
/// line information) sees it: Newtonsoft reads <c>03734</c> as octal, <c>0x2D</c> as hex, and accepts <c>.5</c>,
/// <c>NaN</c>, trailing commas, unquoted keys, single quotes, comments and content after the value, each of which
/// could change a threshold or an answer without a word.
/// </summary>
internal static class StrictJson
{
    /// <summary>The deepest nesting accepted, as Newtonsoft's default.</summary>
    public const int MaxDepth = 64;

    /// <summary>Where and why the text is not strict JSON, or <see langword="null"/> when it is.</summary>
    /// <returns>The 1-based line, the 1-based character position in it, and a sentence.</returns>
    public static (int Line, int Position, string Reason)? Check(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = MaxDepth });
            while (reader.Read())
            {
                // Reading every token checks every one; the strict reader also refuses content after the value.
            }

            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var bytePos = (int)(e.BytePositionInLine ?? 0);
            return (line + 1, CharPosition(bytes, line, bytePos) + 1, Reason(e.Message));
        }
    }

    /// <summary>The message without the reader's own location, which is given as line and position instead.</summary>
    private static string Reason(string message)
    {
        var i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var s = (i > 0 ? message.Substring(0, i) : message).Trim();
        return s.EndsWith(".", StringComparison.Ordinal) ? s : s + ".";
    }

    /// <summary>Converts the reader's byte offset in a line into a character offset.</summary>
    private static int CharPosition(byte[] bytes, int line, int bytePos)
    {
        var start = 0;
        for (var l = 0; l < line && start < bytes.Length; l++)
        {
            var next = Array.IndexOf(bytes, (byte)'\n', start);
            if (next < 0) break;
            start = next + 1;
        }

        var count = Math.Max(0, Math.Min(bytePos, bytes.Length - start));
        return Encoding.UTF8.GetCharCount(bytes, start, count);
    }
}
