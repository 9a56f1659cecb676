namespace ChatApi.Backends.Upstream;

/// <summary>One entry of <c>Backends:Upstreams</c>: an OpenAI-compatible server ChatApi forwards to.</summary>
public sealed class UpstreamOptions
{
    /// <summary>The API root, e.g. <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:8000/v1</c> (vLLM, llama.cpp, Ollama…).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set; the client's own key is never forwarded.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Seconds to wait for the first byte of an answer, and at most between two events of a stream.</summary>
    public int TimeoutSeconds { get; set; } = 600;

    /// <summary>Seconds allowed between two events of a stream; <see cref="TimeoutSeconds"/> when not set.</summary>
    public int? IdleTimeoutSeconds { get; set; }

    /// <summary>Seconds to open the connection.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>Seconds for the whole exchange, stream included; no limit when not set.</summary>
    public int? TotalTimeoutSeconds { get; set; }

    /// <summary>Forward <c>store</c> and <c>metadata</c> too, for an upstream that stores itself (another ChatApi, OpenAI).</summary>
    public bool ForwardStore { get; set; }

    /// <summary>
    /// How <c>POST /v1/responses</c> reaches it: <c>translate</c> (the default; to and from chat completions, ChatApi
    /// keeping the conversation) or <c>relay</c> (an upstream that speaks the Responses API: forwarded as received).
    /// </summary>
    public string Responses { get; set; } = ResponsesModes.Translate;

    /// <summary>Extra attempts after a failure before the first byte (connection error, timeout, 429, 5xx). None by default.</summary>
    public int Retries { get; set; }

    /// <summary>Base of the jittered exponential backoff between retries, when the upstream gave no Retry-After.</summary>
    public int RetryDelayMs { get; set; } = 250;

    /// <summary>A Retry-After longer than this is not waited for: the answer goes to the client as it is.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;
}
