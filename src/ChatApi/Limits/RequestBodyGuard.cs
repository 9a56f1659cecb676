using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using ChatApi.Contracts;
using ChatApi.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ChatApi.Limits;

/// <summary>
/// Admits a JSON request body only when it is small enough, declared as UTF-8 (or with no charset) and really is UTF-8:
/// a declared <c>Content-Length</c> over <see cref="LimitsOptions.MaxRequestBodyBytes"/> is refused with 413 before a byte
/// is read, a longer chunked body when the limit is reached; another charset is 415; invalid UTF-8 is 400, where
/// System.Text.Json would otherwise replace it silently. The checked body is handed on from memory.
/// </summary>
public static class RequestBodyGuard
{
    public static IApplicationBuilder UseRequestBodyGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HasBody(request) || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !IsJson(type))
        {
            await next(context);
            return;
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<LimitsOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await RefuseAsync(context, 413, TooLarge(limit), "request_too_large");
            return;
        }
        if (type.Charset.HasValue && !IsUtf8(type.Charset.Value!.Trim('"')))
        {
            await RefuseAsync(context, 415, $"Unsupported charset '{Excerpt.Of(type.Charset.Value)}': send the request body as UTF-8 JSON with the header 'Content-Type: application/json'.", null);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit + 1;
        byte[] body;
        try
        {
            if (await ReadAsync(request.Body, request.ContentLength, limit, context.RequestAborted) is not { } read)
            {
                await RefuseAsync(context, 413, TooLarge(limit), "request_too_large");
                return;
            }
            body = read;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            await RefuseAsync(context, 413, TooLarge(limit), "request_too_large");
            return;
        }

        if (!Utf8.IsValid(body))
        {
            await RefuseAsync(context, 400, $"We could not parse the JSON body of your request: it is not valid UTF-8 (invalid byte at offset {ValidPrefixLength(body)}).", "invalid_encoding");
            return;
        }

        if (HasLoneSurrogate(body))
        {
            await RefuseAsync(context, 400, "We could not parse the JSON body of your request: a string escapes an unpaired UTF-16 surrogate (\\ud800-\\udfff).", "invalid_encoding");
            return;
        }

        request.ContentType = type.MediaType.Value;
        request.Body = new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
        request.ContentLength = body.Length;
        await next(context);
    });

    static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;

    static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);

    static bool IsUtf8(string charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    static string TooLarge(long limit) =>
        $"Request body too large: the limit is {limit} bytes (setting Limits:MaxRequestBodyBytes).";

    /// <summary>The whole body, or null when it runs past <paramref name="limit"/>.</summary>
    static async Task<byte[]?> ReadAsync(Stream body, long? declared, long limit, CancellationToken ct)
    {
        // Kestrel ends a body at its Content-Length, so a declared length is read straight into an array of that size.
        if (declared is { } length)
        {
            var exact = new byte[length];
            await body.ReadExactlyAsync(exact, ct);
            return exact;
        }
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await body.ReadAsync(memory, ct);
            if (read == 0)
                return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                return null;
        }
    }

    /// <summary>
    /// Whether a string escapes half a surrogate pair (<c>"\ud800"</c>), which System.Text.Json accepts until the string is read.
    /// Only a body that contains <c>\uD</c> at all is read through.
    /// </summary>
    static bool HasLoneSurrogate(byte[] body)
    {
        if (body.AsSpan().IndexOf("\\ud"u8) < 0 && body.AsSpan().IndexOf("\\uD"u8) < 0)
            return false;
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                    reader.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON at all: the binder says so.
        }
        catch (InvalidOperationException)
        {
            return true;
        }
        return false;
    }

    static int ValidPrefixLength(ReadOnlySpan<byte> bytes)
    {
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return read;
    }

    static async Task RefuseAsync(HttpContext context, int status, string message, string? code)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(OpenAIErrors.Body(message, code: code), ChatApiJson.Options, context.RequestAborted);
    }
}
