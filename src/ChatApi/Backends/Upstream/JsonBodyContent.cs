using System.Net.Http.Headers;

namespace ChatApi.Backends.Upstream;

/// <summary>A JSON request body from bytes already made, sent without a copy.</summary>
internal static class JsonBodyContent
{
    public static ReadOnlyMemoryContent Of(ReadOnlyMemory<byte> body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}
