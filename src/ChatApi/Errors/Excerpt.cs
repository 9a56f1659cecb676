using System.Globalization;
using System.Text;

namespace ChatApi.Errors;

/// <summary>
/// The only way input reaches an error message: at most <see cref="MaxLength"/> characters, JSON-string-escaped (quotes,
/// backslashes, control characters, lone surrogates) with <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, <c>'</c> and <c>`</c> written as
/// <c>\u003c</c>…, and "…" marking a cut: a message stays short, and a web page that shows it cannot be made to run markup.
/// </summary>
public static class Excerpt
{
    public const int MaxLength = 40;

    public static string Of(string? value, int maxLength = MaxLength)
    {
        if (value is null)
            return "null";
        var end = Math.Min(value.Length, maxLength);
        if (end < value.Length && char.IsHighSurrogate(value[end - 1]))
            end--;
        var text = new StringBuilder(end + 8);
        for (var i = 0; i < end; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
                continue;
            }
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '<' or '>' or '&' or '\'' or '`' or < ' ' or '\u007f' or '\u2028' or '\u2029' or (>= '\ud800' and <= '\udfff'):
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: text.Append(c); break;
            }
        }
        return end < value.Length ? text.Append('…').ToString() : text.ToString();
    }
}
