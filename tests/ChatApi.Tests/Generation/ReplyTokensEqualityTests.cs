using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Backends.Deterministic;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;

namespace ChatApi.Tests.Generation;

/// <summary>
/// Replies built from phrases tokenized once must give exactly the text and tokens that tokenizing the whole reply gives:
/// content, logprob tokens and completion_tokens a client sees may not change with the shortcut.
/// </summary>
public sealed class ReplyTokensEqualityTests
{
    static readonly TokenCounter Tokens = new();

    static readonly string?[] Topics =
    [
        null, "", "What is a cursor?", "hello", "Explain pagination.", "write 500 tokens about cats", "it's the user's \"quoted\" thing",
        "ends with a quote\"", "'single' quotes and don't", "numbers 12345 678.9", "!!! ??? ...", "emoji 🦀🧪 and 𓀀 hieroglyph",
        "日本語のテキスト", "Ünïcödé ÀÉÎ", "tabs\tand\u00a0nbsp", "a b c d e f g h…", "x", "URL https://example.com/a/b?c=d",
        "trailing space ", " leading space", "\u200bzero width", "CAPS LOCK WORDS", "mixed CamelCase andHTTPServer",
    ];

    [Fact]
    public void ReplyPieces_ManySeedsTopicsAndLengths_EqualSplitOfWholeText()
    {
        var replies = new ReplyPieces(Tokens);
        int?[] lengths = [null, 0, 1, 3, 40, 150];
        for (var seed = -5; seed < 120; seed++)
            foreach (var topic in Topics)
                foreach (var length in lengths)
                {
                    var (text, pieces) = replies.Compose(seed * 7919, topic, length);

                    var whole = ReplyText.Compose(seed * 7919, topic, length);
                    Assert.Equal(whole, text);
                    Assert.Equal(Tokens.Split(whole), pieces);
                }
    }

    [Theory]
    [InlineData("Write 1000 tokens about caching.", null, null)]
    [InlineData("Give me 317 words on queues.", null, null)]
    [InlineData("Write 2000 tokens, please.", 123, null)]
    [InlineData("Write 400 tokens about \"quotes\" and emoji 🦀.", 5, 77)]
    [InlineData("Explain pagination.", null, 7)]
    [InlineData("Explain pagination.", 3, 1)]
    [InlineData("What is a cursor?", 99, null)]
    [InlineData("", null, null)]
    public void Compose_TextReplies_SameContentTokensAndUsageAsTokenizingWholeReply(string message, int? seed, int? maxTokens)
    {
        string[][] stops = [[], ["."], [" the"], ["zzz"], ["help", "Sure"], ["\""]];
        foreach (var stop in stops)
            for (var index = 0; index < 3; index++)
            {
                var request = Request(message, seed, maxTokens, stop);

                var choice = new ReplyComposer(Tokens).Compose(request, index);

                var (content, pieces, finish) = WholeTextReply(request, index);
                Assert.Equal(content, choice.Choice.Message!.Content);
                Assert.Equal(pieces, choice.ContentTokens);
                Assert.Equal(pieces.Count, choice.Tokens);
                Assert.Equal(finish, choice.Choice.FinishReason);
            }
    }

    /// <summary>The reply as the backend made it before phrases were tokenized once: every text tokenized whole.</summary>
    static (string Content, IReadOnlyList<string> Pieces, string FinishReason) WholeTextReply(CreateChatCompletionRequest request, int index)
    {
        var seed = GenerationSeed.For(request, index);
        var topic = ReplyText.TopicOf(request.Messages!);
        var text = ReplyText.Compose(seed, topic);
        if (ReplyText.RequestedLength(request.Messages!) is { } length)
        {
            var sentences = length / 8 + 1;
            while (true)
            {
                text = ReplyText.Compose(seed, topic, sentences);
                var count = Tokens.Count(text);
                if (count >= length)
                    break;
                sentences += (length - count) / 8 + 1;
            }
        }

        var cuts = (request.Stop?.Sequences ?? []).Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).ToList();
        if (cuts.Count > 0)
            text = text[..cuts.Min()];
        var pieces = Tokens.Split(text);
        if (request.CompletionTokenLimit is { } limit && pieces.Count > limit)
        {
            pieces = [.. pieces.Take(limit)];
            return (string.Concat(pieces), pieces, FinishReasons.Length);
        }
        return (text, pieces, FinishReasons.Stop);
    }

    static CreateChatCompletionRequest Request(string message, int? seed, int? maxTokens, string[] stop)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "Be brief." }, new JsonObject { ["role"] = "user", ["content"] = message }),
        };
        if (seed is { } s)
            body["seed"] = s;
        if (maxTokens is { } m)
            body["max_completion_tokens"] = m;
        if (stop.Length > 0)
            body["stop"] = new JsonArray([.. stop.Select(x => JsonValue.Create(x))]);
        return JsonSerializer.Deserialize<CreateChatCompletionRequest>(body.ToJsonString(), ChatApiJson.Options)!;
    }
}
