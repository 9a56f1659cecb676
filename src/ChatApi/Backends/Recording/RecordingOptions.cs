namespace ChatApi.Backends.Recording;

/// <summary>Section <c>Recording</c>: record backend answers as cassettes, and replay them.</summary>
public sealed class RecordingOptions
{
    /// <summary>One of <see cref="RecordingModes"/> for every backend; <see cref="Backends"/> overrides it per backend.</summary>
    public string Mode { get; set; } = RecordingModes.Off;

    /// <summary>Backend name (as in <c>Backends:Routes</c>, e.g. an upstream's name or <c>deterministic</c>) → mode.</summary>
    public Dictionary<string, string> Backends { get; set; } = [];

    /// <summary>Where cassettes live; relative to the working directory.</summary>
    public string Directory { get; set; } = "cassettes";

    /// <summary>One of <see cref="RecordingPacing"/>.</summary>
    public string Pacing { get; set; } = RecordingPacing.Instant;

    /// <summary>The status of the error a replayed request without a cassette gets.</summary>
    public int MissingStatus { get; set; } = 404;

    /// <summary>Response headers kept besides the usual ones (content type, rate limits, retry-after, OpenAI model/version).</summary>
    public List<string> KeepHeaders { get; set; } = [];

    /// <summary>Response headers never written (and so never replayed), beside the credential headers that never are.</summary>
    public List<string> RedactHeaders { get; set; } = [];

    /// <summary>
    /// Request fields written as <c>"[redacted]"</c> in the cassette's copy of the request (the key is computed first,
    /// so matching is unchanged): dotted paths, <c>*</c> for every array item or member, e.g. <c>messages.*.content</c>.
    /// </summary>
    public List<string> RedactFields { get; set; } = [];

    public string ModeFor(string backend) =>
        Backends.TryGetValue(backend, out var mode) ? mode : Mode;
}
