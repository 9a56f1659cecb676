namespace ChatApi.Completions;

public enum ListOrder
{
    Asc,
    Desc,
}
