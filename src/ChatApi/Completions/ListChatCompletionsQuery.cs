using System.Reflection;
using ChatApi.Contracts;

namespace ChatApi.Completions;

/// <summary>
/// The query of <c>GET /v1/chat/completions</c>: <c>model</c>, <c>metadata[key]=value</c> (all must match), and the page.
/// A problem is kept rather than thrown so the handler can answer it in OpenAI's shape.
/// </summary>
public sealed record ListChatCompletionsQuery(string? Model, IReadOnlyDictionary<string, string> Metadata, PageQuery Page, Error? Problem)
{
    public static ValueTask<ListChatCompletionsQuery> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var query = context.Request.Query;
        var (page, problem) = PageQuery.Parse(query);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (name.StartsWith("metadata[", StringComparison.Ordinal) && name.EndsWith(']'))
                metadata[name["metadata[".Length..^1]] = values.ToString();
        }
        problem ??= MetadataValidator.Validate(metadata);
        var model = query["model"].ToString() is { Length: > 0 } m ? m : null;
        return ValueTask.FromResult(new ListChatCompletionsQuery(model, metadata, page, problem));
    }
}
