using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common;

/// <summary>Settings of the published OpenAPI document (section <c>OpenApi</c>).</summary>
public sealed class OpenApiDocumentOptions
{
    public const string Section = "OpenApi";

    /// <summary>
    /// The document's <c>servers</c> URL. Configured, never taken from the request: a <c>Host</c> header is the
    /// client's to choose, and a document echoing it would send generated clients wherever a request said. The
    /// default, <c>/</c>, is resolved against wherever the document was fetched from.
    /// </summary>
    public string ServerUrl { get; set; } = "/";
}

internal static class OpenApiServers
{
    public static IServiceCollection AddOpenApiServers(this IServiceCollection services)
    {
        services.AddOptions<OpenApiDocumentOptions>()
            .BindConfiguration(OpenApiDocumentOptions.Section)
            .Validate(o => o.ServerUrl == "/" || Uri.TryCreate(o.ServerUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps), "OpenApi:ServerUrl must be / or an absolute http(s) URL.")
            .ValidateOnStart();
        return services;
    }

    public static string ServerUrl(IServiceProvider services) => services.GetRequiredService<IOptions<OpenApiDocumentOptions>>().Value.ServerUrl;
}
