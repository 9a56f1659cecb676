using System.Collections.Concurrent;

namespace ChatApi.Backends.Deterministic.Patterns;

/// <summary>
/// Every <c>pattern</c> compiled once per (pattern, minLength, maxLength), its verdict kept: the validator's check and each
/// reply's generation share the work. Past <see cref="Capacity"/> entries new patterns are compiled per use and not kept.
/// </summary>
public static class PatternCache
{
    const int Capacity = 4_096;

    static readonly ConcurrentDictionary<(string Pattern, int MinLength, int? MaxLength), Lazy<(CompiledPattern? Pattern, string? Problem)>> Compiled = new();

    /// <summary>The compiled pattern, or why strings cannot be generated for it.</summary>
    public static (CompiledPattern? Pattern, string? Problem) Get(string pattern, int minLength, int? maxLength)
    {
        var key = (pattern, minLength, maxLength);
        if (Compiled.TryGetValue(key, out var known))
            return known.Value;
        var entry = new Lazy<(CompiledPattern?, string?)>(() => Compile(pattern, minLength, maxLength));
        return Compiled.Count < Capacity ? Compiled.GetOrAdd(key, entry).Value : entry.Value;
    }

    static (CompiledPattern?, string?) Compile(string pattern, int minLength, int? maxLength)
    {
        try
        {
            return (CompiledPattern.Compile(pattern, minLength, maxLength), null);
        }
        catch (UnsupportedPatternException e)
        {
            return (null, e.Message);
        }
    }
}
