using System.Text.Json.Nodes;
using ChatApi.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatApi.OpenApi;

/// <summary>
/// Describes the one-of wire fields (<c>content</c>, <c>stop</c>, <c>tool_choice</c>) as OpenAI's spec does;
/// their converters hide the shape from the schema generator.
/// </summary>
internal sealed class OneOfSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(MessageContent))
            Replace(schema, String(), ArrayOf(await context.GetOrCreateSchemaAsync(typeof(ContentPart), cancellationToken: ct)));
        else if (type == typeof(StopConfiguration))
            Replace(schema, String(), ArrayOf(String()));
        else if (type == typeof(ToolChoice))
            Replace(schema, new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("none"), JsonValue.Create("auto"), JsonValue.Create("required")] },
                new OpenApiSchema { Type = JsonSchemaType.Object });
    }

    static void Replace(OpenApiSchema schema, params IOpenApiSchema[] options)
    {
        schema.Type = null;
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.OneOf = [.. options];
    }

    static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    static OpenApiSchema ArrayOf(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };
}
