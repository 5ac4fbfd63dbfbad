using IldRegistry.Api.Common.Settings;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common;

/// <summary>The published OpenAPI document's <c>servers</c> URL, from <see cref="OpenApiSettings"/>.</summary>
internal static class OpenApiServers
{
    public static string ServerUrl(IServiceProvider services) => services.GetRequiredService<IOptions<OpenApiSettings>>().Value.ServerUrl;
}
