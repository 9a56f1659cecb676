using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;

namespace ChatApi.Responses.Translation;

/// <summary>
/// A chat completion as a response's output: the reasoning text (if an upstream sent any) as a <c>reasoning</c> item,
/// the text or refusal as a <c>message</c>, each tool call as a <c>function_call</c> item; <c>finish_reason: length</c>
/// makes the response <c>incomplete</c> with reason <c>max_output_tokens</c>.
/// </summary>
public static class CompletionTranslator
{
    /// <summary>From the chat completion's JSON, as a relaying backend received it.</summary>
    public static ResponseOutcome Translate(JsonElement completion) =>
        Translate(completion.Deserialize(ChatApiJsonContext.Default.ChatCompletion)!, ReasoningText(completion));

    public static ResponseOutcome Translate(ChatCompletion completion, string? reasoning = null)
    {
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var message = choice?.Message ?? new ChatCompletionResponseMessage { Content = "" };
        var (status, incomplete) = StatusOf(choice?.FinishReason);
        var output = new List<OutputItem>();

        if (!string.IsNullOrEmpty(reasoning))
            output.Add(Reasoning(CompletionIds.NewHexId("rs_"), reasoning));
        if (message.Refusal is { } refusal)
            output.Add(Message(CompletionIds.NewHexId("msg_"), status, new RefusalContent { Refusal = refusal }));
        else if (!string.IsNullOrEmpty(message.Content) || message.ToolCalls is not { Count: > 0 })
            output.Add(Message(CompletionIds.NewHexId("msg_"), status, Text(message.Content ?? "", choice?.Logprobs?.Content, message.Annotations)));
        foreach (var call in message.ToolCalls ?? [])
            output.Add(FunctionCall(CompletionIds.NewHexId("fc_"), call.Id, call.Function.Name, call.Function.Arguments));

        var turn = new ChatCompletionRequestMessage
        {
            Role = MessageRoles.Assistant,
            Content = (message.Refusal ?? message.Content) is { } text ? new MessageContent { Text = text } : null,
            ToolCalls = message.ToolCalls is { Count: > 0 } calls ? calls : null,
        };
        return new ResponseOutcome(output, Usage(completion.Usage), status, incomplete, turn);
    }

    public static (string Status, IncompleteDetails? Details) StatusOf(string? finishReason) => finishReason switch
    {
        FinishReasons.Length => (ResponseStatuses.Incomplete, new IncompleteDetails("max_output_tokens")),
        FinishReasons.ContentFilter => (ResponseStatuses.Incomplete, new IncompleteDetails("content_filter")),
        _ => (ResponseStatuses.Completed, null),
    };

    public static ResponseUsage? Usage(CompletionUsage? usage) => usage is null ? null : new ResponseUsage
    {
        InputTokens = usage.PromptTokens,
        InputTokensDetails = new InputTokensDetails { CachedTokens = usage.PromptTokensDetails?.CachedTokens ?? 0 },
        OutputTokens = usage.CompletionTokens,
        OutputTokensDetails = new OutputTokensDetails { ReasoningTokens = usage.CompletionTokensDetails?.ReasoningTokens ?? 0 },
    };

    public static OutputMessage Message(string id, string status, OutputContent content) =>
        new() { Id = id, Status = status, Content = [content] };

    public static OutputTextContent Text(string text, IReadOnlyList<ChatCompletionTokenLogprob>? logprobs = null, IReadOnlyList<Annotation>? annotations = null) => new()
    {
        Text = text,
        Logprobs = logprobs is null ? [] : [.. logprobs.Select(LogProb)],
        Annotations = annotations is { Count: > 0 } a ? [.. a.Select(FlatAnnotation)] : [],
    };

    public static FunctionToolCall FunctionCall(string id, string callId, string name, string arguments, string status = ResponseStatuses.Completed) =>
        new() { Id = id, Status = status, CallId = callId, Name = name, Arguments = arguments };

    public static ReasoningItem Reasoning(string id, string text, string status = ResponseStatuses.Completed) =>
        new() { Id = id, Status = status, Content = [new ReasoningText("reasoning_text", text)] };

    public static ResponseLogProb LogProb(ChatCompletionTokenLogprob p) => new()
    {
        Token = p.Token,
        Logprob = p.Logprob,
        Bytes = p.Bytes ?? [],
        TopLogprobs = [.. p.TopLogprobs.Select(t => new ResponseTopLogProb { Token = t.Token, Logprob = t.Logprob, Bytes = t.Bytes ?? [] })],
    };

    /// <summary>Chat nests a citation (<c>{type, url_citation: {…}}</c>); Responses has its fields beside <c>type</c>.</summary>
    static JsonElement FlatAnnotation(Annotation annotation)
    {
        var flat = new System.Text.Json.Nodes.JsonObject { ["type"] = annotation.Type };
        if (annotation.UrlCitation is { ValueKind: JsonValueKind.Object } citation)
            foreach (var property in citation.EnumerateObject())
                flat[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        return JsonSerializer.SerializeToElement(flat, ChatApiJsonContext.Default.JsonObject);
    }

    /// <summary>The reasoning text chat-only servers add beside the content (<c>reasoning_content</c>, vLLM's <c>reasoning</c>).</summary>
    public static string? ReasoningText(JsonElement completion) =>
        completion.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0
        && choices[0].TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            ? ReasoningOf(message)
            : null;

    public static string? ReasoningOf(JsonElement messageOrDelta) =>
        messageOrDelta.TryGetProperty("reasoning_content", out var rc) && rc.ValueKind == JsonValueKind.String ? rc.GetString()
        : messageOrDelta.TryGetProperty("reasoning", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()
        : null;
}
