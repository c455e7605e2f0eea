using System.Globalization;
using System.Text;
#if NET8_0_OR_GREATER
using System.Buffers;
#endif

namespace Pathways;

/// <summary>UTF-8 bytes written into a buffer that the sink replaces or grows when it runs out of room.</summary>
internal abstract class Utf8Sink
{
    /// <summary>The most room one <see cref="Room"/> call asks for.</summary>
    public const int MaxRoom = 16 * 1024;

    /// <summary>The buffer being written; bytes go at <see cref="Used"/>.</summary>
    public byte[] Bytes = null!;

    /// <summary>Bytes written into <see cref="Bytes"/> so far.</summary>
    public int Used;

    /// <summary>Makes sure that <paramref name="n"/> (at most <see cref="MaxRoom"/>) bytes fit after <see cref="Used"/>.</summary>
    public void Room(int n)
    {
        if (Bytes.Length - Used < n) MakeRoom(n);
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            if (Used == Bytes.Length) MakeRoom(1);
            var n = Math.Min(bytes.Length, Bytes.Length - Used);
            bytes.Slice(0, n).CopyTo(Bytes.AsSpan(Used));
            Used += n;
            bytes = bytes.Slice(n);
        }
    }

    public void Append(byte b)
    {
        if (Used == Bytes.Length) MakeRoom(1);
        Bytes[Used++] = b;
    }

    protected abstract void MakeRoom(int n);
}

/// <summary>A sink that grows one array: for bytes that are kept (a cache entry) or measured.</summary>
internal sealed class GrowingSink : Utf8Sink
{
    public GrowingSink(int capacity = 1024) => Bytes = new byte[capacity];

    public void Reset() => Used = 0;

    public byte[] ToArray() => Bytes.AsSpan(0, Used).ToArray();

    protected override void MakeRoom(int n) => Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Used + n));
}

