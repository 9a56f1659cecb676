using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ChatApi.Contracts.Responses;
using ChatApi.Contracts.Responses.Events;
using ChatApi.Responses;

namespace ChatApi.Contracts;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(CreateChatCompletionRequest))]
[JsonSerializable(typeof(UpdateChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(StoredChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatCompletionList))]
[JsonSerializable(typeof(ChatCompletionMessageList))]
[JsonSerializable(typeof(ChatCompletionDeleted))]
[JsonSerializable(typeof(IReadOnlyList<ChatCompletionRequestMessage>))]
[JsonSerializable(typeof(IReadOnlyList<ContentPart>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<StoredMessage>))]
[JsonSerializable(typeof(StoredMessage))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(bool?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(ListModelsResponse))]
[JsonSerializable(typeof(Model))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(CreateResponse))]
[JsonSerializable(typeof(Response))]
[JsonSerializable(typeof(ResponseDeleted))]
[JsonSerializable(typeof(TokenCounts))]
[JsonSerializable(typeof(ResponseItemList))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(ResponseCompletedEvent))]
[JsonSerializable(typeof(ResponseContentPartAddedEvent))]
[JsonSerializable(typeof(ResponseContentPartDoneEvent))]
[JsonSerializable(typeof(ResponseCreatedEvent))]
[JsonSerializable(typeof(ResponseErrorEvent))]
[JsonSerializable(typeof(ResponseFailedEvent))]
[JsonSerializable(typeof(ResponseFunctionCallArgumentsDeltaEvent))]
[JsonSerializable(typeof(ResponseFunctionCallArgumentsDoneEvent))]
[JsonSerializable(typeof(ResponseInProgressEvent))]
[JsonSerializable(typeof(ResponseIncompleteEvent))]
[JsonSerializable(typeof(ResponseOutputItemAddedEvent))]
[JsonSerializable(typeof(ResponseOutputItemDoneEvent))]
[JsonSerializable(typeof(ResponseReasoningTextDeltaEvent))]
[JsonSerializable(typeof(ResponseReasoningTextDoneEvent))]
[JsonSerializable(typeof(ResponseTextDeltaEvent))]
[JsonSerializable(typeof(ResponseTextDoneEvent))]
[JsonSerializable(typeof(ChatApi.Admin.CapturedDeleted))]
[JsonSerializable(typeof(CreateEmbeddingRequest))]
[JsonSerializable(typeof(CreateEmbeddingResponse))]
internal sealed partial class ChatApiJsonContext : JsonSerializerContext;
