using System.Globalization;
using System.Text;

namespace ChatApi.Backends.Deterministic.Patterns;

/// <summary>
/// Rewrites a JSON Schema <c>pattern</c> (ECMA-262 syntax, as zod, Pydantic and hand-written schemas emit it) into the syntax of
/// Fare's <see cref="Fare.RegExp"/> (dk.brics), whose automaton generates the strings. What a generated string must match
/// is still decided by .NET's <c>Regex</c> afterwards, so a rewrite may narrow (<c>.</c> and negated classes generate printable
/// ASCII, <c>\s</c> a space) or drop what an automaton cannot express (anchors, <c>\b</c>, lookarounds), never widen.
/// </summary>
public static class PatternTranslator
{
    /// <summary>Above this many automaton positions (repetitions multiplied out) a pattern is refused rather than compiled.</summary>
    public const int MaxSize = 20_000;

    const string Printable = "[ -~]";

    public static string ToFare(string pattern)
    {
        var output = new StringBuilder(pattern.Length * 2);
        // Per open group: its size so far; the size of the last atom, which a quantifier multiplies.
        var sizes = new Stack<long>();
        sizes.Push(0);
        long lastAtom = 0;
        var i = 0;

        void Atom(string fare, long size)
        {
            output.Append(fare);
            lastAtom = size;
            sizes.Push(sizes.Pop() + size);
            if (sizes.Sum() > MaxSize)
                throw new UnsupportedPatternException($"is too large to generate strings for (more than {MaxSize} positions)");
        }

        while (i < pattern.Length)
        {
            var c = pattern[i++];
            switch (c)
            {
                case '^' or '$':
                    break;  // anchors: the generated string is the match itself
                case '|':
                    output.Append('|');
                    lastAtom = 0;
                    break;
                case '.':
                    Atom(Printable, 1);
                    break;
                case '[':
                    Atom(Class(pattern, ref i), 1);
                    break;
                case '(':
                    if (pattern.AsSpan(i).StartsWith("?=") || pattern.AsSpan(i).StartsWith("?!") || pattern.AsSpan(i).StartsWith("?<=") || pattern.AsSpan(i).StartsWith("?<!"))
                    {
                        SkipGroup(pattern, ref i);  // a lookaround constrains, never adds: checked by Regex afterwards
                        lastAtom = 0;
                        break;
                    }
                    if (pattern.AsSpan(i).StartsWith("?:"))
                        i += 2;
                    else if (pattern.AsSpan(i).StartsWith("?<"))
                        i = pattern.IndexOf('>', i) is var end and > 0 ? end + 1 : throw new UnsupportedPatternException("has an unterminated group name");
                    else if (i < pattern.Length && pattern[i] == '?')
                        throw new UnsupportedPatternException($"uses the group syntax '(?{(i + 1 < pattern.Length ? pattern[i + 1] : ' ')}' that ECMA-262 does not define");
                    output.Append('(');
                    sizes.Push(0);
                    break;
                case ')':
                    if (sizes.Count == 1)
                        throw new UnsupportedPatternException("has an unbalanced ')'");
                    output.Append(')');
                    lastAtom = sizes.Pop();
                    sizes.Push(sizes.Pop() + lastAtom);
                    break;
                case '*' or '+' or '?':
                    output.Append(c);
                    Repeat(sizes, ref lastAtom, c == '?' ? 1 : 2);
                    SkipLazy(pattern, ref i);
                    break;
                case '{' when Quantifier(pattern, i) is var (min, max, length):
                    output.Append('{').Append(min.ToString(CultureInfo.InvariantCulture));
                    if (max != min)
                        output.Append(',').Append(max?.ToString(CultureInfo.InvariantCulture) ?? "");
                    output.Append('}');
                    i += length;
                    Repeat(sizes, ref lastAtom, Math.Max(max ?? min + 1, 1));
                    SkipLazy(pattern, ref i);
                    break;
                case '\\':
                    Escape(pattern, ref i, Atom);
                    break;
                default:
                    Atom(Literal(c), 1);
                    break;
            }
        }
        if (sizes.Count != 1)
            throw new UnsupportedPatternException("has an unbalanced '('");
        return output.ToString();
    }

