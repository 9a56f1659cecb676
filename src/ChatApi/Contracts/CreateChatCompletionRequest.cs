using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary>The body of <c>POST /v1/chat/completions</c>. Every field stays nullable so the validator can name what is missing.</summary>
public sealed record CreateChatCompletionRequest
{
    public string? Model { get; init; }
    public IReadOnlyList<ChatCompletionRequestMessage>? Messages { get; init; }
    public bool? Store { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
    public bool? Stream { get; init; }
    public ChatCompletionStreamOptions? StreamOptions { get; init; }
    public int? N { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public StopConfiguration? Stop { get; init; }
    public int? MaxTokens { get; init; }
    public int? MaxCompletionTokens { get; init; }
    public bool? Logprobs { get; init; }
    public int? TopLogprobs { get; init; }
    public IReadOnlyDictionary<string, int>? LogitBias { get; init; }
    public long? Seed { get; init; }
    public ResponseFormat? ResponseFormat { get; init; }
    public IReadOnlyList<ChatCompletionTool>? Tools { get; init; }
    public ToolChoice? ToolChoice { get; init; }
    public bool? ParallelToolCalls { get; init; }
    public string? User { get; init; }
    public string? SafetyIdentifier { get; init; }
    public string? PromptCacheKey { get; init; }
    public string? PromptCacheRetention { get; init; }
    public string? ServiceTier { get; init; }
    public string? ReasoningEffort { get; init; }
    public string? Verbosity { get; init; }
    public IReadOnlyList<string>? Modalities { get; init; }
    public JsonElement? Audio { get; init; }
    public JsonElement? Prediction { get; init; }
    public JsonElement? WebSearchOptions { get; init; }
    /// <summary>Deprecated by OpenAI for <c>tools</c>, still honoured: one function is called, answered in <c>message.function_call</c>.</summary>
    public IReadOnlyList<FunctionDefinition>? Functions { get; init; }

    /// <summary><c>"none"</c>, <c>"auto"</c> or <c>{"name": …}</c>; read by the validator and <c>ToolCallPlanner</c>.</summary>
    public JsonElement? FunctionCall { get; init; }

    [JsonIgnore]
    public int ChoiceCount => N ?? 1;

    /// <summary><c>max_completion_tokens</c>, or the legacy <c>max_tokens</c>.</summary>
    [JsonIgnore]
    public int? CompletionTokenLimit => MaxCompletionTokens ?? MaxTokens;
}