/// <summary>
/// Writes a result as UTF-8, exactly the bytes of <see cref="RecommendationJson.Write(RecommendationResult, TextWriter, bool)"/>
/// (compact) encoded as UTF-8, with no text in between. One writer per worker thread at a time: it is not thread-safe.
/// </summary>
/// <remarks>
/// The texts of a result are mostly shared instances from the compiled rule set (titles, citations, caveats, the
/// rule reasons), and explained results share whole lists (the why-not list of a match pattern, the recommendation
/// list of a pattern and the citizen's values). Their escaped bytes are kept by object identity, once an instance
/// is seen a second time, so that a text or list met once (the citizen's own sentence, a fresh list) costs no copy.
/// The caches are bounded (entries and bytes) and simply start again when full. Lists are cached only when
/// <paramref name="shareLists"/> says that they are never changed after a result is returned (Pathways' own
/// recommender); strings are immutable and always cached.
/// </remarks>
internal sealed class Utf8ResultWriter(bool shareLists)
{
    private readonly ByReference _strings = new(8192, 4L << 20);
    private readonly ByReference _lists = new(2048, 16L << 20);
    private readonly GrowingSink _stringScratch = new();
    private readonly GrowingSink _listScratch = new(16 * 1024);
    private RuleSetInfo? _headerRuleSet;
    private string? _headerAdvisory;
    private DateTime _headerDate;
    private byte[] _header = Array.Empty<byte>();

#if NET8_0_OR_GREATER
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\"\\\u0085\u2028\u2029");
#endif

    /// <summary>Writes the result (no line ending).</summary>
    public void Write(RecommendationResult result, Utf8Sink sink)
    {
        sink.Append("{\"id\":"u8);
        String(sink, result.Id, cache: false);
        sink.Append(Header(result));
        if (shareLists) List(sink, result.Recommendations);
        else Recommendations(sink, result.Recommendations);
        sink.Append("],\"notRecommended\":["u8);
        if (shareLists) List(sink, result.NotRecommended);
        else NotRecommended(sink, result.NotRecommended);
        sink.Append((byte)']');

        // Only when a rule could not be evaluated, as RecommendationJson writes it.
        if (result.Warnings.Count > 0)
        {
            sink.Append(",\"warnings\":"u8);
            Strings(sink, result.Warnings, cache: false);
        }

        sink.Append((byte)'}');
    }

    /// <summary>Everything between the id and the first recommendation, kept while the rule set, advisory and date stay.</summary>
    private byte[] Header(RecommendationResult result)
    {
        if (ReferenceEquals(_headerRuleSet, result.RuleSet) && ReferenceEquals(_headerAdvisory, result.Advisory) && _headerDate == result.AssessmentDate) return _header;
        var s = new GrowingSink();
        s.Append(",\"ruleSet\":{\"name\":"u8);
        String(s, result.RuleSet.Name, cache: false);
        s.Append(",\"version\":"u8);
        String(s, result.RuleSet.Version, cache: false);
        s.Append(",\"hash\":"u8);
        String(s, result.RuleSet.Hash, cache: false);
        s.Append("},\"assessmentDate\":"u8);
        String(s, AssessmentDates.Format(result.AssessmentDate), cache: false);
        s.Append(",\"advisory\":"u8);
        String(s, result.Advisory, cache: false);
        s.Append(",\"recommendations\":["u8);
        (_headerRuleSet, _headerAdvisory, _headerDate, _header) = (result.RuleSet, result.Advisory, result.AssessmentDate, s.ToArray());
        return _header;
    }

    /// <summary>The items of a recommendation or why-not list (without the brackets), from the cache once the list instance is seen again.</summary>
    private void List(Utf8Sink sink, object list)
    {
        if (_lists.TryGet(list, out var bytes, out var admit))
        {
            sink.Append(bytes);
            return;
        }

        var into = admit ? _listScratch : sink;
        if (admit) _listScratch.Reset();
        if (list is IReadOnlyList<Recommendation> recommendations) Recommendations(into, recommendations);
        else NotRecommended(into, (IReadOnlyList<NotRecommendedIntervention>)list);
        if (!admit) return;
        bytes = _listScratch.ToArray();
        _lists.Add(list, bytes);
        sink.Append(bytes);
    }

    private void Recommendations(Utf8Sink sink, IReadOnlyList<Recommendation> recommendations)
    {
        for (var i = 0; i < recommendations.Count; i++)
        {
            var r = recommendations[i];
            sink.Append(i == 0 ? "{\"id\":"u8 : ",{\"id\":"u8);
            String(sink, r.InterventionId, cache: true);
            sink.Append(",\"kind\":"u8);
            String(sink, r.Kind.ToJson(), cache: true);
            sink.Append(",\"title\":"u8);
            String(sink, r.Title, cache: true);
            sink.Append(",\"evidence\":"u8);
            String(sink, r.Evidence.ToJson(), cache: true);
            sink.Append(",\"conclusion\":"u8);
            if (r.Conclusion is { } conclusion) Integer(sink, conclusion);
            else sink.Append("null"u8);
            sink.Append(",\"reasons\":"u8);
            Strings(sink, r.Reasons, cache: true);
            sink.Append(",\"caveats\":"u8);
            Strings(sink, r.Caveats, cache: true);
            sink.Append(",\"citations\":["u8);
            for (var c = 0; c < r.Citations.Count; c++)
            {
                var citation = r.Citations[c];
                sink.Append(c == 0 ? "{\"key\":"u8 : ",{\"key\":"u8);
                String(sink, citation.Key, cache: true);
                sink.Append(",\"text\":"u8);
                String(sink, citation.Text, cache: true);
                sink.Append(",\"finding\":"u8);
                String(sink, citation.Finding, cache: true);
                sink.Append((byte)'}');
            }

            sink.Append("]}"u8);
        }
    }

    private void NotRecommended(Utf8Sink sink, IReadOnlyList<NotRecommendedIntervention> notRecommended)
    {
        for (var i = 0; i < notRecommended.Count; i++)
        {
            var n = notRecommended[i];
            sink.Append(i == 0 ? "{\"id\":"u8 : ",{\"id\":"u8);
            String(sink, n.InterventionId, cache: true);
            sink.Append(",\"reasons\":"u8);
            Strings(sink, n.Reasons, cache: true);
            sink.Append((byte)'}');
        }
    }

    private void Strings(Utf8Sink sink, IReadOnlyList<string> values, bool cache)
    {
        sink.Append((byte)'[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) sink.Append((byte)',');
            String(sink, values[i], cache);
        }

        sink.Append((byte)']');
    }

    private void String(Utf8Sink sink, string? s, bool cache)
    {
        if (s is null)
        {
            sink.Append("null"u8);
            return;
        }

        if (!cache)
        {
            Escape(sink, s);
            return;
        }

        if (_strings.TryGet(s, out var bytes, out var admit))
        {
            sink.Append(bytes);
            return;
        }

        if (!admit)
        {
            Escape(sink, s);
            return;
        }

        _stringScratch.Reset();
        Escape(_stringScratch, s);
        bytes = _stringScratch.ToArray();
        _strings.Add(s, bytes);
        sink.Append(bytes);
    }

    /// <summary>An integer as JSON writes it; the note's conclusions (1–5) without a string each.</summary>
    private static void Integer(Utf8Sink sink, int value)
    {
        if (value is >= 0 and <= 9)
        {
            sink.Append((byte)('0' + value));
            return;
        }

        var text = value.ToString(CultureInfo.InvariantCulture);
        sink.Room(text.Length);
        foreach (var c in text) sink.Bytes[sink.Used++] = (byte)c;
    }

    /// <summary>
    /// The string as a JSON string, escaped as Newtonsoft.Json escapes it by default (<c>StringEscapeHandling.Default</c>
    /// with double quotes): <c>\"</c>, <c>\\</c>, <c>\b \t \n \f \r</c>, every other control character below U+0020
    /// and U+0085, U+2028, U+2029 as <c>\u</c> and four lower-case hex digits; everything else is written as UTF-8,
    /// a lone surrogate as U+FFFD, as <see cref="Encoding.UTF8"/> encodes the text that Newtonsoft writes.
    /// </summary>
    internal static void Escape(Utf8Sink sink, string s)
    {
        sink.Append((byte)'"');
        var from = 0;
        while (from < s.Length)
        {
            var at = NextEscaped(s, from);
            Encode(sink, s, from, at);
            if (at == s.Length) break;
            EscapeChar(sink, s[at]);
            from = at + 1;
        }

        sink.Append((byte)'"');
    }

    private static int NextEscaped(string s, int from)
    {
#if NET8_0_OR_GREATER
        var k = s.AsSpan(from).IndexOfAny(Escaped);
        return k < 0 ? s.Length : from + k;
#else
        for (var i = from; i < s.Length; i++)
        {
            var c = s[i];
            if (c < ' ' || c == '"' || c == '\\' || c == '\u0085' || c == '\u2028' || c == '\u2029') return i;
        }

        return s.Length;
#endif
    }

    /// <summary>Characters [from, to) as UTF-8, in pieces that never split a surrogate pair (so a lone surrogate becomes U+FFFD exactly as in one piece).</summary>
    private static void Encode(Utf8Sink sink, string s, int from, int to)
    {
        while (from < to)
        {
            var n = to - from;
            var fit = (sink.Bytes.Length - sink.Used) / 3;
            if (n > fit)
            {
                if (fit >= 256)
                {
                    n = fit;
                }
                else
                {
                    n = Math.Min(n, Utf8Sink.MaxRoom / 3);
                    sink.Room(3 * n);
                }
            }

            if (from + n < to && char.IsHighSurrogate(s[from + n - 1])) n--;
            sink.Used += Encoding.UTF8.GetBytes(s, from, n, sink.Bytes, sink.Used);
            from += n;
        }
    }

    private static void EscapeChar(Utf8Sink sink, char c)
    {
        switch (c)
        {
            case '"': sink.Append("\\\""u8); break;
            case '\\': sink.Append("\\\\"u8); break;
            case '\b': sink.Append("\\b"u8); break;
            case '\t': sink.Append("\\t"u8); break;
            case '\n': sink.Append("\\n"u8); break;
            case '\f': sink.Append("\\f"u8); break;
            case '\r': sink.Append("\\r"u8); break;
            default:
                sink.Room(6);
                var b = sink.Bytes;
                var u = sink.Used;
                b[u] = (byte)'\\';
                b[u + 1] = (byte)'u';
                b[u + 2] = Hex(c >> 12);
                b[u + 3] = Hex(c >> 8);
                b[u + 4] = Hex(c >> 4);
                b[u + 5] = Hex(c);
                sink.Used = u + 6;
                break;
        }
    }

    private static byte Hex(int v)
    {
        v &= 0xF;
        return (byte)(v < 10 ? '0' + v : 'a' + v - 10);
    }

    /// <summary>
    /// Bytes by object identity, admitted when an instance is seen the second time; bounded in entries and bytes,
    /// cleared when full (an evicted entry only costs writing it again). First sightings are remembered in a Bloom
    /// filter of identity hashes, not by reference, so that the texts and lists of one citizen are not kept alive
    /// (promoted by the garbage collector, then dropped: that churn cost more than writing them). A false "seen"
    /// only admits an instance early; the entry is still keyed by the instance itself.
    /// </summary>
    private sealed class ByReference(int maxEntries, long maxBytes)
    {
        private const int SeenBits = 1 << 20;
        private readonly Dictionary<object, byte[]> _map = new(ReferenceEqualityComparer.Instance);
        private readonly ulong[] _seen = new ulong[SeenBits / 64];
        private long _bytes;
        private int _firstSightings;

        /// <summary>The cached bytes; otherwise whether the caller should <see cref="Add"/> them (seen before).</summary>
        public bool TryGet(object key, out byte[] bytes, out bool admit)
        {
            if (_map.TryGetValue(key, out bytes!))
            {
                admit = false;
                return true;
            }

            admit = SeenBefore(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key));
            return false;
        }

        public void Add(object key, byte[] bytes)
        {
            if (_bytes + bytes.Length > maxBytes || _map.Count >= maxEntries)
            {
                _map.Clear();
                _bytes = 0;
            }

            _map[key] = bytes;
            _bytes += bytes.Length;
        }

        private bool SeenBefore(int hash)
        {
            var a = (uint)hash & (SeenBits - 1);
            var b = ((uint)hash >> 12 ^ (uint)hash * 0x9E3779B1u) & (SeenBits - 1);
            var bitA = 1UL << (int)(a & 63);
            var bitB = 1UL << (int)(b & 63);
            if ((_seen[a >> 6] & bitA) != 0 && (_seen[b >> 6] & bitB) != 0) return true;
            _seen[a >> 6] |= bitA;
            _seen[b >> 6] |= bitB;
            if (++_firstSightings >= SeenBits / 16)
            {
                Array.Clear(_seen, 0, _seen.Length);
                _firstSightings = 0;
            }

            return false;
        }
    }
}
