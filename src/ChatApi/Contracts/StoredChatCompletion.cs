
namespace ChatApi.Contracts;

/// <summary>A stored completion as get, list and update return it: the response plus the request's echoed settings.</summary>
public sealed record StoredChatCompletion : ChatCompletion
{
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
    public long? Seed { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public double? PresencePenalty { get; init; }
    public double? FrequencyPenalty { get; init; }
    public IReadOnlyList<ChatCompletionTool>? Tools { get; init; }
    public ToolChoice? ToolChoice { get; init; }
    public ResponseFormat? ResponseFormat { get; init; }
    public string? InputUser { get; init; }
    public string? RequestId { get; init; }

    public static StoredChatCompletion From(ChatCompletion response, CreateChatCompletionRequest request, string requestId) => new()
    {
        Id = response.Id,
        Created = response.Created,
        Model = response.Model,
        Choices = response.Choices,
        Usage = response.Usage,
        ServiceTier = response.ServiceTier,
        SystemFingerprint = response.SystemFingerprint,
        Metadata = request.Metadata ?? new Dictionary<string, string>(),
        Seed = request.Seed,
        Temperature = request.Temperature,
        TopP = request.TopP,
        PresencePenalty = request.PresencePenalty,
        FrequencyPenalty = request.FrequencyPenalty,
        Tools = request.Tools,
        ToolChoice = request.ToolChoice,
        ResponseFormat = request.ResponseFormat,
        InputUser = request.User,
        RequestId = requestId,
    };
}
