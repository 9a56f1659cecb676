using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace ChatApi.Http;

/// <summary>
/// JSON written as it is (stored JSON, or an upstream's body as received), with no parse and reserialize.
/// OpenAPI describes the body as <typeparamref name="TDescribed"/>.
/// </summary>
public sealed class RawJsonResult<TDescribed>(ReadOnlyMemory<byte> json, string contentType = RawJson.ContentType) : IResult, IEndpointMetadataProvider
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in Headers)
            response.Headers.Append(name, value);
        response.ContentType = contentType;
        response.ContentLength = json.Length;
        await response.Body.WriteAsync(json, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TDescribed), ["application/json"]));
}
