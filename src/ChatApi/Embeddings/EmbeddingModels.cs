namespace ChatApi.Embeddings;

/// <summary>What the built-in backend knows of OpenAI's embedding models.</summary>
public static class EmbeddingModels
{
    public const string Ada002 = "text-embedding-ada-002";
    public const string Small3 = "text-embedding-3-small";
    public const string Large3 = "text-embedding-3-large";

    /// <summary>The length of a full vector: 3,072 for <c>text-embedding-3-large</c>, 1,536 for every other name.</summary>
    public static int DimensionsOf(string model) => model == Large3 ? 3072 : 1536;

    /// <summary><c>dimensions</c> works with <c>text-embedding-3</c> and later models; OpenAI refuses it for ada-002.</summary>
    public static bool AcceptsDimensions(string model) => model != Ada002;
}
