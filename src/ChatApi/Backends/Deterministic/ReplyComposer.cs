using System.Text.Json.Nodes;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Writes one choice of the built-in backend: tool calls when <see cref="ToolCallPlanner"/> picks tools, otherwise text shaped by
/// <c>response_format</c>, cut by <c>stop</c> and the token limit, with logprobs when asked. Everything follows from the generation seed.
/// </summary>
public sealed class ReplyComposer(TokenCounter tokens)
{
    // Sentences of ReplyText run about ten tokens; guessing low overshoots, so one round is usually enough.
    const int TokensPerSentence = 8;

    readonly ReplyPieces _replies = new(tokens);

    public ComposedChoice Compose(CreateChatCompletionRequest request, int index)
    {
        var seed = GenerationSeed.For(request, index);
        var random = new Random(seed);
        var functions = ToolCallPlanner.Choose(request, random);
        if (functions.Count > 0)
            return ToolCalls(request, index, functions, random);
        if (ToolCallPlanner.ChooseFunction(request) is { } legacy)
            return LegacyFunctionCall(request, index, legacy, random);

        var (text, pieces, finishReason) = Limit(request, Content(request, seed, random));
        var choice = new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionResponseMessage { Content = text },
            Logprobs = request.Logprobs == true
                ? new ChoiceLogprobs { Content = TokenLogprobs.For(pieces, request.TopLogprobs ?? 0, seed) }
                : null,
            FinishReason = finishReason,
        };
        return new ComposedChoice(choice, pieces.Count, pieces);
    }

    ComposedChoice ToolCalls(CreateChatCompletionRequest request, int index, IReadOnlyList<FunctionDefinition> functions, Random random)
    {
        var calls = functions.Select(f => new ChatCompletionMessageToolCall
        {
            Id = CompletionIds.NewToolCallId(),
            Function = new FunctionCall
            {
                Name = f.Name!,
                Arguments = ToolArguments.For(f, request, random),
            },
        }).ToList();

        var choice = new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionResponseMessage { Content = null, ToolCalls = calls },
            Logprobs = request.Logprobs == true ? new ChoiceLogprobs { Content = [] } : null,
            FinishReason = FinishReasons.ToolCalls,
        };
        return new ComposedChoice(choice, calls.Sum(c => tokens.Count(c.Function.Name) + tokens.Count(c.Function.Arguments)), []);
    }

    /// <summary>The deprecated <c>functions</c> answer: one <c>message.function_call</c>, <c>finish_reason: "function_call"</c>.</summary>
    ComposedChoice LegacyFunctionCall(CreateChatCompletionRequest request, int index, FunctionDefinition function, Random random)
    {
        var call = new FunctionCall { Name = function.Name!, Arguments = ToolArguments.For(function, request, random) };
        var choice = new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionResponseMessage { Content = null, FunctionCall = call },
            Logprobs = request.Logprobs == true ? new ChoiceLogprobs { Content = [] } : null,
            FinishReason = FinishReasons.FunctionCall,
        };
        return new ComposedChoice(choice, tokens.Count(call.Name) + tokens.Count(call.Arguments), []);
    }

    /// <summary>The reply, and its tokens when they came with it.</summary>
    (string Text, IReadOnlyList<string>? Pieces) Content(CreateChatCompletionRequest request, int seed, Random random)
    {
        var format = request.ResponseFormat;
        if (format?.Type == ResponseFormat.JsonSchemaType && format.JsonSchema?.Schema is { } schema)
            return (SchemaValueGenerator.GenerateText(schema, random), null);

        var topic = ReplyText.TopicOf(request.Messages!);
        if (format?.Type is ResponseFormat.JsonObjectType or ResponseFormat.JsonSchemaType)
            return (new JsonObject { ["answer"] = ReplyText.Compose(seed, topic) }.ToJsonString(ChatApiJson.Options), null);

        return ReplyText.RequestedLength(request.Messages!) is { } length ? LongText(seed, topic, length) : _replies.Compose(seed, topic);
    }

    /// <summary>At least <paramref name="length"/> tokens of sentences.</summary>
    (string Text, IReadOnlyList<string> Pieces) LongText(int seed, string? topic, int length)
    {
        var sentences = length / TokensPerSentence + 1;
        while (true)
        {
            var (text, pieces) = _replies.Compose(seed, topic, sentences);
            if (pieces.Count >= length)
                return (text, pieces);
            sentences += (length - pieces.Count) / TokensPerSentence + 1;
        }
    }

    /// <summary>The text cut at the first stop sequence and at the token limit, with its tokens.</summary>
    (string Text, IReadOnlyList<string> Pieces, string FinishReason) Limit(CreateChatCompletionRequest request, (string Text, IReadOnlyList<string>? Pieces) content)
    {
        var (text, pieces) = content;
        if (request.Stop?.Sequences is { } stops && FirstStop(text, stops) is var cut and >= 0)
            (text, pieces) = (text[..cut], null);

        pieces ??= tokens.Split(text);
        if (request.CompletionTokenLimit is { } limit && pieces.Count > limit)
        {
            pieces = pieces.Take(limit).ToList();
            return (string.Concat(pieces), pieces, FinishReasons.Length);
        }
        return (text, pieces, FinishReasons.Stop);
    }

    static int FirstStop(string text, IReadOnlyList<string> stops) =>
        stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
