using System.Text.RegularExpressions;
using Fare;

namespace ChatApi.Backends.Deterministic.Patterns;

/// <summary>
/// A <c>pattern</c> (with the string's <c>minLength</c>/<c>maxLength</c>) compiled once: Fare's automaton of the strings to try
/// and the .NET <see cref="Regex"/> every generated string must match before it is used. <see cref="Sample"/> is a string that
/// passed, found at compile time, so generation never returns one that does not validate.
/// </summary>
public sealed partial class CompiledPattern
{
    const int Attempts = 16;
    const int MaxSteps = 4_096;

    readonly Regex _regex;
    readonly int _minLength;
    readonly int? _maxLength;
    readonly Dictionary<State, Transition[]> _transitions;
    readonly State _initial;

    public string Sample { get; }

    CompiledPattern(Regex regex, Automaton automaton, int minLength, int? maxLength)
    {
        _regex = regex;
        _minLength = minLength;
        _maxLength = maxLength;
        _initial = automaton.Initial;
        _transitions = automaton.GetStates().ToDictionary(s => s, s => s.GetSortedTransitions(true).ToArray());
        var random = new Random(0);
        Sample = Enumerable.Range(0, Attempts).Select(_ => Walk(random)).FirstOrDefault(s => s is not null && Matches(s))
            ?? throw new UnsupportedPatternException("could not be satisfied by any generated string");
    }

    /// <summary>Compiles, or throws <see cref="UnsupportedPatternException"/> saying why the pattern cannot be generated.</summary>
    public static CompiledPattern Compile(string pattern, int minLength, int? maxLength)
    {
        var regex = DotNetRegex(pattern);
        var fare = PatternTranslator.ToFare(pattern);
        if (minLength > 0 || maxLength is not null)
            fare = $"({fare})&(.{{{minLength},{maxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture)}}})";
        Automaton automaton;
        try
        {
            automaton = new RegExp(fare).ToAutomaton();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new UnsupportedPatternException("uses syntax the generator does not support");
        }
        automaton.ExpandSingleton();
        // Fare's IsEmpty only knows the empty-language constant; a minimised automaton of no string is one dead start state.
        if (!automaton.Initial.Accept && automaton.Initial.Transitions.Count == 0)
            throw new UnsupportedPatternException(minLength > 0 || maxLength is not null
                ? "cannot be satisfied together with 'minLength'/'maxLength'"
                : "cannot be satisfied by any string");
        return new CompiledPattern(regex, automaton, minLength, maxLength);
    }

    /// <summary>A string from the automaton that the regex accepts, its choices drawn from <paramref name="random"/>.</summary>
    public string Generate(Random random)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (Walk(random) is { } text && Matches(text))
                return text;
        }
        return Sample;
    }

    /// <summary>Whether a string satisfies the pattern and the lengths, as a JSON Schema validator would check it.</summary>
    public bool Matches(string text)
    {
        var length = CodePoints(text);
        if (length < _minLength || length > _maxLength || HasLoneSurrogate(text))
            return false;
        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    // As Fare's Xeger walks: at each state stop (if accepting) or take a transition, all equally likely, and a character in its range.
    string? Walk(Random random)
    {
        var text = new System.Text.StringBuilder();
        var state = _initial;
        for (var step = 0; step < MaxSteps; step++)
        {
            var transitions = _transitions[state];
            var options = transitions.Length + (state.Accept ? 1 : 0);
            if (options == 0)
                return null;
            var pick = random.Next(options);
            if (state.Accept && pick == 0)
                return text.ToString();
            var transition = transitions[pick - (state.Accept ? 1 : 0)];
            text.Append((char)random.Next(transition.Min, transition.Max + 1));
            state = transition.To;
        }
        return null;
    }

    static Regex DotNetRegex(string pattern)
    {
        var dotNet = UnicodeBraceEscapes().Replace(pattern, m =>
            string.Concat(char.ConvertFromUtf32(Convert.ToInt32(m.Groups[1].Value, 16)).Select(c => $"\\u{(int)c:X4}")));
        var timeout = TimeSpan.FromMilliseconds(50);
        try
        {
            // ECMAScript semantics where .NET's differ: ASCII \d \w \s, no Unicode-category shorthands.
            return new Regex(dotNet, RegexOptions.ECMAScript, timeout);
        }
        catch (ArgumentException)
        {
            try
            {
                return new Regex(dotNet, RegexOptions.CultureInvariant, timeout);  // \p{…}, named groups and lookbehinds
            }
            catch (ArgumentException)
            {
                throw new UnsupportedPatternException("is not a valid regular expression");
            }
        }
    }

    // JSON Schema counts characters as code points.
    static int CodePoints(string text)
    {
        var count = text.Length;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsSurrogatePair(text[i], text[i + 1]))
            {
                count--;
                i++;
            }
        }
        return count;
    }

    static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(text[i]))
                return true;
        }
        return false;
    }

    [GeneratedRegex(@"\\u\{([0-9A-Fa-f]{1,6})\}")]
    private static partial Regex UnicodeBraceEscapes();
}
