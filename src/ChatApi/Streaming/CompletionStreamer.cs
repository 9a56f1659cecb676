using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Backends.Upstream;
using ChatApi.Contracts;
using ChatApi.Http;
using ChatApi.RateLimits;
using ChatApi.Limits;
using ChatApi.Storage;
using Microsoft.Extensions.Options;
using ChatApi.Telemetry;

namespace ChatApi.Streaming;

/// <summary>
/// Sends a backend's events as SSE and, for a kept request (<c>store: true</c>, or any under <c>Storage:Capture=all</c>), stores the assembled completion once the stream has run to its end.
/// A client that goes away cancels <paramref name="ct"/>, which stops the backend mid-stream. A relayed stream that the
/// upstream cut is cut for the client too, after the last event received: never a <c>[DONE]</c> ChatApi invented.
/// </summary>
public static class CompletionStreamer
{
    // Chunks the backend has ready at once go out together, up to this many bytes.
    const int MaxUnflushedBytes = 16 * 1024;

    public static async Task StreamAsync(HttpContext http, BackendRoute route, ChatRequest request, CompletionStore store, RelayNotes notes, string project,
        CompletionTelemetry telemetry, CancellationToken ct)
    {
        var response = http.Response;
        var typed = request.Typed;
        var includeUsage = typed.StreamOptions?.IncludeUsage == true;
        var stored = store.Keeps(typed);
        var assembler = stored ? new CompletionAssembler() : null;
        var relayed = stored ? new RelayedStreamAssembler() : null;
        var started = false;
        IReadOnlyList<KeyValuePair<string, string>>? headers = null;
        long unflushed = 0;
        var stallAfter = TimeSpan.FromSeconds(http.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.StalledWriterSeconds);
        using var guard = new StallGuard(http, stallAfter, ct);

        await using var events = route.Backend.StreamAsync(request, ct).GetAsyncEnumerator(ct);
        try
        {
            var next = events.MoveNextAsync();
            while (true)
            {
                // Flush whenever the backend makes us wait, so no chunk sits in a buffer while the next is generated.
                if (!next.IsCompleted && unflushed > 0)
                    unflushed = await FlushAsync(response, guard);
                if (!await next)
                    break;

                var item = events.Current;
                telemetry.Streamed(item);
                if (!started)
                {
                    headers = item.Headers;
                    foreach (var (name, value) in headers ?? [])
                        response.Headers.Append(name, value);
                    SseWriter.Start(response);
                    started = true;
                }
                unflushed += item.Chunk is { } chunk
                    ? WriteTyped(response, chunk, assembler, includeUsage)
                    : WriteRelayed(response, item, relayed, includeUsage || typed.Store != true);
                if (unflushed >= MaxUnflushedBytes)
                    unflushed = await FlushAsync(response, guard);
                next = events.MoveNextAsync();
            }
        }
        catch (StreamCutException)
        {
            if (!started)
                throw new BackendException(502, new Error("The upstream ended the stream before sending any event.", "upstream_error", null, null));
            await FlushAsync(response, guard);
            await ConnectionCut.CutAsync(http, drainFirst: true, TimeProvider.System, ct);
            return;
        }

        telemetry.StreamEnded();
        var completion = assembler?.Build() is { } whole ? ChatReply.Typed(whole).ToJson() : relayed is { Complete: true } ? relayed.Build() : (JsonElement?)null;
        if (completion is { } json)
        {
            using var storing = telemetry.StartStorage();
            await store.SaveAsync(StoredCompletionDocument.Row(json, request, typed.Model!, RequestIds.Of(http), notes.For(route, headers, json, request)), project, ct);
        }
        if (!started)
            SseWriter.Start(response);
        SseWriter.WriteDone(response);
        await FlushAsync(response, guard);
    }

    static long WriteTyped(HttpResponse response, ChatCompletionChunk chunk, CompletionAssembler? assembler, bool includeUsage)
    {
        assembler?.Add(chunk);
        if (chunk.Usage is { } usage)
            TokenUsage.Settle(response.HttpContext, usage.TotalTokens);
        // A backend may report usage unasked, so that a stored stream has it; the client sees it only when it asked.
        return includeUsage || !CompletionChunker.IsUsageChunk(chunk) ? SseWriter.Write(response, chunk, includeUsage) : 0;
    }

    /// <param name="showUsage">False when ChatApi asked the upstream for usage on the client's behalf: the usage chunk is then not shown.</param>
    static long WriteRelayed(HttpResponse response, ChatStreamEvent item, RelayedStreamAssembler? assembler, bool showUsage)
    {
        if (assembler is null)
            return SseWriter.WriteData(response, item.Data!, item.EventType);

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(item.Data!);
        }
        catch (JsonException)
        {
            assembler.Fail();
            return SseWriter.WriteData(response, item.Data!, item.EventType);
        }
        using (parsed)
        {
            assembler.Add(parsed.RootElement);
            if (TokenUsage.TotalOf(parsed.RootElement) is { } total)
                TokenUsage.Settle(response.HttpContext, total);
            return showUsage || !IsUsageChunk(parsed.RootElement) ? SseWriter.WriteData(response, item.Data!, item.EventType) : 0;
        }
    }

    static bool IsUsageChunk(JsonElement chunk) =>
        chunk.ValueKind == JsonValueKind.Object
        && chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() == 0
        && chunk.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object;

    static async Task<long> FlushAsync(HttpResponse response, StallGuard guard)
    {
        await guard.FlushAsync(response.BodyWriter);
        return 0;
    }
}
