using NJsonSchema;

namespace ChatApi.Tests.Infrastructure;

/// <summary>Checks JSON text against a JSON Schema with NJsonSchema, an implementation independent of the server's.</summary>
public static class SchemaAssert
{
    public static async Task ValidAsync(string schemaJson, string json)
    {
        var schema = await JsonSchema.FromJsonAsync(schemaJson, TestContext.Current.CancellationToken);
        var errors = schema.Validate(json);
        Assert.True(errors.Count == 0, $"{json} breaks the schema: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
    }
}
