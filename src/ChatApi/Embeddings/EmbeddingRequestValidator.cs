using System.Text.Json;
using ChatApi.Backends;
using ChatApi.Backends.Tokens;
using ChatApi.Completions;
using ChatApi.Contracts;

namespace ChatApi.Embeddings;

/// <summary>
/// Checks a create-embedding request against OpenAI's limits and reads its <c>input</c> (a string, strings, a token array or
/// token arrays) into texts with their token counts. Messages are OpenAI's; <c>param</c> names the input that failed.
/// </summary>
public static class EmbeddingRequestValidator
{
    public const int MaxInputs = 2048;
    public const int MaxInputTokens = 8192;
    public const int MaxRequestTokens = 300_000;

    static readonly string[] EncodingFormats = [EmbeddingVector.FloatFormat, EmbeddingVector.Base64Format];

    public static (EmbeddingsRequest? Request, Error? Problem) Validate(CreateEmbeddingRequest r, EmbeddingTokenizer tokenizer)
    {
        if (r.Unknown?.Keys.FirstOrDefault() is { } unknown)
            return (null, Problems.Invalid(unknown, $"Unrecognized request argument supplied: {unknown}"));
        if (string.IsNullOrWhiteSpace(r.Model))
            return (null, Problems.Missing("model", "you must provide a model parameter"));
        if (r.Input is not { ValueKind: not JsonValueKind.Null } input)
            return (null, Problems.Missing("input"));
        var problem = Problems.OneOf("encoding_format", r.EncodingFormat, EncodingFormats) ?? Dimensions(r);
        if (problem is not null)
            return (null, problem);

        var (inputs, badInput) = ReadInputs(input, tokenizer);
        if (badInput is not null)
            return (null, badInput);
        for (var i = 0; i < inputs!.Count; i++)
        {
            if (inputs[i].Tokens > MaxInputTokens)
                return (null, Problems.Invalid(input.ValueKind == JsonValueKind.Array ? $"input[{i}]" : "input",
                    $"This model's maximum context length is {MaxInputTokens} tokens, however you requested {inputs[i].Tokens} tokens ({inputs[i].Tokens} in your prompt; 0 for the completion). Please reduce your prompt; or completion length."));
        }
        var total = inputs.Sum(i => i.Tokens);
        if (total > MaxRequestTokens)
            return (null, Problems.Invalid("input", $"Requested {total} tokens, max {MaxRequestTokens} tokens per request"));
        return (new EmbeddingsRequest(r, inputs), null);
    }

    static Error? Dimensions(CreateEmbeddingRequest r)
    {
        if (r.Dimensions is not { } dimensions)
            return null;
        if (!EmbeddingModels.AcceptsDimensions(r.Model!))
            return Problems.Invalid("dimensions", "This model does not support specifying dimensions.");
        return Problems.Range("dimensions", dimensions, 1, EmbeddingModels.DimensionsOf(r.Model!));
    }

    static (List<EmbeddingInput>? Inputs, Error? Problem) ReadInputs(JsonElement input, EmbeddingTokenizer tokenizer)
    {
        if (input.ValueKind == JsonValueKind.String)
            return Text(input, "input", tokenizer) is { } one ? ([one], null) : (null, Invalid("input"));
        if (input.ValueKind != JsonValueKind.Array || input.GetArrayLength() is 0 or > MaxInputs)
            return (null, Invalid("input"));

        // An array of numbers is one token-array input; otherwise every item is an input of its own.
        if (input[0].ValueKind == JsonValueKind.Number)
            return Tokens(input, "input", tokenizer) is { } tokens ? ([tokens], null) : (null, Invalid("input"));

        var inputs = new List<EmbeddingInput>(input.GetArrayLength());
        var kind = input[0].ValueKind;
        var index = 0;
        foreach (var item in input.EnumerateArray())
        {
            var param = $"input[{index++}]";
            var read = item.ValueKind != kind ? null
                : kind == JsonValueKind.String ? Text(item, param, tokenizer)
                : kind == JsonValueKind.Array ? Tokens(item, param, tokenizer)
                : null;
            if (read is null)
                return (null, Invalid(param));
            inputs.Add(read);
        }
        return (inputs, null);
    }

    static EmbeddingInput? Text(JsonElement item, string param, EmbeddingTokenizer tokenizer) =>
        item.GetString() is { Length: > 0 } text ? new EmbeddingInput(text, tokenizer.Count(text)) : null;

    static EmbeddingInput? Tokens(JsonElement item, string param, EmbeddingTokenizer tokenizer)
    {
        if (item.GetArrayLength() == 0)
            return null;
        var ids = new List<int>(item.GetArrayLength());
        foreach (var id in item.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out var value))
                return null;
            ids.Add(value);
        }
        return tokenizer.Decode(ids) is { } text ? new EmbeddingInput(text, ids.Count) : null;
    }

    // OpenAI's words for any input outside its schema: an empty string, a wrong type, more than 2,048 items.
    static Error Invalid(string param) =>
        Problems.Invalid(param, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");
}
