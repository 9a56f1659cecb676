using Microsoft.Extensions.Options;

namespace ChatApi.Backends.Recording;

/// <summary>Puts a <see cref="RecordingBackend"/> around each backend whose mode (global or its own) is not <c>off</c>.</summary>
public sealed class Recordings(IOptions<RecordingOptions> options, IHostEnvironment environment, TimeProvider time)
{
    readonly RecordingOptions _options = options.Value;
    readonly CassetteDirectory _cassettes = new(Path.GetFullPath(options.Value.Directory, environment.ContentRootPath));
    readonly Redaction _redaction = new(options.Value);

    public string Directory => _cassettes.Root;

    public IChatBackend Around(string backendName, IChatBackend backend) =>
        _options.ModeFor(backendName) is var mode && mode != RecordingModes.Off
            ? new RecordingBackend(backend, mode, _options, _cassettes, _redaction, time)
            : backend;
}
