using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;

namespace ChatApi.Tests.Sdk;

/// <summary>The official .NET client, configured as a user would point it at ChatApi: only the endpoint changes.</summary>
internal static class SdkClients
{
    public static OpenAIClient OpenAI(Uri baseUri) =>
        new(new ApiKeyCredential("sk-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri(baseUri, "/v1"),
            NetworkTimeout = TimeSpan.FromSeconds(10),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });

    public static ChatClient Chat(Uri baseUri, string model = "gpt-4o-mini") => OpenAI(baseUri).GetChatClient(model);
}
