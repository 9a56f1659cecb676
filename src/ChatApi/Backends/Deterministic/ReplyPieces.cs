using System.Text;
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
        var text = new StringBuilder();
        var pieces = new List<string>(16 + plan.Body.Count * 10);

        Add(text, pieces, _openings[plan.Opening] ??= Split(ReplyText.OpeningOf(plan)));
        if (ReplyText.TopicSentenceOf(plan) is { } topicSentence)
        {
            text.Append(topicSentence);
            pieces.AddRange(tokens.Split(topicSentence));
        }
        foreach (var sentence in plan.Body)
            Add(text, pieces, _body[ReplyText.BodySentenceKey(sentence)] ??= Split(ReplyText.BodySentenceText(sentence)));
        Add(text, pieces, _closings[plan.Closing] ??= Split(ReplyText.ClosingOf(plan)));
        return (text.ToString(), pieces);
    }

    static void Add(StringBuilder text, List<string> pieces, string[] phrase)
    {
        foreach (var piece in phrase)
            text.Append(piece);
        pieces.AddRange(phrase);
    }

    string[] Split(string phrase) => [.. tokens.Split(phrase)];
}
