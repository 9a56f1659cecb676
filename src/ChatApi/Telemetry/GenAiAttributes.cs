namespace ChatApi.Telemetry;

/// <summary>Attribute names of OpenTelemetry's GenAI semantic conventions, and ChatApi's own beside them.</summary>
public static class GenAiAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string ResponseId = "gen_ai.response.id";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string FinishReasons = "gen_ai.response.finish_reasons";
    public const string TokenType = "gen_ai.token.type";
    public const string ErrorType = "error.type";
    public const string Backend = "chatapi.backend";
    public const string Stream = "chatapi.stream";
    public const string BatchSize = "chatapi.storage.batch_size";

    public const string Chat = "chat";
}
