using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common.Settings;

/// <summary>A class of settings bound from one configuration section (<see cref="Section"/>), with its defaults.</summary>
public interface IRegistrySettings
{
    static abstract string Section { get; }
}

/// <summary>
/// Every settings class of the API, bound and validated the same way: at start (<c>ValidateOnStart</c>, and before the
/// host is built, since some settings shape the services), where a bad value stops the program with a message naming
/// its key. README's configuration tables list exactly the keys these classes declare (a unit test checks both ways).
/// </summary>
public static class RegistrySettings
{
    /// <summary>The settings classes and their sections: a new class is added here, and documented in the README.</summary>
    public static IReadOnlyList<SettingsSection> All { get; } =
    [
        SettingsSection.Of<DatabaseSettings>(),
        SettingsSection.Of<SeedSettings>(),
        SettingsSection.Of<AuthSettings>(),
        SettingsSection.Of<LimitsSettings>(),
        SettingsSection.Of<RateLimitingSettings>(),
        SettingsSection.Of<OutputCacheSettings>(),
        SettingsSection.Of<TotalCountCacheSettings>(),
        SettingsSection.Of<CorsSettings>(),
        SettingsSection.Of<HostSettings>(),
        SettingsSection.Of<OpenTelemetrySettings>(),
        SettingsSection.Of<DiagnosticsSettings>(),
        SettingsSection.Of<ExportSettings>(),
        SettingsSection.Of<OpenApiSettings>(),
        SettingsSection.Of<ReconciliationSettings>(),
        SettingsSection.Of<Scaling.InvalidationOptions>(),
        SettingsSection.Of<Scaling.ProxyOptions>(),
        SettingsSection.Of<Scaling.StandbyOptions>(),
        SettingsSection.Of<Scaling.SharedCacheOptions>(),
    ];

    /// <summary>Registers every settings class as options, validated at start.</summary>
    public static IServiceCollection AddRegistrySettings(this IServiceCollection services)
    {
        foreach (var section in All)
        {
            section.Register(services);
        }

        return services;
    }

    /// <summary>Binds and validates every section now; throws <see cref="OptionsValidationException"/> naming each bad key.</summary>
    public static void ValidateAll(IConfiguration configuration)
    {
        var failures = All.SelectMany(s => s.Failures(configuration)).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(RegistrySettings), typeof(RegistrySettings), failures);
        }
    }

    /// <summary>The bound, validated settings of <typeparamref name="T"/>, for code that runs while services are registered.</summary>
    public static T Settings<T>(this IConfiguration configuration)
        where T : class, IRegistrySettings, new()
    {
        var failures = new List<string>();
        var settings = Bind<T>(configuration, failures);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(T.Section, typeof(T), failures);
        }

        return settings;
    }

    internal static T Bind<T>(IConfiguration configuration, List<string> failures)
        where T : class, IRegistrySettings, new()
    {
        var settings = new T();
        try
        {
            configuration.GetSection(T.Section).Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            // The binder's own message names the key and the value: "Failed to convert configuration value 'x' at 'Database:…'".
            failures.Add(e.Message);
            return settings;
        }

        failures.AddRange(Validate(T.Section, settings));
        return settings;
    }

    /// <summary>The data annotations and <see cref="IValidatableObject"/> rules of one bound section, each naming its key.</summary>
    internal static IEnumerable<string> Validate(string section, object settings)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                var key = member.Length == 0 ? section : $"{section}:{member}";
                var message = result.ErrorMessage ?? "is invalid.";
                var prefix = $"The field {member} ";
                message = message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
                var value = member.Length == 0 ? null : settings.GetType().GetProperty(member)?.GetValue(settings);
                yield return string.Create(CultureInfo.InvariantCulture, $"{key} {message.TrimEnd('.')} (it is '{Format(value)}').");
            }
        }
    }

    private static string? Format(object? value) => value is System.Collections.IEnumerable list and not string
        ? string.Join(", ", list.Cast<object?>())
        : Convert.ToString(value, CultureInfo.InvariantCulture);

    private sealed class SectionValidator<T> : IValidateOptions<T>
        where T : class, IRegistrySettings
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            RegistrySettings.Validate(T.Section, options).ToList() is { Count: > 0 } failures
                ? ValidateOptionsResult.Fail(failures)
                : ValidateOptionsResult.Success;
    }

    /// <summary>One settings class and its configuration section.</summary>
    public sealed record SettingsSection(string Name, Type Type, Action<IServiceCollection> Register, Func<IConfiguration, IEnumerable<string>> Failures)
    {
        public static SettingsSection Of<T>()
            where T : class, IRegistrySettings, new() => new(
            T.Section,
            typeof(T),
            services =>
            {
                services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
                services.AddSingleton<IValidateOptions<T>, SectionValidator<T>>();
            },
            configuration =>
            {
                var failures = new List<string>();
                Bind<T>(configuration, failures);
                return failures;
            });
    }
}
