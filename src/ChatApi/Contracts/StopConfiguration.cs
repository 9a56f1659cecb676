using System.Text.Json.Serialization;

namespace ChatApi.Contracts;

/// <summary><c>stop</c>: one string or up to four.</summary>
[JsonConverter(typeof(StopConfigurationConverter))]
public sealed record StopConfiguration(IReadOnlyList<string> Sequences, bool WasSingleString = false);
