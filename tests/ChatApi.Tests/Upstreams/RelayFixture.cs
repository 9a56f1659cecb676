using System.Text.Json.Nodes;

namespace ChatApi.Tests.Upstreams;

/// <summary>ChatApi in front of fake upstreams: model <c>vendor-*</c> routes to upstream <c>a</c> (or to a pool when given).</summary>
public static class RelayFixture
{
    public static ChatApiFactory Front(FakeUpstream upstream, Dictionary<string, string?>? extra = null) =>
        FrontMany(new() { ["a"] = upstream }, extra);

    public static ChatApiFactory FrontMany(Dictionary<string, FakeUpstream> upstreams, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Backends:Routes:vendor-*"] = "a" };
        foreach (var (name, upstream) in upstreams)
        {
            settings[$"Backends:Upstreams:{name}:BaseUrl"] = upstream.BaseUrl.ToString();
            settings[$"Backends:Upstreams:{name}:ApiKey"] = $"sk-upstream-{name}";
        }
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return new ChatApiFactory(settings);
    }

    /// <summary>A request with the vendor extras vLLM and llama.cpp users send, at every level.</summary>
    public static JsonObject VendorRequest(string model = "vendor-llama") => JsonNode.Parse($$$"""
        {"model":"{{{model}}}","top_k":40,"min_p":0.05,"repetition_penalty":1.1,
         "chat_template_kwargs":{"enable_thinking":true},"guided_json":{"type":"object"},
         "structured_outputs":{"choice":["a","b"]},"stop_token_ids":[128009],"thinking_budget_tokens":256,
         "unknown_nested":{"deep":{"list":[1,2.50,{"x":null}]}},"temperature":0.70,
         "messages":[
           {"role":"system","content":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}]},
           {"role":"user","content":"Hi"},
           {"role":"assistant","content":"Hello","reasoning_content":"They greeted me.","reasoning":"They greeted me."},
           {"role":"user","content":[{"type":"text","text":"What is in it?"},{"type":"video_url","video_url":{"url":"https://example.com/v.mp4"}}]}
         ]}
        """)!.AsObject();
}
