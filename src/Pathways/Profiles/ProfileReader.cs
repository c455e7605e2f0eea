using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Pathways;

/// <summary>
/// The one profile reader, driven by a <see cref="FactTable"/>: strict JSON (RFC 8259: no comments, trailing commas,
/// single quotes, leading zeros, hex, <c>NaN</c> or trailing content, no repeated property), every problem of the
/// profile listed at once, and fast enough for the batch (one pass over UTF-8, no tree). Messages name the field
/// and the offending value (at most 40 characters) and never echo the <c>id</c> or a property name that does not
/// look like a field name: such a name is reported by its line and position.
/// </summary>
internal static class ProfileReader
{
    private const int MaxStackBytes = 1024;
    private const int MaxNameLength = 40;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    // The profile is filled while it is read and published only when complete: its init-only properties are set through
    // compiled setters, as the fact table sets the built-in fields, so that reading allocates one profile.
    private static readonly Action<CitizenProfile, string?> SetId = static (p, v) => p._id = v;
    private static readonly Action<CitizenProfile, FactValues> SetFacts = static (p, v) => p._facts = v;
    private static readonly byte[] IdName = Encoding.UTF8.GetBytes("id");
    private static readonly byte[] ContextName = Encoding.UTF8.GetBytes("context");
    private static readonly byte[] FactsName = Encoding.UTF8.GetBytes("facts");
    private static readonly byte[] AssessmentDateName = Encoding.UTF8.GetBytes("assessmentDate");

    // The day the advice is for (CONTRACT §4.3) is part of the context but not a fact: rules do not read it.
    private static readonly Action<AssessmentContext, DateTime?> SetAssessmentDate = static (c, v) => c.SetAssessmentDate(v);

    /// <summary>Reads one profile; <paramref name="openFacts"/> accepts any plausibly named fact, to be checked when recommended.</summary>
    /// <exception cref="ProfileValidationException">Every problem found.</exception>
    public static CitizenCase Read(string json, FactTable table, bool openFacts, string? source)
    {
        byte[]? rented = null;
        try
        {
            var max = StrictUtf8.GetMaxByteCount(json.Length);
            var buffer = max <= MaxStackBytes ? stackalloc byte[MaxStackBytes] : (rented = ArrayPool<byte>.Shared.Rent(max));
            int n;
            try
            {
                n = StrictUtf8.GetBytes(json, buffer);
            }
            catch (EncoderFallbackException)
            {
                throw new ProfileValidationException(new[] { new ProfileProblem(null, null, "The profile text is not valid Unicode: it holds a lone surrogate character.") }, source);
            }

            return Read(buffer.Slice(0, n), table, openFacts, source);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static CitizenCase Read(ReadOnlySpan<byte> utf8, FactTable table, bool openFacts, string? source)
    {
        if (IsBlank(utf8))
            throw new ProfileValidationException(new[] { new ProfileProblem(null, null, "The profile is empty: expected one JSON object.") }, source);
        var parser = new Parser(utf8, table, openFacts);
        CitizenCase? result;
        try
        {
            result = parser.Parse();
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var position = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new ProfileValidationException(new[]
            {
                new ProfileProblem(null, null, $"Malformed JSON at line {line}, position {position}: the profile must be strict JSON (RFC 8259): no comments, trailing commas, single quotes, leading zeros or hex numbers, and nothing after the object.", line, position),
            }, source);
        }

        if (parser.Problems is { } problems) throw new ProfileValidationException(problems, source);
        return result!;
    }


    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        }

        return true;
    }

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _text;
        private readonly FactTable _table;
        private readonly bool _open;
        private Utf8JsonReader _r;
        private CitizenProfile? _profile;
        private AssessmentContext? _context;
        private ulong _seen;
        private ulong _known;
        private List<(string Name, FactValue Value)>? _facts;
        private FactValue[]? _slots;

