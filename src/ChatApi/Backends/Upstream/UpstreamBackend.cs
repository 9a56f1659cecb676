using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ChatApi.Contracts;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// Forwards to an OpenAI-compatible upstream over HTTP. <c>store</c> and <c>metadata</c> are ChatApi's own
/// business and are not forwarded, so storing here never stores at the upstream too.
/// </summary>
public sealed class UpstreamBackend(HttpClient http) : IChatBackend
{
    public async Task<ChatCompletion> CompleteAsync(CreateChatCompletionRequest request, CancellationToken ct)
    {
        using var response = await SendAsync(Forwarded(request) with { Stream = null, StreamOptions = null }, HttpCompletionOption.ResponseContentRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        return await JsonSerializer.DeserializeAsync(body, ChatApiJsonContext.Default.ChatCompletion, ct)
            ?? throw new BackendException(502, BadGateway("The upstream answered with an empty body."));
    }

    public async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(CreateChatCompletionRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        // Usage is always asked for, so a stored stream has it; the streamer shows it to clients that asked.
        var streamed = Forwarded(request) with { Stream = true, StreamOptions = (request.StreamOptions ?? new()) with { IncludeUsage = true } };
        using var response = await SendAsync(streamed, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(body).EnumerateAsync(ct))
        {
            if (item.Data == "[DONE]")
                yield break;
            if (JsonSerializer.Deserialize(item.Data, ChatApiJsonContext.Default.ChatCompletionChunk) is { } chunk)
                yield return chunk;
        }
    }

    static Error BadGateway(string message) => new(message, "upstream_error", null, null);

    static CreateChatCompletionRequest Forwarded(CreateChatCompletionRequest request) => request with { Store = null, Metadata = null };

    async Task<HttpResponseMessage> SendAsync(CreateChatCompletionRequest request, HttpCompletionOption completion, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "chat/completions")
        {
            Content = new StringContent(JsonSerializer.Serialize(request, ChatApiJsonContext.Default.CreateChatCompletionRequest), MediaTypeHeaderValue.Parse("application/json")),
        };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, completion, ct);
        }
        catch (HttpRequestException e)
        {
            throw new BackendException(502, BadGateway($"The upstream could not be reached: {e.Message}"));
        }
        if (response.IsSuccessStatusCode)
            return response;

        using (response)
            throw new BackendException((int)response.StatusCode, await ErrorOfAsync(response, ct), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>The upstream's own OpenAI-shaped error when it sent one, so clients see what they would have seen.</summary>
    static async Task<Error> ErrorOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            if (JsonSerializer.Deserialize(text, ChatApiJsonContext.Default.ErrorResponse)?.Error is { Message: not null } error)
                return error;
        }
        catch (JsonException)
        {
        }
        return BadGateway($"The upstream answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
    }
}
