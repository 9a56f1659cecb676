using System.Reflection;
using ChatApi.Completions;
using ChatApi.Contracts;

namespace ChatApi.Responses;

/// <summary>The query of <c>GET /v1/responses/{id}/input_items</c>: a page whose order defaults to <c>desc</c>, as OpenAI's.</summary>
public sealed record InputItemsQuery(PageQuery Page, Error? Problem)
{
    public static ValueTask<InputItemsQuery> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var (page, problem) = PageQuery.Parse(context.Request.Query);
        if (problem is null && context.Request.Query["order"].ToString().Length == 0)
            page = page with { Order = ListOrder.Desc };
        return ValueTask.FromResult(new InputItemsQuery(page, problem));
    }
}
