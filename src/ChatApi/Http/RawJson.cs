using System.Text;

namespace ChatApi.Http;

public static class RawJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static RawJsonResult<T> Of<T>(string json) => new(Encoding.UTF8.GetBytes(json));
}
