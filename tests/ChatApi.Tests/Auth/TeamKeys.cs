using System.Net.Http.Headers;

namespace ChatApi.Tests.Auth;

/// <summary>A team's keys as an operator configures them: two projects and an admin.</summary>
internal static class TeamKeys
{
    public const string Red = "sk-red-6fZq1b0x8s0Kc2WmYt3vRed1";
    public const string Blue = "sk-blue-Hq84nD0aP1eLw7cVs2Blue";
    public const string Admin = "sk-admin-Pz0Qm4r8Ty2Nb6Xc1Adm9";

    /// <summary><c>Auth:Keys:{i}:…</c> for red, blue and admin, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Keys:0:Key"] = Red,
            ["Auth:Keys:0:Project"] = "red",
            ["Auth:Keys:1:Key"] = Blue,
            ["Auth:Keys:1:Project"] = "blue",
            ["Auth:Keys:2:Key"] = Admin,
            ["Auth:Keys:2:Admin"] = "true",
        };
        foreach (var (key, value) in extra ?? [])
            settings[key] = value;
        return settings;
    }

    public static HttpClient WithKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static HttpClient ClientWithKey(this ChatApiFactory app, string key) => app.CreateClient().WithKey(key);
}
