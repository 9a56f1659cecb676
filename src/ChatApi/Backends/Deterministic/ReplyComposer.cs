using System.Text.Json.Nodes;
using ChatApi.Backends.Tokens;
using ChatApi.Contracts;
using ChatApi.Limits;
using ChatApi.Streaming;

namespace ChatApi.Backends.Deterministic;

/// <summary>
/// Writes one choice of the built-in backend: tool calls when <see cref="ToolCallPlanner"/> picks tools, otherwise text shaped by
/// <c>response_format</c>, cut by <c>stop</c> and the token limit, with logprobs when asked. Everything follows from the generation seed.
/// The token limit is the request's, lowered to the server's <see cref="LimitsOptions"/>: no choice past the model's context, and
/// no response past <see cref="LimitsOptions.MaxResponseTokens"/> in all (n × tokens × (1 + top_logprobs)).
/// </summary>
public sealed class ReplyComposer(TokenCounter tokens, LimitsOptions? limits = null)
{
    readonly LimitsOptions _limits = limits ?? LimitsOptions.Default;

    // Sentences of ReplyText run about ten tokens; guessing low overshoots, so one round is usually enough.
    const int TokensPerSentence = 8;

    readonly ReplyPieces _replies = new(tokens);

    public ComposedChoice Compose(CreateChatCompletionRequest request, int index)
    {
        var seed = GenerationSeed.For(request, index);
        var random = new Random(seed);
        var functions = ToolCallPlanner.Choose(request, random);
        var limit = TokenLimit(request, out var serverCap);
        if (functions.Count > 0)
            return ToolCalls(request, index, functions, random, limit);
        if (ToolCallPlanner.ChooseFunction(request) is { } legacy)
            return LegacyFunctionCall(request, index, legacy, random);

        var (text, pieces, finishReason) = Limit(request, limit, Content(request, seed, random, serverCap ? limit + 1 : null));
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

    /// <summary>
    /// The choice <see cref="Compose"/> makes, as a stream takes it: a plain text reply (no tools called, no <c>stop</c>, no JSON
    /// format) gives its tokens and logprobs only as they are read, so a long reply is never held whole; anything else is composed
    /// first, which the token limits keep small.
    /// </summary>
    public StreamedChoice ComposeStreamed(CreateChatCompletionRequest request, int index)
    {
        var seed = GenerationSeed.For(request, index);
        if (request.Stop is not null
            || request.ResponseFormat?.Type is ResponseFormat.JsonObjectType or ResponseFormat.JsonSchemaType
            || ToolCallPlanner.Choose(request, new Random(seed)).Count > 0
            || ToolCallPlanner.ChooseFunction(request) is not null)
            return Streamed(Compose(request, index));

        var limit = TokenLimit(request, out var serverCap);
        var topic = ReplyText.TopicOf(request.Messages!);
        var plan = ReplyText.RequestedLength(request.Messages!) is { } length
            ? LongPlan(seed, topic, serverCap ? Math.Min(length, limit + 1) : length)
            : ReplyText.Plan(seed, topic);
        var count = _replies.Count(plan);
        var pieces = count > limit ? _replies.Pieces(plan).Take(limit) : _replies.Pieces(plan);
        return new StreamedChoice
        {
            Index = index,
            Content = pieces,
            Logprobs = request.Logprobs == true ? TokenLogprobs.Stream(pieces, request.TopLogprobs ?? 0, seed) : null,
            FinishReason = count > limit ? FinishReasons.Length : FinishReasons.Stop,
            Tokens = Math.Min(count, limit),
        };
    }

    static StreamedChoice Streamed(ComposedChoice composed) => new()
    {
        Index = composed.Choice.Index,
        ToolCalls = composed.Choice.Message.ToolCalls,
        FunctionCall = composed.Choice.Message.FunctionCall,
        Content = composed.ContentTokens,
        Logprobs = composed.Choice.Logprobs?.Content,
        FinishReason = composed.Choice.FinishReason,
        Tokens = composed.Tokens,
    };

    /// <summary>The most tokens one choice of <paramref name="request"/> may have; <paramref name="serverCap"/> says the server, not the client, set it.</summary>
    int TokenLimit(CreateChatCompletionRequest request, out bool serverCap)
    {
        var perToken = request.Logprobs == true ? 1 + Math.Max(0, request.TopLogprobs ?? 0) : 1;
        var share = (int)Math.Min(int.MaxValue, _limits.MaxResponseTokens / ((long)Math.Max(1, request.ChoiceCount) * perToken));
        var server = Math.Max(1, Math.Min(_limits.MaxCompletionTokens, share));
        var client = request.CompletionTokenLimit ?? int.MaxValue;
        serverCap = server < client;
        return Math.Min(server, client);
    }

    ComposedChoice ToolCalls(CreateChatCompletionRequest request, int index, IReadOnlyList<FunctionDefinition> functions, Random random, int limit)
    {
        var calls = new List<ChatCompletionMessageToolCall>();
        var budget = limit;
        var cut = false;
        foreach (var f in functions)
        {
            var arguments = ToolArguments.For(f, request, random);
            budget -= tokens.Count(f.Name!);
            // Past the token limit the arguments stop where the limit falls, as a model's would, and later calls are not made.
            if (tokens.Count(arguments) > Math.Max(0, budget))
            {
                arguments = string.Concat(tokens.Split(arguments).Take(Math.Max(0, budget)));
                cut = true;
            }
            budget -= tokens.Count(arguments);
            calls.Add(new ChatCompletionMessageToolCall { Id = CompletionIds.NewToolCallId(), Function = new FunctionCall { Name = f.Name!, Arguments = arguments } });
            if (cut)
                break;
        }

        var choice = new ChatCompletionChoice
        {
            Index = index,
            Message = new ChatCompletionResponseMessage { Content = null, ToolCalls = calls },
            Logprobs = request.Logprobs == true ? new ChoiceLogprobs { Content = [] } : null,
            FinishReason = cut ? FinishReasons.Length : FinishReasons.ToolCalls,
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
    /// <param name="enough">Tokens past which the reply will be cut anyway: a long reply is made no longer than that.</param>
    (string Text, IReadOnlyList<string>? Pieces) Content(CreateChatCompletionRequest request, int seed, Random random, int? enough)
    {
        var format = request.ResponseFormat;
        if (format?.Type == ResponseFormat.JsonSchemaType && format.JsonSchema?.Schema is { } schema)
            return (SchemaValueGenerator.GenerateText(schema, random), null);

        var topic = ReplyText.TopicOf(request.Messages!);
        if (format?.Type is ResponseFormat.JsonObjectType or ResponseFormat.JsonSchemaType)
            return (new JsonObject { ["answer"] = ReplyText.Compose(seed, topic) }.ToJsonString(ChatApiJson.Options), null);

        return ReplyText.RequestedLength(request.Messages!) is { } length ? LongText(seed, topic, Math.Min(length, enough ?? length)) : _replies.Compose(seed, topic);
    }

    /// <summary>At least <paramref name="length"/> tokens of sentences.</summary>
    (string Text, IReadOnlyList<string> Pieces) LongText(int seed, string? topic, int length)
    {
        var pieces = _replies.Pieces(LongPlan(seed, topic, length)).ToList();
        return (string.Concat(pieces), pieces);
    }

    /// <summary>The plan of a reply of at least <paramref name="length"/> tokens, found by counting, not writing, its tokens.</summary>
    ReplyPlan LongPlan(int seed, string? topic, int length)
    {
        var sentences = length / TokensPerSentence + 1;
        while (true)
        {
            var plan = ReplyText.Plan(seed, topic, sentences);
            var count = _replies.Count(plan);
            if (count >= length)
                return plan;
            sentences += (length - count) / TokensPerSentence + 1;
        }
    }

    /// <summary>The text cut at the first stop sequence and at the token limit, with its tokens.</summary>
    (string Text, IReadOnlyList<string> Pieces, string FinishReason) Limit(CreateChatCompletionRequest request, int limit, (string Text, IReadOnlyList<string>? Pieces) content)
    {
        var (text, pieces) = content;
        if (request.Stop?.Sequences is { } stops && FirstStop(text, stops) is var cut and >= 0)
            (text, pieces) = (text[..cut], null);

        pieces ??= tokens.Split(text);
        if (pieces.Count > limit)
        {
            pieces = pieces.Take(limit).ToList();
            return (string.Concat(pieces), pieces, FinishReasons.Length);
        }
        return (text, pieces, FinishReasons.Stop);
    }

    static int FirstStop(string text, IReadOnlyList<string> stops) =>
        stops.Select(s => text.IndexOf(s, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
}
