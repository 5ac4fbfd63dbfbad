using System.Reflection;
using System.Text.RegularExpressions;
using IldRegistry.Api.Common.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IldRegistry.UnitTests.Settings;

public sealed partial class SettingsTests
{
    /// <summary>Keys that are documented and read, but not through a settings class (ASP.NET Core reads them itself).</summary>
    private static readonly string[] _frameworkKeys = ["ConnectionStrings:Registry", "ConnectionStrings:RegistryStandby"];

    [Fact]
    public void The_defaults_and_every_appsettings_file_are_valid()
    {
        RegistrySettings.ValidateAll(new ConfigurationBuilder().Build());
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
        {
            RegistrySettings.ValidateAll(new ConfigurationBuilder().AddJsonFile(file).Build());
        }
    }

    [Theory]
    [InlineData("Database:ConnectTimeoutSeconds", "0", "Database:ConnectTimeoutSeconds must be between 1 and 600 (it is '0').")]
    [InlineData("Database:StatementTimeoutMilliseconds", "-1", "Database:StatementTimeoutMilliseconds must be between 0 and 3600000 (it is '-1').")]
    [InlineData("Database:KeepAliveSeconds", "ten", "'Database:KeepAliveSeconds'")]
    [InlineData("Database:MigrateOnStartup", "yes", "'Database:MigrateOnStartup'")]
    [InlineData("Limits:MaxRequestLineBytes", "10", "Limits:MaxRequestLineBytes must be between 256 and")]
    [InlineData("Limits:MaxRequestBodyBytes", "1e6", "'Limits:MaxRequestBodyBytes'")]
    [InlineData("RateLimiting:WindowSeconds", "0", "RateLimiting:WindowSeconds must be between 1 and 86400 (it is '0').")]
    [InlineData("OutputCache:SizeLimitBytes", "-5", "OutputCache:SizeLimitBytes must be between 1024 and")]
    [InlineData("TotalCountCache:MaxEntries", "0", "TotalCountCache:MaxEntries must be between 1 and 10000000 (it is '0').")]
    [InlineData("Host:ShutdownTimeoutSeconds", "-1", "Host:ShutdownTimeoutSeconds must be between 0 and 3600 (it is '-1').")]
    [InlineData("Cors:AllowedOrigins:0", "https://app.example/", "Cors:AllowedOrigins must hold origins such as https://app.example")]
    [InlineData("Cors:AllowedOrigins:0", "app.example", "(it is 'app.example').")]
    [InlineData("OpenTelemetry:OtlpProtocol", "tcp", "'OpenTelemetry:OtlpProtocol'")]
    [InlineData("OpenTelemetry:OtlpEndpoint", "collector:4317", "OpenTelemetry:OtlpEndpoint must be an absolute URL")]
    [InlineData("OpenTelemetry:ServiceName", "", "OpenTelemetry:ServiceName")]
    public void A_bad_value_fails_with_a_message_naming_its_key(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var e = Assert.Throws<OptionsValidationException>(() => RegistrySettings.ValidateAll(configuration));

        var failure = Assert.Single(e.Failures);
        Assert.Contains(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_key_is_reported_at_once_and_good_values_pass()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:ConnectTimeoutSeconds"] = "0",
            ["RateLimiting:KeyPermitLimit"] = "0",
            ["RateLimiting:AnonymousPermitLimit"] = "5",
            ["Cors:AllowedOrigins:0"] = "https://app.example",
            ["Cors:AllowedOrigins:1"] = "http://localhost:3000",
            ["OpenTelemetry:OtlpProtocol"] = "HTTP",
        }).Build();

        var e = Assert.Throws<OptionsValidationException>(() => RegistrySettings.ValidateAll(configuration));

        Assert.Equal(2, e.Failures.Count());
        Assert.Contains(e.Failures, f => f.StartsWith("Database:ConnectTimeoutSeconds ", StringComparison.Ordinal));
        Assert.Contains(e.Failures, f => f.StartsWith("RateLimiting:KeyPermitLimit ", StringComparison.Ordinal));
        Assert.Equal(OtlpProtocol.Http, configuration.Settings<OpenTelemetrySettings>().OtlpProtocol);
        Assert.Equal(["https://app.example", "http://localhost:3000"], configuration.Settings<CorsSettings>().AllowedOrigins);
        Assert.Throws<OptionsValidationException>(() => configuration.Settings<RateLimitingSettings>());
    }

    [Fact]
    public void The_readme_documents_every_declared_key_and_nothing_else()
    {
        var declared = DeclaredKeys().Concat(_frameworkKeys).ToHashSet(StringComparer.Ordinal);
        var documented = DocumentedKeys();

        Assert.Empty(declared.Except(documented).Order(StringComparer.Ordinal));
        Assert.Empty(documented.Except(declared).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_key_in_the_appsettings_files_is_declared()
    {
        var declared = DeclaredKeys().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
        {
            var keys = new ConfigurationBuilder().AddJsonFile(file).Build().AsEnumerable()
                .Where(kv => kv.Value is not null)
                .Select(kv => ArrayIndex().Replace(kv.Key, string.Empty))
                .Where(k => !k.StartsWith("Logging:", StringComparison.Ordinal) && k != "AllowedHosts");
            Assert.All(keys, k => Assert.True(declared.Contains(k), $"{Path.GetFileName(file)}: {k} is not declared by a settings class"));
        }
    }

    private static IEnumerable<string> DeclaredKeys() =>
        RegistrySettings.All.SelectMany(section => section.Type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => $"{section.Name}:{p.Name}"));

    /// <summary>Every <c>`Section:Key`</c> in the README's configuration section (up to the next heading).</summary>
    private static HashSet<string> DocumentedKeys()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var start = readme.IndexOf("\n## Configuration\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end];

        // Only table rows: the prose around them may mention ASP.NET Core's own keys.
        var rows = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        return rows
            .Select(row => row.Split('|')[1])
            .SelectMany(cell => BacktickedKey().Matches(cell).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"`([A-Za-z]+:[A-Za-z]+)`")]
    private static partial Regex BacktickedKey();

    [GeneratedRegex(@":\d+$")]
    private static partial Regex ArrayIndex();
}
