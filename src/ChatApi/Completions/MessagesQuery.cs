using System.Reflection;
using ChatApi.Contracts;

namespace ChatApi.Completions;

/// <summary>The query of <c>GET /v1/chat/completions/{id}/messages</c>: just the page.</summary>
public sealed record MessagesQuery(PageQuery Page, Error? Problem)
{
    public static ValueTask<MessagesQuery> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var (page, problem) = PageQuery.Parse(context.Request.Query);
        return ValueTask.FromResult(new MessagesQuery(page, problem));
    }
}
