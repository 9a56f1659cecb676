using Microsoft.Extensions.Options;

namespace ChatApi.Backends.Recording;

/// <summary>Puts cassettes around each backend whose mode (global or its own) is not <c>off</c>.</summary>
public sealed class Recordings(IOptions<RecordingOptions> options, IHostEnvironment environment, TimeProvider time)
{
    readonly RecordingOptions _options = options.Value;
    readonly CassetteDirectory _cassettes = new(Path.GetFullPath(options.Value.Directory, environment.ContentRootPath));
    readonly Redaction _redaction = new(options.Value);

    public string Directory => _cassettes.Root;

    /// <param name="endpoint">The API path <paramref name="backend"/> answers: chat completions, or a relay's <see cref="CassetteEndpoints.Responses"/>.</param>
    public IChatBackend Around(string backendName, IChatBackend backend, string endpoint = CassetteEndpoints.ChatCompletions) =>
        Recorder(backendName) is { } recorder ? new RecordingBackend(backend, endpoint, recorder) : backend;

    public IJsonForwarder Around(string backendName, IJsonForwarder forwarder) =>
        Recorder(backendName) is { } recorder ? new RecordingForwarder(forwarder, recorder) : forwarder;

    CassetteRecorder? Recorder(string backendName) =>
        _options.ModeFor(backendName) is var mode && mode != RecordingModes.Off
            ? new CassetteRecorder(mode, _options, _cassettes, _redaction, time)
            : null;
}
