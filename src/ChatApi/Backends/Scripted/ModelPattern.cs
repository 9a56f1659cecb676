using System.Text.RegularExpressions;

namespace ChatApi.Backends.Scripted;

/// <summary>A model name, or a glob where <c>*</c> is any run of characters and <c>?</c> any one.</summary>
public static class ModelPattern
{
    public static Func<string, bool> Compile(string pattern)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0)
            return model => string.Equals(model, pattern, StringComparison.Ordinal);

        var regex = new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant | RegexOptions.Singleline);
        return regex.IsMatch;
    }
}
