namespace ChatApi.Backends.Recording;

/// <summary>The endpoints recorded, as <see cref="CassetteRequest.Endpoint"/> names them.</summary>
public static class CassetteEndpoints
{
    public const string ChatCompletions = "chat/completions";
    public const string Embeddings = "embeddings";
    public const string Responses = "responses";
}
