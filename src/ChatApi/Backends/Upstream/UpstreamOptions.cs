namespace ChatApi.Backends.Upstream;

/// <summary>One entry of <c>Backends:Upstreams</c>: an OpenAI-compatible server ChatApi forwards to.</summary>
public sealed class UpstreamOptions
{
    /// <summary>The API root, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:8000/v1</c> (vLLM, llama.cpp, Ollama…).</summary>
    public required Uri BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds to wait for a non-streamed answer.</summary>
    public int TimeoutSeconds { get; set; } = 600;
}
