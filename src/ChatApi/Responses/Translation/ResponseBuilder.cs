using System.Text.Json;
using ChatApi.Completions;
using ChatApi.Contracts;
using ChatApi.Contracts.Responses;

namespace ChatApi.Responses.Translation;

/// <summary>The <c>response</c> object for a request: its output beside every setting echoed with OpenAI's defaults.</summary>
public static class ResponseBuilder
{
    static readonly JsonElement Auto = JsonDocument.Parse("\"auto\"").RootElement;
    static readonly ResponseTextFormat PlainText = new() { Type = ResponseFormat.TextType };

    public static Response Build(CreateResponse request, string id, long createdAt, string status, IReadOnlyList<OutputItem> output,
        ResponseUsage? usage = null, IncompleteDetails? incomplete = null, ResponseError? error = null, long? completedAt = null) => new()
    {
        Id = id,
        CreatedAt = createdAt,
        Status = status,
        CompletedAt = completedAt,
        Error = error,
        IncompleteDetails = incomplete,
        Instructions = request.Instructions,
        MaxOutputTokens = request.MaxOutputTokens,
        MaxToolCalls = request.MaxToolCalls,
        Model = request.Model!,
        Output = output,
        ParallelToolCalls = request.ParallelToolCalls ?? true,
        PreviousResponseId = request.PreviousResponseId,
        PromptCacheKey = request.PromptCacheKey,
        Reasoning = request.Reasoning ?? new ResponseReasoning(),
        SafetyIdentifier = request.SafetyIdentifier,
        ServiceTier = request.ServiceTier is null or "auto" ? "default" : request.ServiceTier,
        Store = request.Store ?? true,
        Temperature = request.Temperature ?? 1,
        Text = new ResponseTextConfig
        {
            Format = request.Text?.Format is { } f ? f with { Strict = f.Type == ResponseFormat.JsonSchemaType ? f.Strict ?? false : null } : PlainText,
            Verbosity = request.Text?.Verbosity ?? "medium",
        },
        ToolChoice = request.ToolChoice is { ValueKind: JsonValueKind.String or JsonValueKind.Object } choice ? choice : Auto,
        Tools = [.. (request.Tools ?? []).Select(t => t with { Strict = IsStrict(t) })],
        TopLogprobs = request.TopLogprobs ?? 0,
        TopP = request.TopP ?? 1,
        Truncation = request.Truncation ?? "disabled",
        Usage = usage,
        User = request.User,
        Metadata = request.Metadata ?? new Dictionary<string, string>(),
    };

    public static Response Build(CreateResponse request, string id, long createdAt, ResponseOutcome outcome, long completedAt) =>
        Build(request, id, createdAt, outcome.Status, outcome.Output, outcome.Usage, outcome.IncompleteDetails,
            completedAt: outcome.Status == ResponseStatuses.Completed ? completedAt : null);

    /// <summary>Responses makes function tools strict by default; a schema strict mode cannot take is kept loose.</summary>
    public static bool IsStrict(ResponseTool tool) =>
        tool.Strict ?? tool.Parameters is not { ValueKind: JsonValueKind.Object } p || StrictSchemaRules.FirstBreach(p) is null;
}
