using IldRegistry.Api.Common;
using IldRegistry.Api.Common.Auth;
using IldRegistry.Api.Common.Hardening;
using IldRegistry.Api.Common.Settings;
using IldRegistry.Data;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

string connectionString;
try
{
    // Before anything uses a setting: a bad value stops the program here, with a line per bad key.
    RegistrySettings.ValidateAll(builder.Configuration);
    connectionString = await DatabaseStartup.ResolveConnectionStringAsync(builder);
}
catch (OptionsValidationException e)
{
    await Console.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, e.Failures));
    return 1;
}
catch (DatabaseNotConfiguredException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

builder.ConfigureRegistryHost();
builder.Services.AddRegistryApi(connectionString, builder.Configuration);
var app = builder.Build();

if (KeysCommand.IsKeysCommand(args))
{
    await DatabaseStartup.InitializeAsync(app, seed: false);
    await using var scope = app.Services.CreateAsyncScope();
    return await KeysCommand.RunAsync(
        args, scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), TimeProvider.System, Console.Out, Console.Error);
}

await DatabaseStartup.InitializeAsync(app);
app.UseRegistryApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, public so that integration tests can host the API.</summary>
public partial class Program;
