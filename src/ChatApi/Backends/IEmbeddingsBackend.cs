using ChatApi.Contracts;

namespace ChatApi.Backends;

/// <summary>A source of embeddings, picked per model by <see cref="BackendRouter"/> under the same backend names as chat.</summary>
public interface IEmbeddingsBackend
{
    /// <summary>One embedding per input, in input order. Throws <see cref="BackendException"/> to refuse.</summary>
    Task<CreateEmbeddingResponse> CreateAsync(EmbeddingsRequest request, CancellationToken ct);
}
