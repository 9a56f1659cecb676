using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatApi.OpenApi;

/// <summary>Documents the query parameters that custom binding (<c>BindAsync</c>) hides from OpenAPI.</summary>
public static class ListQueryParameters
{
    public static RouteHandlerBuilder WithPageParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Add(operation, "after", "Identifier of the last item of the previous page.", new OpenApiSchema { Type = JsonSchemaType.String });
            Add(operation, "limit", "Number of items to retrieve (1–100).", new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(20) });
            Add(operation, "order", "Sort order by creation: asc (default) or desc.",
                new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("asc"), JsonValue.Create("desc")], Default = JsonValue.Create("asc") });
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithListFilterParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Add(operation, "model", "Only completions made with this model.", new OpenApiSchema { Type = JsonSchemaType.String });
            Add(operation, "metadata", "Metadata pairs that must all match, written metadata[key]=value.",
                new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } });
            return Task.CompletedTask;
        });

    static void Add(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema });
    }
}
