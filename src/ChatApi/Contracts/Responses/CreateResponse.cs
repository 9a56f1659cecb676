using System.Text.Json;

namespace ChatApi.Contracts.Responses;

/// <summary>The body of <c>POST /v1/responses</c> (<c>CreateResponse</c>). Fields stay nullable so the validator can name what is wrong.</summary>
public sealed record CreateResponse
{
    public string? Model { get; init; }

    /// <summary>A string, or a list of input items (messages, <c>function_call</c>, <c>function_call_output</c>).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>A system (developer) message put before the context; not carried over by <c>previous_response_id</c>.</summary>
    public string? Instructions { get; init; }

    public string? PreviousResponseId { get; init; }
    public bool? Store { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public bool? Stream { get; init; }
    public JsonElement? StreamOptions { get; init; }
    public IReadOnlyList<ResponseTool>? Tools { get; init; }
    public JsonElement? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public ResponseTextConfig? Text { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? MaxToolCalls { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public int? TopLogprobs { get; init; }
    public string? Truncation { get; init; }
    public string? User { get; init; }
    public string? SafetyIdentifier { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? PromptCacheRetention { get; init; }
    public string? ServiceTier { get; init; }
    public IReadOnlyList<string>? Include { get; init; }
    public ResponseReasoning? Reasoning { get; init; }
    public bool? Background { get; init; }
    public JsonElement? Conversation { get; init; }
    public JsonElement? Prompt { get; init; }
}
