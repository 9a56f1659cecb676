using ChatApi.Contracts;
using ChatApi.Embeddings;

namespace ChatApi.Backends.Deterministic;

/// <summary>The built-in embeddings: <see cref="HashedEmbedding"/> of each input, sized by model and <c>dimensions</c>.</summary>
public sealed class DeterministicEmbeddingsBackend : IEmbeddingsBackend
{
    public Task<CreateEmbeddingResponse> CreateAsync(EmbeddingsRequest request, CancellationToken ct)
    {
        var model = request.Typed.Model!;
        var size = EmbeddingModels.DimensionsOf(model);
        var data = new Embedding[request.Inputs.Count];
        for (var i = 0; i < data.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var vector = HashedEmbedding.Of(request.Inputs[i].Text, size, request.Typed.Dimensions);
            data[i] = new Embedding { Index = i, Vector = EmbeddingVector.Encode(vector, request.Typed.EncodingFormat) };
        }
        var tokens = request.PromptTokens;
        return Task.FromResult(new CreateEmbeddingResponse
        {
            Data = data,
            Model = model,
            Usage = new EmbeddingUsage { PromptTokens = tokens, TotalTokens = tokens },
        });
    }
}
