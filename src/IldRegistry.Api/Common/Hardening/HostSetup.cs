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
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxRequestBodyBytes(configuration);
            kestrel.Limits.MaxRequestHeadersTotalSize = configuration.GetValue("Limits:MaxRequestHeadersTotalBytes", 32 * 1024);
            kestrel.Limits.MaxRequestHeaderCount = configuration.GetValue("Limits:MaxRequestHeaderCount", 64);
            kestrel.Limits.MaxRequestLineSize = configuration.GetValue("Limits:MaxRequestLineBytes", 8 * 1024);
        });

        // On SIGTERM the server stops accepting, and requests already running get this long to finish.
        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("Host:ShutdownTimeoutSeconds", 30)));

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
        if (!configuration.GetValue("OpenTelemetry:Enabled", false))
        {
            return;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OpenTelemetry:ServiceName"] ?? "ildregistry-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddSource("System.Net.Http")
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("System.Net.Http", "System.Runtime", "Npgsql"));

        var endpoint = configuration["OpenTelemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = string.Equals(configuration["OpenTelemetry:OtlpProtocol"], "http", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
