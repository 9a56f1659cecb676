using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatApi.Contracts;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ChatApi.Backends.Upstream;

/// <summary>
/// How an upstream's failures reach the client: its own JSON error body and status unchanged (whatever the shape of
/// its <c>code</c>), with its retry and rate-limit headers; ChatApi's <c>upstream_error</c> for what the upstream could
/// not say itself — 502 when it could not be reached or answered something other than JSON, 504 when it timed out.
/// </summary>
public static class UpstreamErrors
{
    public const string Type = "upstream_error";

    /// <summary>Default cap on an upstream's non-streamed body.</summary>
    const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <param name="total">The client's token linked with the exchange's total timeout.</param>
    /// <param name="client">The client's own token: its cancellation is the client going away, not a timeout.</param>
    public static async Task<UpstreamAnswer> SendAsync(UpstreamPool pool, string path, Func<Deployment, ReadOnlyMemory<byte>> body, bool stream, CancellationToken total, CancellationToken client)
    {
        UpstreamAnswer answer;
        try
        {
            answer = await pool.SendAsync(path, body, stream, total);
        }
        catch (Exception e) when (!client.IsCancellationRequested && e is TimeoutRejectedException or OperationCanceledException)
        {
            throw Failure(504, $"The upstream did not answer in time ({pool.Name}).");
        }
        catch (HttpRequestException e)
        {
            throw Failure(502, $"The upstream could not be reached ({pool.Name}): {e.Message}");
        }
        catch (BrokenCircuitException)
        {
            throw Failure(503, $"Every deployment of '{pool.Name}' is cooling down after failures; try again shortly.");
        }

        if (answer.Response.IsSuccessStatusCode)
            return answer;
        using (answer)
            throw await RelayedFailureAsync(answer, total, client);
    }

    /// <summary>A non-streamed body: as received when it is JSON, a 502 when it is not.</summary>
    public static async Task<RelayedJson> ReadJsonAsync(UpstreamAnswer answer, CancellationToken total, CancellationToken client)
    {
        var bytes = await ReadBodyAsync(answer, total, client);
        try
        {
            using var parsed = JsonDocument.Parse(bytes);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                throw Failure(502, $"The upstream answered {Describe(bytes)}, not a JSON object.");
            return new RelayedJson(bytes, ContentTypeOf(answer.Response), parsed.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw Failure(502, $"The upstream answered with a body that is not valid JSON: {Describe(bytes)}");
        }
    }

    static async Task<BackendException> RelayedFailureAsync(UpstreamAnswer answer, CancellationToken total, CancellationToken client)
    {
        var response = answer.Response;
        var status = (int)response.StatusCode;
        var headers = RelayedHeaders.Of(response);
        var bytes = await ReadBodyAsync(answer, total, client);
        try
        {
            using var parsed = JsonDocument.Parse(bytes);
            var message = parsed.RootElement.ValueKind == JsonValueKind.Object
                && parsed.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()!
                : $"The upstream answered {status}.";
            return new BackendException(status, new Error(message, Type, null, null), RelayedHeaders.RetryAfter(response, DateTimeOffset.UtcNow))
            {
                Relayed = new RelayedJson(bytes, ContentTypeOf(response), parsed.RootElement.Clone()),
                Headers = headers,
            };
        }
        catch (JsonException)
        {
            return new BackendException(502, new Error($"The upstream answered {status} with a body that is not JSON: {Describe(bytes)}", Type, null, null)) { Headers = headers };
        }
    }

    static async Task<byte[]> ReadBodyAsync(UpstreamAnswer answer, CancellationToken total, CancellationToken client)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(total);
        idle.CancelAfter(answer.Deployment.IdleTimeout);
        try
        {
            var content = answer.Response.Content;
            if (content.Headers.ContentLength > MaxBodyBytes)
                throw Failure(502, $"The upstream's answer is larger than {MaxBodyBytes} bytes.");
            await using var body = await content.ReadAsStreamAsync(idle.Token);
            if (content.Headers.ContentLength is { } length)
            {
                var exact = new byte[length];
                await body.ReadExactlyAsync(exact, idle.Token);
                return exact;
            }
            using var copy = new MemoryStream();
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await body.ReadAsync(buffer, idle.Token)) > 0)
                {
                    if (copy.Length + read > MaxBodyBytes)
                        throw Failure(502, $"The upstream's answer is larger than {MaxBodyBytes} bytes.");
                    copy.Write(buffer, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return copy.ToArray();
        }
        catch (Exception e) when (!client.IsCancellationRequested && e is OperationCanceledException)
        {
            throw Failure(504, "The upstream stopped sending its answer before it was complete.");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw Failure(502, $"The upstream's answer broke off: {e.Message}");
        }
    }

    static BackendException Failure(int status, string message) => new(status, new Error(message, Type, null, null));

    static string ContentTypeOf(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.ToString() ?? "application/json";

    /// <summary>A short, printable excerpt of what the upstream sent.</summary>
    static string Describe(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200)).ReplaceLineEndings(" ");
        return bytes.Length == 0 ? "an empty body" : $"'{text}{(bytes.Length > 200 ? "…" : "")}'";
    }
}
