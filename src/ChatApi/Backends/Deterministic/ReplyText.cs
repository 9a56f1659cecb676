using System.Text;
using System.Text.RegularExpressions;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>Plain English sentences picked by a seeded generator: readable in a log, stable for a seed.</summary>
public static partial class ReplyText
{
    static readonly string[] Openings =
    [
        "Sure, here is a short answer.", "Happy to help with that.", "Good question.", "Here is what I can tell you.",
        "Let me walk through it.", "Thanks for asking.",
    ];

    static readonly string[] Subjects =
    [
        "The first step", "A simple approach", "The main idea", "A careful test", "The best option", "A quick check",
        "The usual answer", "A small example", "The key detail", "A good habit",
    ];

    static readonly string[] Verbs =
    [
        "is to keep", "depends on", "starts with", "usually means", "helps to explain", "works best with",
        "relies on", "comes down to",
    ];

    static readonly string[] Objects =
    [
        "the inputs you already have", "a clear goal", "small and steady changes", "the data at hand",
        "a second look at the details", "what the user expects", "the simplest thing that works",
        "a plan you can repeat", "the order of the steps", "the limits of the system",
    ];

    static readonly string[] Closings =
    [
        "I hope this helps.", "Let me know if you want more detail.", "That should be enough to get started.",
        "Feel free to ask a follow-up question.",
    ];

    /// <summary>A reply of a few sentences; <paramref name="bodySentences"/> sets how many when a long text is wanted.</summary>
    public static string Compose(int seed, string? topic, int? bodySentences = null)
    {
        var plan = Plan(seed, topic, bodySentences);
        var text = new StringBuilder(OpeningOf(plan));
        if (TopicSentenceOf(plan) is { } topicSentence)
            text.Append(topicSentence);
        foreach (var sentence in plan.Body)
            text.Append(BodySentenceText(sentence));
        return text.Append(ClosingOf(plan)).ToString();
    }

    /// <summary>The phrases <see cref="Compose"/> joins, picked in the same order from the same seeded generator.</summary>
    public static ReplyPlan Plan(int seed, string? topic, int? bodySentences = null)
    {
        var random = new Random(seed);
        var opening = random.Next(Openings.Length);
        var count = bodySentences ?? 2 + random.Next(4);
        var body = new BodySentence[count];
        for (var i = 0; i < count; i++)
            body[i] = new BodySentence(random.Next(Subjects.Length), random.Next(Verbs.Length), random.Next(Objects.Length));
        return new ReplyPlan(opening, string.IsNullOrEmpty(topic) ? null : topic, body, random.Next(Closings.Length));
    }

    public static int OpeningVariants => Openings.Length;

    public static int ClosingVariants => Closings.Length;

    public static int BodySentenceVariants => Subjects.Length * Verbs.Length * Objects.Length;

    public static int BodySentenceKey(BodySentence s) => (s.Subject * Verbs.Length + s.Verb) * Objects.Length + s.Object;

    public static string OpeningOf(ReplyPlan plan) => Openings[plan.Opening];

    public static string? TopicSentenceOf(ReplyPlan plan) => plan.Topic is null ? null : $" You asked about \"{plan.Topic}\".";

    public static string BodySentenceText(BodySentence s) => $" {Subjects[s.Subject]} {Verbs[s.Verb]} {Objects[s.Object]}.";

    public static string ClosingOf(ReplyPlan plan) => " " + Closings[plan.Closing];

    /// <summary>The first few words of the last user message, for a reply that visibly answers it.</summary>
    public static string? TopicOf(IReadOnlyList<ChatCompletionRequestMessage> messages)
    {
        var last = messages.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText;
        if (string.IsNullOrWhiteSpace(last))
            return null;
        var words = last.Split((char[]?)null, 9, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A word longer than any real one is cut, so the reply (and the work of tokenizing it) stays small.
        var topic = string.Join(' ', words.Take(8).Select(w => w.Length > MaxTopicWord ? w[..MaxTopicWord] + "…" : w)).Replace("\"", "", StringComparison.Ordinal);
        return words.Length > 8 ? topic + "…" : topic;
    }

    /// <summary>
    /// The length the last user message asks for, as in "write 1000 tokens" or "in 500 words" (both read as tokens),
    /// so a long reply can be had on purpose; a client's <c>max_completion_tokens</c> alone never lengthens a reply.
    /// </summary>
    public static int? RequestedLength(IReadOnlyList<ChatCompletionRequestMessage> messages)
    {
        var last = messages.LastOrDefault(m => m.Role == MessageRoles.User)?.Content?.PlainText;
        return last is not null && LengthRequest().Match(last) is { Success: true } match
            ? Math.Min(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), MaxRequestedLength)
            : null;
    }

    const int MaxRequestedLength = 100_000;

    const int MaxTopicWord = 40;

    [GeneratedRegex(@"\b(\d{1,6})\s*-?\s*(?:words|tokens)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LengthRequest();
}
