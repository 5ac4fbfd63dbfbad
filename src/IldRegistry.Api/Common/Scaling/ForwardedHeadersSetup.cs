using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common.Scaling;

/// <summary>Behind a trusted proxy, the client's own address and scheme replace the proxy's.</summary>
internal static class ForwardedHeadersSetup
{
    public static IServiceCollection AddRegistryForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;

            // The framework trusts loopback by default; only what is configured is trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            if (proxy.Value.IsValid())
            {
                foreach (var network in proxy.Value.Networks())
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    public static IApplicationBuilder UseRegistryForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ProxyOptions>>().Value.TrustedProxies.Length == 0
            ? app
            : app.UseForwardedHeaders();
}
