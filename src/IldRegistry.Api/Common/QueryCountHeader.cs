using IldRegistry.Api.Common.Settings;
using IldRegistry.Data.Diagnostics;

namespace IldRegistry.Api.Common;

/// <summary>
/// With <c>Diagnostics:QueryCountHeader</c> on (tests, benchmarks), answers carry <c>X-Query-Count</c>: the number
/// of SQL commands the request sent before its response started.
/// </summary>
internal static class QueryCountHeader
{
    public const string HeaderName = "X-Query-Count";

    public static IApplicationBuilder UseQueryCountHeader(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (!configuration.Settings<DiagnosticsSettings>().QueryCountHeader)
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            var count = QueryCounter.Begin();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = count.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
