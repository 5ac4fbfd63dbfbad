using System.ComponentModel.DataAnnotations;

namespace IldRegistry.Api.Common.Settings;

// Every setting of the API with its default, one class per configuration section. README's configuration tables
// document each key; RegistrySettings binds and validates them.

/// <summary><c>Database:*</c>: migrations, the Development cluster, and what makes a dead or slow database a fast 503.</summary>
public sealed class DatabaseSettings : IRegistrySettings
{
    public static string Section => "Database";

    /// <summary>Apply pending migrations at start; unset means only in Development.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Port of the Development cluster under <c>.data/postgres</c>.</summary>
    [Range(1, 65535)]
    public int LocalClusterPort { get; set; } = 5433;

    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 3;

    /// <summary>0: no client-side limit.</summary>
    [Range(0, 3600)]
    public int CommandTimeoutSeconds { get; set; } = 15;

    /// <summary>The server-side <c>statement_timeout</c>; 0 switches it off.</summary>
    [Range(0, 3_600_000)]
    public int StatementTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>TCP keepalive on database connections, so a vanished server is noticed; 0 switches it off.</summary>
    [Range(0, 3600)]
    public int KeepAliveSeconds { get; set; } = 10;

    [Range(0, 10)]
    public int MaxRetryCount { get; set; } = 2;

    [Range(0, 60_000)]
    public int MaxRetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>How long <c>/health/ready</c> waits for the database.</summary>
    [Range(1, 600)]
    public int HealthCheckTimeoutSeconds { get; set; } = 3;

    /// <summary>The <c>Retry-After</c> of a 503 when the database is unavailable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Npgsql automatic preparation: statements kept prepared per connection; 0 switches it off.</summary>
    [Range(0, 10_000)]
    public int MaxAutoPrepare { get; set; } = 128;

    [Range(1, 1000)]
    public int AutoPrepareMinUsages { get; set; } = 2;

    public bool NoResetOnClose { get; set; } = true;
}

/// <summary><c>Seed:*</c>.</summary>
public sealed class SeedSettings : IRegistrySettings
{
    public static string Section => "Seed";

    /// <summary>Add the seed records the database lacks (never overwrites or resurrects what an admin changed).</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary><c>Auth:*</c>.</summary>
public sealed class AuthSettings : IRegistrySettings
{
    public static string Section => "Auth";

    /// <summary>A key that works as Admin, for first-time setup; none by default.</summary>
    public string? BootstrapAdminKey { get; set; }
}

/// <summary><c>Limits:*</c>: request size limits (Kestrel's, and the API's own body limit).</summary>
public sealed class LimitsSettings : IRegistrySettings
{
    public static string Section => "Limits";

    /// <summary>413 beyond it; the import sets its own, larger limit.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    [Range(1024, int.MaxValue)]
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    [Range(1, 10_000)]
    public int MaxRequestHeaderCount { get; set; } = 64;

    [Range(256, int.MaxValue)]
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;
}

/// <summary><c>RateLimiting:*</c>: per-caller windows under <c>/api</c>, and the caps on concurrent searches and on exports.</summary>
public sealed class RateLimitingSettings : IRegistrySettings
{
    public static string Section => "RateLimiting";

    /// <summary>The per-caller limits; the concurrency cap on expensive operations stays on regardless.</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, int.MaxValue)]
    public int AnonymousPermitLimit { get; set; } = 300;

    [Range(1, int.MaxValue)]
    public int KeyPermitLimit { get; set; } = 1200;

    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;

    [Range(1, 10_000)]
    public int ExpensiveConcurrencyLimit { get; set; } = 8;

    /// <summary>Expensive requests that wait for a slot before the next gets 429.</summary>
    [Range(0, 10_000)]
    public int ExpensiveQueueLimit { get; set; } = 16;

    /// <summary>
    /// Searches running at once; 0: one per processor of this machine. A search is CPU work in PostgreSQL and here:
    /// more at once than there are cores only makes them share the cores (bench/README.md). Where PostgreSQL runs on
    /// a machine of its own, its cores count too.
    /// </summary>
    [Range(0, 10_000)]
    public int SearchConcurrencyLimit { get; set; }

    /// <summary>Searches that wait for a slot, oldest first, before the next gets 429.</summary>
    [Range(0, 10_000)]
    public int SearchQueueLimit { get; set; } = 64;

    /// <summary>
    /// Other reads under <c>/api</c> that the output cache did not answer, running at once (each until its answer is
    /// ready to send); 0: one per processor, as for searches and for the same reason.
    /// </summary>
    [Range(0, 10_000)]
    public int ReadConcurrencyLimit { get; set; }

