using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatApi.Contracts;

namespace ChatApi.Backends.Recording;

/// <summary>
/// Records one backend's answers as cassettes, or answers from them (<see cref="RecordingModes"/>), whatever the
/// endpoint: the wrappers (<see cref="RecordingBackend"/> for chat and relayed Responses, <see cref="RecordingForwarder"/>
/// for embeddings) say what the request is and how to get the live answer. What a cassette holds is what the client
/// got: a relayed body or event as received, a typed answer as ChatApi writes it. A replayed answer is relayed, so the
/// client gets those very bytes again.
/// </summary>
public sealed class CassetteRecorder(string mode, RecordingOptions options, CassetteDirectory cassettes, Redaction redaction, TimeProvider time)
{
    const string JsonContentType = "application/json";

    bool Replays => mode is RecordingModes.Replay or RecordingModes.RecordMissing;

    bool Records => mode is RecordingModes.Record or RecordingModes.RecordMissing;

    public async Task<ChatReply> AnswerAsync(CassetteRequest request, Func<CancellationToken, Task<ChatReply>> live, CancellationToken ct)
    {
        var (key, path) = Locate(request);
        if (Replays && Find(path) is { } cassette)
            return Replay(cassette);
        if (!Records)
            throw Missing(key, path);

        ChatReply reply;
        try
        {
            reply = await live(ct);
        }
        catch (BackendException e)
        {
            cassettes.Save(path, Error(key, request, e));
            throw;
        }

        var (body, contentType) = reply.Relayed is { } relayed
            ? (Encoding.UTF8.GetString(relayed.Bytes.Span), relayed.ContentType)
            : (JsonSerializer.Serialize(reply.Completion!, ChatApiJson.Options), JsonContentType);
        cassettes.Save(path, new Cassette
        {
            Key = key,
            Endpoint = request.Endpoint,
            Request = redaction.Request(JsonNode.Parse(request.Json.GetRawText())),
            Status = 200,
            Headers = redaction.Headers([.. reply.Headers, new("content-type", contentType)]),
            Body = body,
        });
        return reply;
    }

    /// <param name="sentData">The data the client is sent for an event (a typed chunk's as the streamer writes it), or null when it is not sent.</param>
    public async IAsyncEnumerable<ChatStreamEvent> StreamAsync(CassetteRequest request, Func<CancellationToken, IAsyncEnumerable<ChatStreamEvent>> live,
        Func<ChatStreamEvent, string?> sentData, [EnumeratorCancellation] CancellationToken ct)
    {
        var (key, path) = Locate(request);
        if (Replays && Find(path) is { } cassette)
        {
            await foreach (var replayed in ReplayStreamAsync(cassette, ct))
                yield return replayed;
            yield break;
        }
        if (!Records)
            throw Missing(key, path);

        var recorded = new List<RecordedEvent>();
        IReadOnlyList<KeyValuePair<string, string>> headers = [];
        var last = time.GetTimestamp();
        await using var events = live(ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync())
                    break;
            }
            catch (BackendException e) when (recorded.Count == 0)
            {
                cassettes.Save(path, Error(key, request, e));
                throw;
            }

