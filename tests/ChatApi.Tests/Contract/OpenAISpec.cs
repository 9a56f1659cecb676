using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.RepresentationModel;

namespace ChatApi.Tests.Contract;

/// <summary>
/// OpenAI's official OpenAPI document (<c>../shared/openai/openapi.yaml</c> beside the repo), parsed once per test run:
/// its operationIds, and the response schemas ChatApi answers with, as JSON Schemas to validate bodies against.
/// </summary>
public sealed partial class OpenAISpec
{
    /// <summary>The schemas the contract tests check; those they reference come along.</summary>
    public static readonly string[] ResponseSchemas =
    [
        "CreateChatCompletionResponse", "ChatCompletionList", "ChatCompletionMessageList", "ChatCompletionDeleted",
        "ErrorResponse", "ListModelsResponse", "Model", "CreateEmbeddingResponse",
        "Response", "ResponseStreamEvent", "ResponseItemList", "TokenCountsResource",
    ];

    static readonly Lazy<Task<OpenAISpec>> Loaded = new(() => Task.Run(LoadAsync));

    readonly JsonSchema _schemas;

    OpenAISpec(JsonNode document, JsonSchema schemas)
    {
        Document = document;
        _schemas = schemas;
    }

    /// <summary>The whole spec as JSON.</summary>
    public JsonNode Document { get; }

    /// <summary>The parsed spec; skips the test (fails under CHATAPI_REQUIRE_ALL=1) when the file is not there.</summary>
    public static async Task<OpenAISpec> GetAsync()
    {
        if (!File.Exists(RepoPaths.OpenAISpec))
            ExternalRequirement.Missing($"OpenAI's spec is not at {RepoPaths.OpenAISpec} (clone the repo with shared/ beside it)");
        return await Loaded.Value;
    }

    /// <summary>Fails with every violation, named by JSON path, when <paramref name="json"/> does not match the named schema.</summary>
    public void AssertValid(string schemaName, string json)
    {
        var errors = Schema(schemaName).Validate(json);
        Assert.True(errors.Count == 0, $"Not a valid {schemaName}:\n{Describe(errors, "  ")}\nin {json}");
    }

    public JsonSchema Schema(string name) =>
        _schemas.Definitions.TryGetValue(name, out var schema) ? schema : throw new KeyNotFoundException($"'{name}' is not among the loaded schemas.");

    /// <summary>The operationId of <c>method path</c>, with the path as the spec writes it (relative to <c>/v1</c>).</summary>
    public string? OperationId(string method, string path) =>
        Document["paths"]?[path]?[method.ToLowerInvariant()]?["operationId"]?.GetValue<string>();

    static async Task<OpenAISpec> LoadAsync()
    {
        // YamlDotNet rejects a block scalar whose first line holds only spaces (StopConfiguration's `example: |+`);
        // emptying blank lines changes no schema, only whitespace inside examples.
        var text = BlankLine().Replace(await File.ReadAllTextAsync(RepoPaths.OpenAISpec), "");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var document = YamlJson.ToJson(yaml.Documents[0].RootNode)!;

        // NJsonSchema resolves "#/definitions/X" natively, and reading only the schemas in use keeps this to seconds.
        var definitions = new JsonObject { ["definitions"] = SchemasInUse(document["components"]!["schemas"]!.AsObject()) };
        var schemaJson = definitions.ToJsonString().Replace("\"#/components/schemas/", "\"#/definitions/", StringComparison.Ordinal);
        return new OpenAISpec(document, await JsonSchema.FromJsonAsync(schemaJson));
    }

    static JsonObject SchemasInUse(JsonObject all)
    {
        var used = new JsonObject();
        var pending = new Stack<string>(ResponseSchemas);
        while (pending.TryPop(out var name))
        {
            if (used.ContainsKey(name))
                continue;
            var schema = all[name]!.DeepClone();
            used[name] = schema;
            foreach (Match reference in SchemaReference().Matches(schema.ToJsonString()))
                pending.Push(reference.Groups[1].Value);
        }
        return used;
    }

    [GeneratedRegex(@"^[ \t]+$", RegexOptions.Multiline)]
    private static partial Regex BlankLine();

    [GeneratedRegex("\"#/components/schemas/([^\"]+)\"")]
    private static partial Regex SchemaReference();

    static string Describe(IEnumerable<ValidationError> errors, string indent) =>
        string.Join("\n", errors.Select(e => e is ChildSchemaValidationError child
            ? $"{indent}{e.Path}: {e.Kind}\n" + string.Join("\n", child.Errors.Select(c => Describe(c.Value, indent + "    ")))
            : $"{indent}{e.Path}: {e.Kind}"));
}
