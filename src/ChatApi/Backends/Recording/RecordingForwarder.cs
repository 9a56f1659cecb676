using System.Text.Json;
using ChatApi.Errors;

namespace ChatApi.Backends.Recording;

/// <summary>A relay of other JSON calls (embeddings) behind its cassettes (<see cref="CassetteRecorder"/>), keyed by the call's path.</summary>
public sealed class RecordingForwarder(IJsonForwarder inner, CassetteRecorder recorder) : IJsonForwarder
{
    public Task<ChatReply> ForwardAsync(string path, ReadOnlyMemory<byte> body, string? model, CancellationToken ct) =>
        recorder.AnswerAsync(new CassetteRequest(path, model, Parse(body)), live => inner.ForwardAsync(path, body, model, live), ct);

    /// <summary>A body that is not JSON has no canonical form to key; it gets the 400 a chat request would.</summary>
    static JsonElement Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException syntax)
        {
            throw new BadHttpRequestException(OpenAIErrors.UnparsableBody, StatusCodes.Status400BadRequest, syntax);
        }
    }
}
