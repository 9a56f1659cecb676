using System.Text.Json;

namespace ChatApi.Backends.Recording;

/// <summary>
/// A request as a cassette knows it: the API path below <c>/v1</c> (<c>chat/completions</c>, <c>embeddings</c>,
/// <c>responses</c>), which is part of the key and the folder, so one body sent to two endpoints is two cassettes;
/// the model the client named, for the file name; and the body as the client sent it.
/// </summary>
public sealed record CassetteRequest(string Endpoint, string? Model, JsonElement Json);
