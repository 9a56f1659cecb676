using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>A validated create-embedding request: the body as typed, and every input as text with its cl100k token count.</summary>
public sealed record EmbeddingsRequest(CreateEmbeddingRequest Typed, IReadOnlyList<EmbeddingInput> Inputs)
{
    public int PromptTokens => Inputs.Sum(i => i.Tokens);
}
