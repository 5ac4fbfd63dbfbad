using IldRegistry.Api.Common.Settings;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IldRegistry.Api.Common.Hardening;

/// <summary>Server, shutdown, logging and telemetry settings of the host itself.</summary>
internal static class HostSetup
{
    public static WebApplicationBuilder ConfigureRegistryHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var limits = configuration.Settings<LimitsSettings>();
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        });

        // On SIGTERM the server stops accepting, and requests already running get this long to finish.
        builder.Services.AddOptions<HostOptions>().Configure<IOptions<HostSettings>>((options, host) =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(host.Value.ShutdownTimeoutSeconds));

        // Every log line written during a request carries its TraceId, the value problem details report as traceId.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        AddRegistryTelemetry(builder.Services, builder.Configuration);
        return builder;
    }

    /// <summary>
    /// With <c>OpenTelemetry:Enabled</c>: traces (ASP.NET Core, outgoing HTTP, Npgsql) and metrics (ASP.NET Core,
    /// Kestrel, HTTP client, runtime, Npgsql), exported over OTLP to <c>OpenTelemetry:OtlpEndpoint</c> or, when that is
    /// empty, to the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> if set.
    /// </summary>
    private static void AddRegistryTelemetry(IServiceCollection services, ConfigurationManager configuration)
    {
        var settings = configuration.Settings<OpenTelemetrySettings>();
        if (!settings.Enabled)
        {
            return;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(settings.ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddSource("System.Net.Http")
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("System.Net.Http", "System.Runtime", "Npgsql"));

        var endpoint = settings.OtlpEndpoint;
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = settings.OtlpProtocol == OtlpProtocol.Http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
