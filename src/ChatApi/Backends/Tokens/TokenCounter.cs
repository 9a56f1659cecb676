using System.Collections.Frozen;
using ChatApi.Contracts;
using Microsoft.ML.Tokenizers;

namespace ChatApi.Backends.Tokens;

/// <summary>
/// Counts tokens as gpt-4o does: o200k_base, with OpenAI's per-message overhead for chat prompts. BPE costs the square of a
/// pre-token's length ("a" × 64,000 takes seconds), so a run of more than <see cref="LongRun"/> characters without whitespace,
/// which no natural text has, is not given to it: it counts as one token per <see cref="CharsPerLongRunToken"/> characters
/// (o200k's average), which keeps the work linear in the input and every count of ordinary text exact.
/// </summary>
public sealed class TokenCounter
{
    // From OpenAI's cookbook for gpt-4o-class models: every message costs 3 tokens of framing,
    // a name 1 more, and every reply is primed with 3.
    const int TokensPerMessage = 3;
    const int TokensPerName = 1;
    const int ReplyPriming = 3;

    public const int LongRun = 1_000;
    public const int CharsPerLongRunToken = 4;

    public Tokenizer Tokenizer { get; } = TiktokenTokenizer.CreateForModel("gpt-4o");

    // Every message names one of a few roles; counting them once saves a tokenizer pass per message.
    readonly FrozenDictionary<string, int> _roleTokens;

    public TokenCounter() => _roleTokens = MessageRoles.All.ToFrozenDictionary(role => role, Count);

    public int Count(string text)
    {
        if (text.Length <= LongRun)
            return text.Length == 0 ? 0 : Tokenizer.CountTokens(text);
        var total = 0;
        foreach (var (start, length, isLong) in Segments(text))
            total += isLong ? (length + CharsPerLongRunToken - 1) / CharsPerLongRunToken : Tokenizer.CountTokens(text.AsSpan(start, length));
        return total;
    }

    /// <summary>The text cut around its runs of more than <see cref="LongRun"/> non-whitespace characters, in order.</summary>
    static IEnumerable<(int Start, int Length, bool IsLong)> Segments(string text)
    {
        var segment = 0;
        var run = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i]))
                continue;
            if (i - run > LongRun)
            {
                if (run > segment)
                    yield return (segment, run - segment, false);
                yield return (run, i - run, true);
                segment = i;
            }
            run = i + 1;
        }
        if (segment < text.Length)
            yield return (segment, text.Length - segment, false);
    }

    public int CountPrompt(IReadOnlyList<ChatCompletionRequestMessage> messages)
    {
        var total = ReplyPriming;
        foreach (var message in messages)
        {
            total += TokensPerMessage + CountRole(message.Role ?? "") + Count(message.Content?.PlainText ?? "");
            if (message.Name is { } name)
                total += TokensPerName + Count(name);
            if (message.FunctionCall is { } function)
                total += Count(function.Name) + Count(function.Arguments);
            foreach (var call in message.ToolCalls ?? [])
                total += Count(call.Function.Name) + Count(call.Function.Arguments);
        }
        return total;
    }

    int CountRole(string role) => _roleTokens.TryGetValue(role, out var count) ? count : Count(role);

    /// <summary>
    /// The text split into one string per token, in order, that join back to the text. A character the tokenizer cuts into
    /// several byte tokens (rare emoji, ancient scripts) goes whole with the first of them; the rest are empty.
    /// </summary>
    public IReadOnlyList<string> Split(string text)
    {
        if (text.Length == 0)
            return [];
        if (text.Length <= LongRun)
            return SplitExactly(text);
        var pieces = new List<string>();
        foreach (var (start, length, isLong) in Segments(text))
        {
            if (!isLong)
            {
                pieces.AddRange(SplitExactly(text.Substring(start, length)));
                continue;
            }
            for (var at = start; at < start + length;)
            {
                var end = Math.Min(at + CharsPerLongRunToken, start + length);
                if (end < text.Length && char.IsLowSurrogate(text[end]))
                    end++;
                pieces.Add(text[at..end]);
                at = end;
            }
        }
        return pieces;
    }

    List<string> SplitExactly(string text)
    {
        var tokens = Tokenizer.EncodeToTokens(text, out _);
        var pieces = new List<string>(tokens.Count);
        var cursor = 0;
        foreach (var token in tokens)
        {
            var end = Math.Max(cursor, token.Offset.End.GetOffset(text.Length));
            pieces.Add(text[cursor..end]);
            cursor = end;
        }
        if (cursor < text.Length)
            pieces[^1] += text[cursor..];
        return pieces;
    }
}
