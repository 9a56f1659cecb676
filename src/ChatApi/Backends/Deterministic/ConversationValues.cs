using System.Text.RegularExpressions;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// The values a user message names, for tool arguments that fit the conversation: quoted text, emails, ISO dates, numbers and
/// capitalised words or phrases ("Paris", "New York"), each in the order they appear. Sentence words such as "What" or "Please"
/// are not names.
/// </summary>
public sealed partial record ConversationValues(
    IReadOnlyList<string> Quoted, IReadOnlyList<string> Emails, IReadOnlyList<string> Dates, IReadOnlyList<string> Numbers,
    IReadOnlyList<string> Names, IReadOnlyList<string> Words)
{
    static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "i'm", "i'd", "a", "an", "the", "what", "what's", "whats", "where", "when", "who", "whom", "why", "which", "how", "is", "are", "was",
        "do", "does", "did", "can", "could", "would", "will", "should", "may", "might", "please", "tell", "show", "give", "get", "find",
        "look", "check", "book", "send", "call", "set", "make", "let", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "yes", "no",
        "and", "or", "but", "in", "on", "at", "for", "to", "from", "of", "with", "my", "me", "we", "our", "you", "your", "it", "this", "that",
        "use", "using", "now", "today", "tomorrow", "json",
    };

    public static ConversationValues Of(string text) => new(
        [.. QuotedText().Matches(text).Select(m => m.Groups.Values.Skip(1).First(g => g.Success).Value).Where(v => v.Length > 0)],
        [.. Email().Matches(text).Select(m => m.Value)],
        [.. IsoDate().Matches(text).Select(m => m.Value)],
        [.. Number().Matches(text).Select(m => m.Value)],
        [.. CapitalisedPhrases(text)],
        [.. Word().Matches(text).Select(m => m.Value)]);

    static IEnumerable<string> CapitalisedPhrases(string text)
    {
        // A single word capitalised only because it starts a sentence ("Weather in Oslo?") comes after the names found
        // elsewhere, so "Oslo" is the first; on its own it is still a name ("Paris is lovely").
        var openers = new List<string>();
        foreach (Match phrase in Capitalised().Matches(text))
        {
            // "What's the weather in Paris" gives "Paris"; a phrase loses leading sentence words ("Please New York" → "New York").
            var words = phrase.Value.Split(' ').SkipWhile(w => NotNames.Contains(w)).ToList();
            if (words.Count == 0 || words.All(NotNames.Contains))
                continue;
            if (words.Count == 1 && words[0] == phrase.Value && StartsSentence(text, phrase.Index))
                openers.Add(words[0]);
            else
                yield return string.Join(' ', words);
        }
        foreach (var opener in openers)
            yield return opener;
    }

    static bool StartsSentence(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        return before.IsEmpty || before[^1] is '.' or '!' or '?' or ':' or '\n';
    }

    [GeneratedRegex("\"([^\"]+)\"|“([^”]+)”|'([^']{2,})'(?![a-z])")]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w-]|\.\d)")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)*")]
    private static partial Regex Capitalised();

    [GeneratedRegex(@"[\p{L}\p{N}_-]+")]
    private static partial Regex Word();
}