        public Parser(ReadOnlySpan<byte> text, FactTable table, bool open)
        {
            _text = text;
            _table = table;
            _open = open;
            _r = new Utf8JsonReader(text, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
            Problems = null;
            _profile = null;
            _context = null;
            _seen = 0;
            _known = 0;
            _facts = null;
            _slots = null;
        }

        public List<ProfileProblem>? Problems { get; private set; }

        public CitizenCase? Parse()
        {
            if (!_r.Read())
            {
                Add(null, null, "The profile is empty: expected one JSON object.", 0);
                return null;
            }

            if (_r.TokenType != JsonTokenType.StartObject)
            {
                Add(null, null, $"Expected a JSON object for the profile but found {Describe(_r.TokenType)}.", _r.TokenStartIndex);
                _r.Skip();
                while (_r.Read())
                {
                }

                return null;
            }

            var start = _r.TokenStartIndex;
            _profile = new CitizenProfile();
            string? id = null;
            const ulong IdBit = 1UL << 61, ContextBit = 1UL << 62, FactsBit = 1UL << 63;
            while (NextProperty())
            {
                if (_r.ValueTextEquals(IdName))
                {
                    if (Repeated(IdBit, "id")) continue;
                    _r.Read();
                    id = ReadId();
                }
                else if (_r.ValueTextEquals(ContextName))
                {
                    if (Repeated(ContextBit, "context")) continue;
                    _r.Read();
                    ReadContext();
                }
                else if (_r.ValueTextEquals(FactsName))
                {
                    if (Repeated(FactsBit, "facts")) continue;
                    _r.Read();
                    ReadFacts();
                }
                else if (Find(FactLocation.Profile) is { } def)
                {
                    if (Repeated(1UL << def.Bit, def.Path)) continue;
                    _r.Read();
                    ReadBuiltIn(def, _profile);
                }
                else
                {
                    Unknown(null, TopNames());
                }
            }

            // Nothing may follow the object; the reader throws (malformed) on anything but white space.
            if (_r.Read()) Add(null, null, "Unexpected content after the profile object.", _r.TokenStartIndex);

            foreach (var def in FactTable.BuiltInArray)
            {
                if (def.IsRequired && (_seen & (1UL << def.Bit)) == 0)
                    Add(def.Path, null, $"Field '{def.Path}' is required: {AllowedPhrase(def)}.", start);
            }

            if (Problems is not null) return null;
            SetId(_profile, id);
            if (_facts is not null)
                SetFacts(_profile, FactValues.From(_facts, _open ? null : new FactResolution(_table, _slots ?? Array.Empty<FactValue>(), _table.DeclaredMask & ~_known, null)));
            return new CitizenCase(_profile, _context);
        }

        private bool NextProperty()
        {
            if (!_r.Read()) return false;
            return _r.TokenType == JsonTokenType.PropertyName;
        }

        private bool Repeated(ulong bit, string path)
        {
            if ((_seen & bit) == 0)
            {
                _seen |= bit;
                return false;
            }

            Add(path, null, $"Property '{path}' appears twice; give it once.", _r.TokenStartIndex);
            _r.Read();
            _r.Skip();
            return true;
        }

        private FactDefinition? Find(FactLocation location)
        {
            foreach (var def in FactTable.BuiltInArray)
            {
                if (def.Location == location && _r.ValueTextEquals(def.Utf8Name)) return def;
            }

            return null;
        }

        private string? ReadId()
        {
            switch (_r.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    try
                    {
                        return _r.GetString();
                    }
                    catch (InvalidOperationException)
                    {
                        // An escaped lone surrogate: the id is never shown, only that it is not text.
                        Add("id", null, "Field 'id' is not valid Unicode text.", _r.TokenStartIndex);
                        return null;
                    }

                default:
                    // The id is never echoed, whatever it holds.
                    Add("id", null, $"Field 'id' must be a string but is {Describe(_r.TokenType)}.", _r.TokenStartIndex);
                    _r.Skip();
                    return null;
            }
        }

        private void ReadContext()
        {
            if (_r.TokenType == JsonTokenType.Null) return;
            if (_r.TokenType != JsonTokenType.StartObject)
            {
                Add("context", null, $"Field 'context' must be an object but is {Describe(_r.TokenType)}.", _r.TokenStartIndex);
                _r.Skip();
                return;
            }

            _context = new AssessmentContext();
            while (NextProperty())
            {
                if (Find(FactLocation.Context) is { } def)
                {
                    if (Repeated(1UL << def.Bit, def.Path)) continue;
                    _r.Read();
                    ReadBuiltIn(def, _context);
                }
                else if (_r.ValueTextEquals(AssessmentDateName))
                {
                    if (Repeated(1UL << 60, "context.assessmentDate")) continue;
                    _r.Read();
                    ReadAssessmentDate();
                }
                else
                {
                    Unknown("context.", _table.BuiltIns.Where(d => d.Location == FactLocation.Context).Select(d => d.Name).Append("assessmentDate"));
                }
            }
        }

        private void ReadAssessmentDate()
        {
            if (_r.TokenType == JsonTokenType.Null) return;
            var at = _r.TokenStartIndex;
            if (_r.TokenType == JsonTokenType.String && !_r.ValueIsEscaped && AssessmentDates.TryParse(_r.ValueSpan, out var day))
            {
                SetAssessmentDate(_context!, day);
                return;
            }

            // A date is not personal data, but a string here could be anything: show it only when it is short.
            var shown = _r.TokenType == JsonTokenType.String && _r.ValueSpan.Length <= 12 ? "\"" + _r.GetString() + "\"" : null;
            Add("context.assessmentDate", shown, $"Field 'context.assessmentDate' {(shown is null ? "is not a date" : "has value " + shown + ", which is not allowed")}: {AssessmentDates.Allowed}.", at);
            if (_r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) _r.Skip();
        }

        private void ReadFacts()
        {
            if (_r.TokenType == JsonTokenType.Null) return;
            if (_r.TokenType != JsonTokenType.StartObject)
            {
                Add("facts", null, $"Field 'facts' must be an object of declared facts but is {Describe(_r.TokenType)}.", _r.TokenStartIndex);
                _r.Skip();
                return;
            }

            _facts = new List<(string, FactValue)>(_table.Declared.Count);
            ulong seen = 0;
            while (NextProperty())
            {
                var at = _r.TokenStartIndex;
                FactDefinition? def = null;
                foreach (var d in _table.DeclaredArray)
                {
                    if (_r.ValueTextEquals(d.Utf8Name))
                    {
                        def = d;
                        break;
                    }
                }

                string? name = def?.Name;
                if (name is null)
                {
                    name = SafeName();
                    if (name is null || !_open)
                    {
                        if (name is null)
                            Add("facts", null, $"The fact at line {LineOf(at)}, position {PositionOf(at)} has a name that is not a fact name (letters and digits, at most {MaxNameLength} characters); its name is not shown.", at);
                        else
                            Add("facts." + name, null, FactTable.Undeclared(_table, name), at);
                        _r.Read();
                        _r.Skip();
                        continue;
                    }
                }

                // A repeated declared fact is one bit; a repeated name that only the open reader takes is found in the list.
                var repeated = def is not null ? (seen & (1UL << def.Bit)) != 0 : _facts.Exists(f => f.Name == name);
                if (def is not null) seen |= 1UL << def.Bit;
                if (repeated)
                {
                    Add("facts." + name, null, $"Property 'facts.{name}' appears twice; give it once.", at);
                    _r.Read();
                    _r.Skip();
                    continue;
                }

                _r.Read();
                if (_r.TokenType == JsonTokenType.Null) continue;
                if (Token("facts." + name, def) is not { } value) continue;
                if (def is not null)
                {
                    if (FactTable.Check(def, ref value) is { } message)
                    {
                        Add(def.Path, FactTable.Show(value), message, _r.TokenStartIndex);
                        continue;
                    }

                    (_slots ??= new FactValue[_table.Declared.Count])[def.Slot] = value;
                    _known |= 1UL << def.Bit;
                }

                _facts.Add((name, value));
            }
        }

        private void ReadBuiltIn(FactDefinition def, object target)
        {
            if (_r.TokenType == JsonTokenType.Null)
            {
                if (def.IsRequired) Add(def.Path, null, $"Field '{def.Path}' is required: {AllowedPhrase(def)}.", _r.TokenStartIndex);
                return;
            }

            if (Token(def.Path, def) is not { } value) return;
            if (FactTable.Check(def, ref value) is { } message)
            {
                Add(def.Path, FactTable.Show(value), message, _r.TokenStartIndex);
                return;
            }

            FactTable.Set(def, target, value);
        }

        /// <summary>The current scalar token as a value, or a problem for an object or array.</summary>
        private FactValue? Token(string path, FactDefinition? def)
        {
            switch (_r.TokenType)
            {
                case JsonTokenType.True:
                    return FactValue.Of(true);
                case JsonTokenType.False:
                    return FactValue.Of(false);
                case JsonTokenType.Number:
                    // A plain integer (the common case) is read as one; a fraction or exponent as a double.
                    if (def is { Type: FactType.Integer } && _r.TryGetInt32(out var whole)) return FactValue.Of(whole);
                    if (_r.TryGetDouble(out var d) && !double.IsInfinity(d)) return FactValue.Of(d);
                    Add(path, null, $"Field '{path}' has a number too large to read.", _r.TokenStartIndex);
                    return null;
                case JsonTokenType.String:
                    // An enum value is matched in UTF-8, so that reading it allocates nothing.
                    if (def is { Type: FactType.Enum })
                    {
                        for (var i = 0; i < def.Utf8Values.Length; i++)
                        {
                            if (_r.ValueTextEquals(def.Utf8Values[i])) return new FactValue(FactKind.Text, i, def.Values[i]);
                        }
                    }

                    try
                    {
                        return FactValue.Of(_r.GetString()!);
                    }
                    catch (InvalidOperationException)
                    {
                        Add(path, null, $"Field '{path}' is not valid Unicode text.", _r.TokenStartIndex);
                        return null;
                    }

                default:
                    Add(path, null, $"Field '{path}' must be a single value but is {Describe(_r.TokenType)}.", _r.TokenStartIndex);
                    _r.Skip();
                    return null;
            }
        }

        private void Unknown(string? prefix, IEnumerable<string> allowed)
        {
            var at = _r.TokenStartIndex;
            var list = allowed.ToList();
            var name = SafeName();
            if (name is null)
                Add(prefix?.TrimEnd('.'), null, $"Unknown property at line {LineOf(at)}, position {PositionOf(at)} (its name is not shown: it is not a field name); allowed{(prefix is null ? string.Empty : " in " + prefix.TrimEnd('.'))}: {string.Join(", ", list)}.", at);
            else
                Add(prefix + name, null, $"Unknown property '{prefix}{name}'{Suggest(name, list)}; allowed: {string.Join(", ", list)}.", at);
            _r.Read();
            _r.Skip();
        }

        /// <summary>The property name when it looks like a field name (so it may be shown), else <see langword="null"/>.</summary>
        private string? SafeName()
        {
            if (_r.HasValueSequence || _r.ValueSpan.Length > MaxNameLength * 6) return null;
            string name;
            try
            {
                name = _r.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return null;
            }

            return name.Length <= MaxNameLength && IsPlausibleName(name) ? name : null;
        }

        private IEnumerable<string> TopNames() =>
            new[] { "id" }.Concat(_table.BuiltIns.Where(d => d.Location == FactLocation.Profile).Select(d => d.Name)).Concat(new[] { "context", "facts" });

        private void Add(string? field, string? value, string message, long at) =>
            (Problems ??= new()).Add(new ProfileProblem(field, value, message, LineOf(at), PositionOf(at)));

        private int LineOf(long at)
        {
            var line = 1;
            for (var i = 0; i < at && i < _text.Length; i++)
            {
                if (_text[i] == (byte)'\n') line++;
            }

            return line;
        }

        private int PositionOf(long at)
        {
            var position = 1;
            for (var i = (int)Math.Min(at, _text.Length) - 1; i >= 0 && _text[i] != (byte)'\n'; i--)
            {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                if ((_text[i] & 0xC0) != 0x80) position++;
            }

            return position;
        }
    }

    private static string AllowedPhrase(FactDefinition def) => def.Type switch
    {
        FactType.Enum => "one of " + string.Join(", ", def.Values.Select(v => "'" + v + "'")),
        FactType.Integer => "a whole number from " + FactTable.Allowed(def).Replace("–", " to "),
        FactType.Number => "a number from " + FactTable.Allowed(def).Replace("–", " to "),
        _ => "true or false",
    };

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a string",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private static string Suggest(string name, IEnumerable<string> allowed)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in allowed)
        {
            var d = ProfileJson.Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 4) ? $" (did you mean '{best}'?)" : string.Empty;
    }

    /// <summary>An ASCII letter, then ASCII letters and digits (what a fact name may look like before the packs are known).</summary>
    private static bool IsPlausibleName(string name)
    {
        if (name.Length == 0 || !IsAsciiLetter(name[0])) return false;
        foreach (var ch in name)
        {
            if (!IsAsciiLetter(ch) && ch is not (>= '0' and <= '9')) return false;
        }

        return true;

        static bool IsAsciiLetter(char ch) => ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');
    }
}
