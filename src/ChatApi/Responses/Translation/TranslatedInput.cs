using System.Text.Json.Nodes;
using ChatApi.Contracts;

namespace ChatApi.Responses.Translation;

/// <summary>
/// A request's <c>input</c> both ways: as chat messages for the backend, and as input items with their ids
/// (what <c>GET /v1/responses/{id}/input_items</c> lists).
/// </summary>
public sealed record TranslatedInput(IReadOnlyList<ChatCompletionRequestMessage> Messages, JsonArray Items);
