using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatApi.Contracts.Responses;

/// <summary>The <c>response</c> object, with every echoed setting in the order and with the nulls OpenAI returns.</summary>
public sealed record Response
{
    public required string Id { get; init; }
    public string Object { get; init; } = "response";
    public required long CreatedAt { get; init; }
    public required string Status { get; init; }
    public bool Background { get; init; }
    public long? CompletedAt { get; init; }
    public ResponseError? Error { get; init; }
    public IncompleteDetails? IncompleteDetails { get; init; }
    public string? Instructions { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? MaxToolCalls { get; init; }
    public required string Model { get; init; }
    public required IReadOnlyList<OutputItem> Output { get; init; }
    public bool ParallelToolCalls { get; init; } = true;
    public string? PreviousResponseId { get; init; }
    public string? PromptCacheKey { get; init; }
    public ResponseReasoning Reasoning { get; init; } = new();
    public string? SafetyIdentifier { get; init; }
    public string ServiceTier { get; init; } = "default";
    public bool Store { get; init; } = true;
    public double Temperature { get; init; } = 1;
    public required ResponseTextConfig Text { get; init; }
    public required JsonElement ToolChoice { get; init; }   // "auto", "none", "required", or the object as sent
    public required IReadOnlyList<ResponseTool> Tools { get; init; }
    public int TopLogprobs { get; init; }
    public double TopP { get; init; } = 1;
    public string Truncation { get; init; } = "disabled";
    // The spec types `usage` as an object, not nullable: left out until there is one (response.created, in_progress).
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResponseUsage? Usage { get; init; }

    // The spec types `user` as a string (not nullable), so it is left out rather than written as null.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? User { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
