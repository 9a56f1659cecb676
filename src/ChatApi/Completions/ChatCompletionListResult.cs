using System.Reflection;
using System.Text.Json;
using ChatApi.Contracts;
using ChatApi.Storage;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChatApi.Completions;

/// <summary>
/// A <see cref="ChatCompletionList"/> whose items are written straight from their stored JSON, with no parse
/// and reserialize per row. OpenAPI still describes the body as <see cref="ChatCompletionList"/>.
/// </summary>
public sealed class ChatCompletionListResult(Page<StoredCompletionJson> page) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var items = page.Items;
        await using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            foreach (var item in items)
                json.WriteRawValue(item.Json, skipInputValidation: true);
            json.WriteEndArray();
            WriteIdOrNull(json, "first_id", items.Count > 0 ? items[0].Id : null);
            WriteIdOrNull(json, "last_id", items.Count > 0 ? items[^1].Id : null);
            json.WriteBoolean("has_more", page.HasMore);
            json.WriteEndObject();
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ChatCompletionList), ["application/json"]));

    internal static void WriteIdOrNull(Utf8JsonWriter json, string name, string? id)
    {
        if (id is null)
            json.WriteNull(name);
        else
            json.WriteString(name, id);
    }
}