            var item = events.Current;
            var now = time.GetTimestamp();
            if (recorded.Count == 0 && item.Headers is { } first)
                headers = first;
            if (sentData(item) is { } data)
                recorded.Add(new RecordedEvent(RecordedEvent.Round(time.GetElapsedTime(last, now)), data, item.EventType));
            last = now;
            yield return item;
        }

        // Only a stream that ran to its end is recorded: a cut one threw above and leaves no cassette.
        cassettes.Save(path, new Cassette
        {
            Key = key,
            Endpoint = request.Endpoint,
            Request = redaction.Request(JsonNode.Parse(request.Json.GetRawText())),
            Status = 200,
            Headers = redaction.Headers([.. headers, new("content-type", "text/event-stream")]),
            Events = recorded,
        });
    }

    (string Key, string Path) Locate(CassetteRequest request)
    {
        var key = CassetteKey.Compute(request.Endpoint, request.Json);
        return (key, cassettes.PathFor(request.Endpoint, request.Model, key));
    }

    Cassette? Find(string path)
    {
        try
        {
            return cassettes.Find(path);
        }
        catch (InvalidDataException e)
        {
            throw new BackendException(500, new Error(e.Message, "server_error", null, "cassette_unreadable"));
        }
    }

    static ChatReply Replay(Cassette cassette)
    {
        if (cassette.IsError || cassette.Body is null)
            throw ReplayedError(cassette);
        var bytes = Encoding.UTF8.GetBytes(cassette.Body);
        return new ChatReply
        {
            Relayed = new RelayedJson(bytes, ContentType(cassette), JsonDocument.Parse(bytes).RootElement),
            Headers = ClientHeaders(cassette),
        };
    }

    async IAsyncEnumerable<ChatStreamEvent> ReplayStreamAsync(Cassette cassette, [EnumeratorCancellation] CancellationToken ct)
    {
        if (cassette.IsError || cassette.Events is not { } events)
            throw ReplayedError(cassette);
        var paced = options.Pacing == RecordingPacing.Recorded;
        IReadOnlyList<KeyValuePair<string, string>>? headers = ClientHeaders(cassette);
        foreach (var recorded in events)
        {
            if (paced && recorded.DelayMs > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(recorded.DelayMs), time, ct);
            yield return new ChatStreamEvent { Data = recorded.Data, EventType = recorded.EventType, Headers = headers };
            headers = null;
        }
    }

    static BackendException ReplayedError(Cassette cassette)
    {
        var body = cassette.Body ?? "";
        var bytes = Encoding.UTF8.GetBytes(body);
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(bytes).RootElement;
        }
        catch (JsonException)
        {
            json = default;
        }
        var message = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : $"Recorded error with status {cassette.Status}.";
        return new BackendException(cassette.Status, new Error(message, "upstream_error", null, null))
        {
            Relayed = new RelayedJson(bytes, ContentType(cassette), json),
            Headers = ClientHeaders(cassette),
        };
    }

    Cassette Error(string key, CassetteRequest request, BackendException e)
    {
        string body;
        string contentType;
        var headers = new List<KeyValuePair<string, string>>(e.Headers);
        if (e.Relayed is { } relayed)
        {
            (body, contentType) = (Encoding.UTF8.GetString(relayed.Bytes.Span), relayed.ContentType);
        }
        else
        {
            (body, contentType) = (JsonSerializer.Serialize(new ErrorResponse(e.Error), ChatApiJson.Options), JsonContentType);
            // As the error handler writes a typed refusal's wait.
            if (e.RetryAfter is { } wait && e.Headers.Count == 0)
            {
                headers.Add(new("retry-after", ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                headers.Add(new("retry-after-ms", ((long)wait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        headers.Add(new("content-type", contentType));
        return new Cassette
        {
            Key = key,
            Endpoint = request.Endpoint,
            Request = redaction.Request(JsonNode.Parse(request.Json.GetRawText())),
            Status = e.Status,
            Headers = redaction.Headers(headers),
            Body = body,
        };
    }

    BackendException Missing(string key, string path) => new(
        options.MissingStatus,
        new Error(
            $"No cassette for this request (key {key}): replay mode expected {path}. The request differs from every recorded one; " +
            "record it against the real backend with Recording:Mode=record-missing (or record).",
            "invalid_request_error", null, "cassette_not_found"));

    static string ContentType(Cassette cassette) => cassette.Headers.GetValueOrDefault("content-type") ?? JsonContentType;

    /// <summary>The recorded headers but the content type, which the relayed body or the stream sets itself.</summary>
    static IReadOnlyList<KeyValuePair<string, string>> ClientHeaders(Cassette cassette) =>
        [.. cassette.Headers.Where(h => h.Key != "content-type")];
}
