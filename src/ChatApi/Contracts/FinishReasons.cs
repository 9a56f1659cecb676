namespace ChatApi.Contracts;

public static class FinishReasons
{
    public const string Stop = "stop";
    public const string Length = "length";
    public const string ToolCalls = "tool_calls";
    public const string FunctionCall = "function_call";
    public const string ContentFilter = "content_filter";
}
