using System.Text.Json;

namespace ChatApi.Http;

/// <summary>A JSON request body read as bytes, for endpoints that relay it as received or read it typed.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes; a body that is not <c>application/json</c> is a 415.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadJsonAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasJsonContentType())
            throw new BadHttpRequestException(Errors.OpenAIErrors.JsonContentTypeRequired, StatusCodes.Status415UnsupportedMediaType);

        // RequestBodyGuard has read and checked a JSON body already: its bytes are used as they are, not copied again.
        if (http.Body is MemoryStream { Position: 0 } checkedBody && checkedBody.TryGetBuffer(out var bytes))
            return bytes.AsMemory();
        if (http.ContentLength is { } length and <= int.MaxValue)
        {
            var buffer = new byte[length];
            await http.Body.ReadExactlyAsync(buffer, ct);
            return buffer;
        }
        using var copy = new MemoryStream();
        await http.Body.CopyToAsync(copy, ct);
        return copy.GetBuffer().AsMemory(0, (int)copy.Length);
    }

    /// <summary>A top-level string field of a JSON object body; null when absent, not a string, or the body is not JSON.</summary>
    public static string? StringField(ReadOnlyMemory<byte> body, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(body.Span);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var found = reader.ValueTextEquals(name);
                reader.Read();
                if (found)
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
