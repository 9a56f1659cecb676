namespace ChatApi.Tests.Upstreams;

/// <summary>Bodies as vLLM, llama.cpp's llama-server and OpenAI write them, vendor fields and all.</summary>
public static class VendorShapes
{
    public const string VllmCompletion = """
        {"id":"chatcmpl-vllm-1","object":"chat.completion","created":1764640000,"model":"meta-llama/Llama-3.1-8B-Instruct",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Paris.","reasoning_content":"The capital of France is Paris.","tool_calls":[]},
                     "logprobs":null,"finish_reason":"stop","stop_reason":null,"token_ids":[12366,13]}],
         "usage":{"prompt_tokens":12,"total_tokens":14,"completion_tokens":2,"prompt_tokens_details":null},
         "prompt_logprobs":null,"prompt_token_ids":null,"kv_transfer_params":null,"future_field":{"nested":[1,2.50,"x"]}}
        """;

    public const string LlamaCppCompletion = """
        {"choices":[{"finish_reason":"stop","index":0,"message":{"role":"assistant","content":"Hi there","reasoning_content":"Greet back."}}],
         "created":1764640001,"model":"gpt-3.5-turbo","system_fingerprint":"b6000-abc","object":"chat.completion",
         "usage":{"completion_tokens":2,"prompt_tokens":9,"total_tokens":11},"id":"chatcmpl-llama-1",
         "timings":{"prompt_n":9,"prompt_ms":12.5,"predicted_n":2,"predicted_ms":20.1}}
        """;

    public static readonly string[] VllmStream =
    [
        """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"reasoning_content":"Think"},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"reasoning_content":"ing."},"logprobs":null,"finish_reason":null}]}""",
        """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null,"token_ids":[9906]}]}""",
        """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":"stop","stop_reason":128009,"token_ids":[78]}]}""",
    ];

    /// <summary>The usage chunk an upstream sends last when asked with <c>include_usage</c>.</summary>
    public const string UsageChunk = """{"id":"chatcmpl-vllm-2","object":"chat.completion.chunk","created":1764640002,"model":"meta-llama/Llama-3.1-8B-Instruct","choices":[],"usage":{"prompt_tokens":7,"total_tokens":12,"completion_tokens":5}}""";

    public static readonly string[] ToolCallStream =
    [
        """{"id":"chatcmpl-t","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-t","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]}""",
        """{"id":"chatcmpl-t","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}""",
    ];

    /// <summary>vLLM's error body: integer <c>code</c>, <c>object: "error"</c>.</summary>
    public const string VllmError = """{"object":"error","message":"This model's maximum context length is 8192 tokens.","type":"BadRequestError","param":null,"code":400}""";

    /// <summary>llama.cpp's error body: integer <c>code</c> inside <c>error</c>.</summary>
    public const string LlamaCppError = """{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}""";

    public const string OpenAIRateLimit = """{"error":{"message":"Rate limit reached for gpt-4o.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
}
