using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IldRegistry.IntegrationTests.Infrastructure;

/// <summary>The HTTP client every test factory hands out.</summary>
internal static class JsonClients
{
    /// <summary>A client that sends JSON and follows no redirects; with <paramref name="apiKey"/>, as that key's holder.</summary>
    public static HttpClient CreateJsonClient(this WebApplicationFactory<Program> factory, string? apiKey = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