    /// <summary>Reads that wait for a slot, oldest first, before the next gets 429.</summary>
    [Range(0, 100_000)]
    public int ReadQueueLimit { get; set; } = 256;
}

/// <summary><c>OutputCache:*</c>: the in-memory cache of anonymous reads (one API process per database assumed).</summary>
public sealed class OutputCacheSettings : IRegistrySettings
{
    public static string Section => "OutputCache";

    public bool Enabled { get; set; } = true;

    [Range(1, 86_400)]
    public int Seconds { get; set; } = 60;

    [Range(1024, long.MaxValue)]
    public long SizeLimitBytes { get; set; } = 32L * 1024 * 1024;
}

/// <summary><c>TotalCountCache:*</c>: a list's <c>totalCount</c> remembered per filter until the next write.</summary>
public sealed class TotalCountCacheSettings : IRegistrySettings
{
    public static string Section => "TotalCountCache";

    public bool Enabled { get; set; } = true;

    [Range(1, 86_400)]
    public int Seconds { get; set; } = 60;

    [Range(1, 10_000_000)]
    public int MaxEntries { get; set; } = 10_000;
}

/// <summary><c>Cors:*</c>.</summary>
public sealed class CorsSettings : IRegistrySettings, IValidatableObject
{
    public static string Section => "Cors";

    /// <summary>Browser origins (<c>https://app.example</c>: scheme, host, optional port, no path) allowed to call the API.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A browser sends its origin without a path or trailing slash; anything else would silently never match.
        if (AllowedOrigins.Any(o => !Uri.TryCreate(o, UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || o.EndsWith('/')))
        {
            yield return new ValidationResult(
                "must hold origins such as https://app.example (scheme, host and optional port; no path or trailing slash)",
                [nameof(AllowedOrigins)]);
        }
    }
}

/// <summary><c>Host:*</c>.</summary>
public sealed class HostSettings : IRegistrySettings
{
    public static string Section => "Host";

    /// <summary>On SIGTERM, how long running requests get to finish.</summary>
    [Range(0, 3600)]
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}

/// <summary><c>OpenTelemetry:*</c>: traces and metrics over OTLP.</summary>
public sealed class OpenTelemetrySettings : IRegistrySettings, IValidatableObject
{
    public static string Section => "OpenTelemetry";

    public bool Enabled { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string ServiceName { get; set; } = "ildregistry-api";

    /// <summary>Empty: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> if set.</summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpProtocol OtlpProtocol { get; set; } = OtlpProtocol.Grpc;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint)
            && !(Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("must be an absolute URL such as http://collector:4317", [nameof(OtlpEndpoint)]);
        }
    }
}

public enum OtlpProtocol
{
    Grpc,
    Http,
}

/// <summary><c>Diagnostics:*</c>.</summary>
public sealed class DiagnosticsSettings : IRegistrySettings
{
    public static string Section => "Diagnostics";

    /// <summary>Adds <c>X-Query-Count</c> (SQL commands per request) to answers, for tests and benchmarks.</summary>
    public bool QueryCountHeader { get; set; }
}

/// <summary><c>Export:*</c>: the whole-registry export, written as a dated snapshot file.</summary>
public sealed class ExportSettings : IRegistrySettings
{
    public static string Section => "Export";

    /// <summary>Where the dated snapshot files are written; one per format is kept.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SnapshotDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "ildregistry-export");

    /// <summary>How long a snapshot is served while nothing is written (a write makes the next export a new one).</summary>
    [Range(1, 31_536_000)]
    public int SnapshotMaxAgeSeconds { get; set; } = 3600;
}

/// <summary><c>OpenApi:*</c>: the OpenAPI document.</summary>
public sealed class OpenApiSettings : IRegistrySettings, IValidatableObject
{
    public static string Section => "OpenApi";

    /// <summary>
    /// The document's <c>servers</c> URL. Configured, never taken from the request: a <c>Host</c> header is the
    /// client's to choose, and a document echoing it would send generated clients wherever a request said. The
    /// default, <c>/</c>, is resolved against wherever the document was fetched from.
    /// </summary>
    public string ServerUrl { get; set; } = "/";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ServerUrl != "/" && !(Uri.TryCreate(ServerUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("must be / or an absolute http(s) URL.", [nameof(ServerUrl)]);
        }
    }
}

/// <summary><c>Reconciliation:*</c>: the W3C reconciliation service under <c>/api/v1/reconcile</c>.</summary>
public sealed class ReconciliationSettings : IRegistrySettings, IValidatableObject
{
    public static string Section => "Reconciliation";

    /// <summary>
    /// The public address the manifest's view, preview, suggest and extend URLs start with (OpenRefine needs them
    /// absolute, since it opens previews in its own page). Unset: the address the manifest was fetched from, as the
    /// forwarded headers of trusted proxies give it.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Queries in one batch (OpenRefine sends 10 at a time).</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(PublicBaseUrl) && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
