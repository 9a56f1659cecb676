using System.Diagnostics;
using ChatApi.Backends;
using ChatApi.Contracts;

namespace ChatApi.Telemetry;

/// <summary>
/// One completion's span (<c>chat {model}</c>, GenAI semantic conventions), its GenAI metrics and its request-log fields.
/// The endpoint starts it, reports the answer (or each streamed chunk) and disposes it when the answer is sent.
/// With nothing listening it costs a timestamp and this object.
/// </summary>
public sealed class CompletionTelemetry : IDisposable
{
    readonly Activity? _activity;
    readonly RequestLogEntry? _log;
    readonly string _requestModel;
    readonly string _backend;
    readonly bool _stream;
    readonly long _started = Stopwatch.GetTimestamp();
    long _firstChunk;
    long _finished;
    string? _responseModel;
    string? _responseId;
    CompletionUsage? _usage;
    List<string>? _finishReasons;
    string? _errorType;

    CompletionTelemetry(HttpContext http, CreateChatCompletionRequest request, string backend)
    {
        _requestModel = request.Model ?? "";
        _backend = backend;
        _stream = request.Stream == true;
        _log = http.Features.Get<RequestLogEntry>();
        if (_log is not null)
        {
            _log.Model = _requestModel;
            _log.Backend = backend;
        }
        if (ChatApiTelemetry.Source.HasListeners())
        {
            _activity = ChatApiTelemetry.Source.StartActivity($"{GenAiAttributes.Chat} {_requestModel}");
            _activity?.SetTag(GenAiAttributes.OperationName, GenAiAttributes.Chat)
                .SetTag(GenAiAttributes.RequestModel, _requestModel)
                .SetTag(GenAiAttributes.Backend, backend)
                .SetTag(GenAiAttributes.Stream, _stream);
        }
    }

    public static CompletionTelemetry Start(HttpContext http, CreateChatCompletionRequest request, BackendRouter router) =>
        new(http, request, router.BackendNameFor(request.Model ?? ""));

    /// <summary>A non-streamed answer.</summary>
    public void Completed(ChatCompletion completion)
    {
        _responseModel = completion.Model;
        _responseId = completion.Id;
        _usage = completion.Usage;
        _finishReasons = completion.Choices.Select(c => c.FinishReason).ToList();
        Finish();
    }

    /// <summary>Each chunk of a stream, as it goes out.</summary>
    public void Streamed(ChatCompletionChunk chunk)
    {
        if (_firstChunk == 0)
        {
            _firstChunk = Stopwatch.GetTimestamp();
            _responseModel = chunk.Model;
            _responseId = chunk.Id;
        }
        if (chunk.Usage is { } usage)
            _usage = usage;
        foreach (var choice in chunk.Choices)
        {
            if (choice.FinishReason is { } reason)
                (_finishReasons ??= []).Add(reason);
        }
    }

    /// <summary>The stream's backend has sent its last chunk.</summary>
    public void StreamEnded() => Finish();

    /// <summary>A child span around storing the completion (waiting for its group commit included).</summary>
    public Activity? StartStorage() => _activity is null ? null : ChatApiTelemetry.Source.StartActivity("chatapi.store");

    /// <summary>For an exception filter: notes the failure and returns false, so the exception goes on unhandled.</summary>
    public bool Failed(Exception error)
    {
        _errorType = error is BackendException backend ? backend.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : error.GetType().Name;
        return false;
    }

    public void Dispose()
    {
        var ok = _finished != 0 && _errorType is null;
        if (!ok)
            _errorType ??= "incomplete";

        if (_log is not null && _usage is not null)
        {
            _log.InputTokens = _usage.PromptTokens;
            _log.OutputTokens = _usage.CompletionTokens;
        }
        RecordMetrics(ok);
        if (_activity is not null)
        {
            if (_responseModel is not null)
                _activity.SetTag(GenAiAttributes.ResponseModel, _responseModel).SetTag(GenAiAttributes.ResponseId, _responseId);
            if (_usage is not null)
                _activity.SetTag(GenAiAttributes.InputTokens, _usage.PromptTokens).SetTag(GenAiAttributes.OutputTokens, _usage.CompletionTokens);
            if (_finishReasons is not null)
                _activity.SetTag(GenAiAttributes.FinishReasons, _finishReasons.ToArray());
            if (!ok)
                _activity.SetTag(GenAiAttributes.ErrorType, _errorType).SetStatus(ActivityStatusCode.Error);
            _activity.Dispose();
        }
    }

    void Finish() => _finished = Stopwatch.GetTimestamp();

    void RecordMetrics(bool ok)
    {
        if (!GenAiMetrics.RequestDuration.Enabled && !GenAiMetrics.TokenUsage.Enabled)
            return;

        var tags = new TagList
        {
            { GenAiAttributes.OperationName, GenAiAttributes.Chat },
            { GenAiAttributes.RequestModel, _requestModel },
            { GenAiAttributes.Backend, _backend },
        };
        if (_responseModel is not null)
            tags.Add(GenAiAttributes.ResponseModel, _responseModel);
        if (!ok)
            tags.Add(GenAiAttributes.ErrorType, _errorType);
        GenAiMetrics.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        if (!ok)
            return;

        if (_usage is not null)
        {
            var input = tags;
            input.Add(GenAiAttributes.TokenType, "input");
            GenAiMetrics.TokenUsage.Record(_usage.PromptTokens, input);
            var output = tags;
            output.Add(GenAiAttributes.TokenType, "output");
            GenAiMetrics.TokenUsage.Record(_usage.CompletionTokens, output);
        }
        if (_stream && _firstChunk != 0)
        {
            GenAiMetrics.TimeToFirstToken.Record(Stopwatch.GetElapsedTime(_started, _firstChunk).TotalSeconds, tags);
            if (_usage is { CompletionTokens: > 1 } usage)
                GenAiMetrics.TimePerOutputToken.Record(Stopwatch.GetElapsedTime(_firstChunk, _finished).TotalSeconds / (usage.CompletionTokens - 1), tags);
        }
    }
}
