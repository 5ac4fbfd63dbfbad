using IldRegistry.IntegrationTests.Reliability;

namespace IldRegistry.IntegrationTests.Settings;

/// <summary>The API as a real process: a bad setting stops it at start, before it touches the database, naming the key.</summary>
public sealed class InvalidSettingsTests
{
    // Nothing listens there: the process must stop before it tries.
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=none;Username=none";

    [Theory]
    [InlineData("Database__KeepAliveSeconds", "-1", "Database:KeepAliveSeconds must be between 0 and 3600 (it is '-1').")]
    [InlineData("Host__ShutdownTimeoutSeconds", "soon", "'Host:ShutdownTimeoutSeconds'")]
    [InlineData("Limits__MaxRequestLineBytes", "0", "Limits:MaxRequestLineBytes must be between 256 and")]
    [InlineData("OutputCache__SizeLimitBytes", "-1", "OutputCache:SizeLimitBytes must be between 1024 and")]
    [InlineData("Cors__AllowedOrigins__0", "https://app.example/path", "Cors:AllowedOrigins must hold origins")]
    public async Task A_bad_value_stops_the_program_with_a_message_naming_the_key(string variable, string value, string expected)
    {
        var (exitCode, output) = await ApiProcess.RunToExitAsync(
            UnreachableDatabase, new Dictionary<string, string> { [variable] = value }, TestContext.Current.CancellationToken);

        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid configuration:", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }
}