    static void Repeat(Stack<long> sizes, ref long lastAtom, long times)
    {
        var grown = lastAtom * (times - 1);
        sizes.Push(sizes.Pop() + grown);
        lastAtom += grown;
        if (sizes.Sum() > MaxSize)
            throw new UnsupportedPatternException($"is too large to generate strings for (more than {MaxSize} positions)");
    }

    static void SkipLazy(string pattern, ref int i)
    {
        if (i < pattern.Length && pattern[i] == '?')
            i++;
    }

    /// <summary><c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> starting after the <c>{</c>; anything else is a literal brace, as in ECMA-262 without the u flag.</summary>
    static (int Min, int? Max, int Length)? Quantifier(string pattern, int start)
    {
        var close = pattern.IndexOf('}', start);
        if (close < 0)
            return null;
        var body = pattern[start..close];
        var comma = body.IndexOf(',');
        var minText = comma < 0 ? body : body[..comma];
        if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out var min))
            return null;
        if (comma < 0)
            return (min, min, body.Length + 1);
        var maxText = body[(comma + 1)..];
        if (maxText.Length == 0)
            return (min, null, body.Length + 1);
        if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
            return null;
        if (max < min)
            throw new UnsupportedPatternException("has a quantifier whose maximum is below its minimum");
        return (min, max, body.Length + 1);
    }

    static void Escape(string pattern, ref int i, Action<string, long> atom)
    {
        if (i >= pattern.Length)
            throw new UnsupportedPatternException("ends with a lone backslash");
        var c = pattern[i++];
        switch (c)
        {
            case 'd': atom("[0-9]", 1); break;
            case 'w': atom("[a-zA-Z0-9_]", 1); break;
            case 's': atom("\\ ", 1); break;
            case 'D': atom("([ -~]&[^0-9])", 1); break;
            case 'W': atom("([ -~]&[^a-zA-Z0-9_])", 1); break;
            case 'S': atom("[!-~]", 1); break;
            case 'b' or 'B': break;  // word boundaries: checked by Regex afterwards
            case 'p': atom(Category(pattern, ref i), 1); break;
            case >= '1' and <= '9':
                throw new UnsupportedPatternException("uses a back-reference, which cannot be generated");
            case 'k':
                throw new UnsupportedPatternException("uses a named back-reference, which cannot be generated");
            default:
                var text = EscapedChars(c, pattern, ref i);
                var literal = string.Concat(text.Select(Literal));
                atom(text.Length == 1 ? literal : $"({literal})", text.Length);  // a surrogate pair repeats whole
                break;
        }
    }

    /// <summary>The characters a character escape stands for: <c>\n</c>, <c>\u00e9</c>, <c>\u{1F600}</c>, <c>\x41</c>, <c>\cJ</c>, <c>\/</c>…</summary>
    static string EscapedChars(char c, string pattern, ref int i)
    {
        switch (c)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'f': return "\f";
            case 'v': return "\v";
            case '0': return "\0";
            case 'x':
                return ((char)Hex(pattern, ref i, 2)).ToString();
            case 'u' when i < pattern.Length && pattern[i] == '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 1, close - i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0x10FFFF)
                    throw new UnsupportedPatternException("has an invalid \\u{…} escape");
                i = close + 1;
                return char.ConvertFromUtf32(code);
            case 'u':
                return ((char)Hex(pattern, ref i, 4)).ToString();
            case 'c' when i < pattern.Length && char.IsAsciiLetter(pattern[i]):
                return ((char)(pattern[i++] % 32)).ToString();
            default:
                return c.ToString();  // \. \/ \- \\ \( …: the character itself
        }
    }

    static int Hex(string pattern, ref int i, int digits)
    {
        if (i + digits > pattern.Length || !int.TryParse(pattern.AsSpan(i, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            throw new UnsupportedPatternException("has an invalid hexadecimal escape");
        i += digits;
        return value;
    }

    /// <summary>The few Unicode property escapes schemas use, narrowed to ASCII: <c>\p{L}</c>, <c>\p{Lu}</c>, <c>\p{Ll}</c>, <c>\p{N}</c>, <c>\p{Nd}</c>.</summary>
    static string Category(string pattern, ref int i)
    {
        var close = i < pattern.Length && pattern[i] == '{' ? pattern.IndexOf('}', i) : -1;
        var name = close < 0 ? "" : pattern[(i + 1)..close];
        i = close < 0 ? i : close + 1;
        return name switch
        {
            "L" or "Letter" or "Alphabetic" => "[a-zA-Z]",
            "Lu" or "Uppercase_Letter" => "[A-Z]",
            "Ll" or "Lowercase_Letter" => "[a-z]",
            "N" or "Nd" or "Number" or "Decimal_Number" => "[0-9]",
            _ => throw new UnsupportedPatternException($"uses the Unicode property escape '\\p{{{name}}}', which is not supported"),
        };
    }

    /// <summary>A character class from after its <c>[</c> to its <c>]</c>.</summary>
    static string Class(string pattern, ref int i)
    {
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
            i++;
        var items = new StringBuilder();
        while (true)
        {
            if (i >= pattern.Length)
                throw new UnsupportedPatternException("has an unterminated character class");
            var c = pattern[i++];
            if (c == ']')
                break;
            string? low = null;
            if (c == '\\')
            {
                if (i >= pattern.Length)
                    throw new UnsupportedPatternException("has an unterminated character class");
                var e = pattern[i++];
                var set = e switch
                {
                    'd' => "0-9",
                    'w' => "a-zA-Z0-9_",
                    's' => "\\ \\\t\\\n\\\r\\\f\\\v",
                    'D' or 'W' or 'S' => throw new UnsupportedPatternException($"uses '\\{e}' inside a character class, which is not supported"),
                    'p' => Category(pattern, ref i).Trim('[', ']'),
                    'b' => null,
                    _ => null,
                };
                if (set is not null)
                {
                    items.Append(set);
                    continue;
                }
                low = e == 'b' ? "\b" : EscapedChars(e, pattern, ref i);
            }
            else
                low = c.ToString();

            // A range a-z; a '-' first, last or after a set stands for itself.
            if (low.Length == 1 && i + 1 < pattern.Length && pattern[i] == '-' && pattern[i + 1] != ']')
            {
                i++;
                var h = pattern[i++];
                var high = h == '\\' ? EscapedChars(pattern[i++], pattern, ref i) : h.ToString();
                if (high.Length != 1 || high[0] < low[0])
                    throw new UnsupportedPatternException("has a character class range out of order");
                items.Append(Literal(low[0])).Append('-').Append(Literal(high[0]));
            }
            else
                items.Append(string.Concat(low.Select(Literal)));
        }
        if (items.Length == 0)
            return negated ? Printable : "#";  // [^] is any character, [] none
        return negated ? $"({Printable}&[^{items}])" : $"[{items}]";
    }

    /// <summary>Skips a lookaround group, its nested groups and classes included, up to its closing parenthesis.</summary>
    static void SkipGroup(string pattern, ref int i)
    {
        var depth = 1;
        while (i < pattern.Length && depth > 0)
        {
            var c = pattern[i++];
            if (c == '\\')
                i++;
            else if (c == '[')
                Class(pattern, ref i);
            else if (c == '(')
                depth++;
            else if (c == ')')
                depth--;
        }
        if (depth > 0)
            throw new UnsupportedPatternException("has an unbalanced '('");
    }

    // Fare treats a backslash before any character as that character; letters and digits need none.
    static string Literal(char c) => char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\" + c;
}
