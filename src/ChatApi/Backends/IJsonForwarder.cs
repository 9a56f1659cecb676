namespace ChatApi.Backends;

/// <summary>A relay of non-streamed JSON calls other than chat (<c>embeddings</c>): the body as received out, the answer as received back.</summary>
public interface IJsonForwarder
{
    /// <summary>Throws <see cref="BackendException"/> with the upstream's error as received.</summary>
    Task<ChatReply> ForwardAsync(string path, ReadOnlyMemory<byte> body, string? model, CancellationToken ct);
}
