namespace ChatApi.Backends;

/// <summary>
/// A relayed stream ended without the upstream's <c>[DONE]</c> (cut, or idle past its timeout): the client's stream is
/// then cut too, after the last event received, and nothing is stored.
/// </summary>
public sealed class StreamCutException(string message) : Exception(message);
