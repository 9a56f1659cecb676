using ChatApi.Backends.Tokens;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// A <see cref="ReplyText"/> reply with its tokens, equal to <see cref="TokenCounter.Split"/> of the whole text but built from
/// phrases tokenized once: every phrase after the opening starts with a space and a capital letter and the one before it ends
/// in punctuation, so o200k's pre-tokenizer always cuts there and a phrase's tokens do not depend on its neighbours.
/// Only the sentence quoting the user's topic is tokenized per reply.
/// </summary>
public sealed class ReplyPieces(TokenCounter tokens)
{
    // Filled lazily; a race only splits the same phrase twice and stores equal arrays.
    readonly string[]?[] _openings = new string[]?[ReplyText.OpeningVariants];
    readonly string[]?[] _body = new string[]?[ReplyText.BodySentenceVariants];
    readonly string[]?[] _closings = new string[]?[ReplyText.ClosingVariants];

    public (string Text, List<string> Pieces) Compose(int seed, string? topic, int? bodySentences = null)
    {
        var plan = ReplyText.Plan(seed, topic, bodySentences);
        var pieces = new List<string>(16 + plan.Body.Count * 10);
        pieces.AddRange(Pieces(plan));
        return (string.Concat(pieces), pieces);
    }

    /// <summary>The tokens of a planned reply, one at a time, for a stream that does not hold the whole reply.</summary>
    public IEnumerable<string> Pieces(ReplyPlan plan)
    {
        foreach (var piece in Opening(plan))
            yield return piece;
        if (ReplyText.TopicSentenceOf(plan) is { } topicSentence)
        {
            foreach (var piece in tokens.Split(topicSentence))
                yield return piece;
        }
        foreach (var sentence in plan.Body)
        {
            foreach (var piece in Body(sentence))
                yield return piece;
        }
        foreach (var piece in Closing(plan))
            yield return piece;
    }

    /// <summary>How many tokens <see cref="Pieces"/> gives, without making them.</summary>
    public int Count(ReplyPlan plan)
    {
        var count = Opening(plan).Length + Closing(plan).Length;
        if (ReplyText.TopicSentenceOf(plan) is { } topicSentence)
            count += tokens.Count(topicSentence);
        foreach (var sentence in plan.Body)
            count += Body(sentence).Length;
        return count;
    }

    string[] Opening(ReplyPlan plan) => _openings[plan.Opening] ??= Split(ReplyText.OpeningOf(plan));

    string[] Body(BodySentence sentence) => _body[ReplyText.BodySentenceKey(sentence)] ??= Split(ReplyText.BodySentenceText(sentence));

    string[] Closing(ReplyPlan plan) => _closings[plan.Closing] ??= Split(ReplyText.ClosingOf(plan));

    string[] Split(string phrase) => [.. tokens.Split(phrase)];
}
