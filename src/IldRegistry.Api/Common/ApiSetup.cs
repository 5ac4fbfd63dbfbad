using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using IldRegistry.Api.Common.Auth;
using IldRegistry.Api.Common.Hardening;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Api.Common.Scaling;
using IldRegistry.Data;
using IldRegistry.Data.Seed;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using IldRegistry.Api.Common.Validation;
using IldRegistry.Api.Features.Export;

namespace IldRegistry.Api.Common;

internal static class ApiSetup
{
    public static IServiceCollection AddRegistryApi(this IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddRegistrySettings();
        services.AddRegistryAuth();
        var database = configuration.Settings<DatabaseSettings>();
        var hardened = DatabaseFaults.Harden(connectionString, database);
        services.AddRegistryData(_ => hardened, DatabaseFaults.DataOptions(database));
        services.AddRegistryChangeListener(hardened);
        var standby = configuration.GetConnectionString(StandbyReads.ConnectionStringName);
        services.AddRegistryStandby(hardened, string.IsNullOrWhiteSpace(standby) ? null : DatabaseFaults.Harden(standby, database));
        services.AddRegistryForwardedHeaders();
        services.AddRegistrySharedCaching();
        services.AddRegistryRateLimits(configuration);
        services.AddRegistryOutputCache(configuration);
        services.AddRegistryCors(configuration);
        services.AddRegistryHsts();
        services.AddScoped<Resources.RecordedHistory>();
        services.AddExportSnapshots();
        services.Scan();

        // Tried before the default writer, which gives up (and leaves plain text) when Accept excludes JSON.
        services.AddSingleton<IProblemDetailsWriter, ApiProblemDetailsWriter>();
        services.AddSingleton<TotalCounts>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;

            // A URL no route matches (a malformed id among them) says so, like every other problem.
            if (context.ProblemDetails.Status == StatusCodes.Status404NotFound)
            {
                context.ProblemDetails.Detail ??= "Nothing is at this URL. A record's URL ends in its id, a UUID (departments also take their slug).";
            }

            // The W3C trace id: the value every log line of the request carries (TraceId) and tracing backends search by.
            context.ProblemDetails.Extensions["traceId"] = Activity.Current is { } activity
                ? activity.TraceId.ToHexString()
                : context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();

        services.AddControllers(options =>
            {
                options.Filters.Add<ValidationFilter>();
                options.Conventions.Add(new Auth.WritesNeedEditorConvention());
                options.Filters.Add<WritePreconditions>(WritePreconditions.FilterOrder);
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;

                // JSON only: one representation per resource keeps the OpenAPI document and the clients simple.
                options.OutputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.StringOutputFormatter>();
                options.OutputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.HttpNoContentOutputFormatter>();
                foreach (var formatter in options.OutputFormatters.OfType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonOutputFormatter>())
                {
                    formatter.SupportedMediaTypes.Remove("text/json");
                }

                foreach (var formatter in options.InputFormatters.OfType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>())
                {
                    formatter.SupportedMediaTypes.Remove("text/json");
                }
            })
            .AddJsonOptions(options => ConfigureJson(options.JsonSerializerOptions))
            // Binding errors are reported by ValidationFilter together with the rule errors, in one 400.
            .ConfigureApiBehaviorOptions(options => options.SuppressModelStateInvalidFilter = true);
        services.AddOptions<MvcOptions>().Configure<IOptions<JsonOptions>>((mvc, json) =>
            mvc.InputFormatters.Insert(0, new FieldByFieldJsonInputFormatter(json.Value.JsonSerializerOptions)));

        // Singletons: a validator builds its rules in its constructor and has no dependencies, and built per request
        // (the default, scoped) SearchQueryValidator's constructor alone took 3.3% of the API's CPU under searches
        // (perf, bench/README.md). FluentValidation's validators are thread-safe once built.
        services.AddValidatorsFromAssemblyContaining<ValidationFilter>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddHealthChecks().AddDbContextCheck<RegistryDbContext>("database", tags: ["ready"]);

        // A probe must answer quickly even when the database does not.
        services.Configure<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = TimeSpan.FromSeconds(database.HealthCheckTimeoutSeconds);
            }
        });
        services.AddRegistryOpenApi();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.Converters.Add(new NoNulStringConverter());
    }

    public static WebApplication UseRegistryApi(this WebApplication app)
    {
        app.UseRegistryForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseQueryCountHeader(app.Configuration);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHostileInputGuards();
        app.UseRequestBodyLimit(app.Configuration.Settings<LimitsSettings>().MaxRequestBodyBytes);
        app.UseCors();
        app.UseConditionalGet();
        app.UseSwagger(options =>
        {
            options.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            var serverUrl = OpenApiServers.ServerUrl(app.Services);
            options.PreSerializeFilters.Add((document, _) => document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = serverUrl }]);
        });
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/swagger/v1/swagger.json", "IldRegistry API v1");
            options.DocumentTitle = "IldRegistry API";
        });
        app.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.UseAuthentication();
        app.UseStandbyReads();

        // After authentication, so that callers with a key are limited per key rather than per address.
        app.UseRateLimiter();
        app.UseRegistryOutputCache(app.Configuration);
        app.UseWorkLimits();
        app.UseAuthorization();
        app.UseIdempotencyKeys();
        app.MapControllers();
        return app;
    }

    private static void Scan(this IServiceCollection services)
    {
        // One service class per feature folder, named *Service: registered scoped, like the DbContext they use.
        foreach (var type in typeof(ApiSetup).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && t.Name.EndsWith("Service", StringComparison.Ordinal) && !t.IsGenericTypeDefinition && t.Namespace?.Contains(".Features.", StringComparison.Ordinal) == true))
        {
            services.AddScoped(type);
        }
    }
}
