using IldRegistry.Data.Caching;
using IldRegistry.Data.Replication;

namespace IldRegistry.Api.Common.Scaling;

/// <summary>Reads under <c>/api</c> go to the standby (<c>ConnectionStrings:RegistryStandby</c>) when it has caught up.</summary>
internal static class StandbyReads
{
    public const string ConnectionStringName = "RegistryStandby";

    public static IApplicationBuilder UseStandbyReads(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<StandbyRouting>() is not { } routing)
        {
            return app;
        }

        var changes = app.ApplicationServices.GetRequiredService<RegistryChanges>();
        // Async on purpose: the choice (an AsyncLocal) then ends with the request and never reaches the next one on the connection.
        return app.Use(async (context, next) =>
        {
            var read = (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
            routing.PreferStandby(read, changes.Generation);
            await next(context);
        });
    }
}
