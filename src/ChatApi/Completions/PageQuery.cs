using System.Globalization;
using ChatApi.Contracts;
using ChatApi.Errors;

namespace ChatApi.Completions;

/// <summary>The cursor part of a list query: <c>after</c>, <c>limit</c> (default 20) and <c>order</c> (default asc).</summary>
public sealed record PageQuery(string? After, int Limit, ListOrder Order)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static (PageQuery Page, Error? Problem) Parse(IQueryCollection query)
    {
        var after = query["after"].ToString() is { Length: > 0 } a ? a : null;

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } rawLimit)
        {
            if (!int.TryParse(rawLimit, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit))
                return (Default, Problems.Invalid("limit", $"Invalid 'limit': expected an integer, but got '{Excerpt.Of(rawLimit)}' instead.", "invalid_type"));
            if (Problems.Range("limit", limit, 1, MaxLimit) is { } outOfRange)
                return (Default, outOfRange);
        }

        var order = ListOrder.Asc;
        if (query["order"].ToString() is { Length: > 0 } rawOrder)
        {
            if (Problems.OneOf("order", rawOrder, ["asc", "desc"]) is { } badOrder)
                return (Default, badOrder);
            order = rawOrder == "desc" ? ListOrder.Desc : ListOrder.Asc;
        }
        return (new PageQuery(after, limit, order), null);
    }

    static PageQuery Default => new(null, DefaultLimit, ListOrder.Asc);
}
