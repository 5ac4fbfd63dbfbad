using IldRegistry.Api.Common;
using IldRegistry.Data.LocalPostgres;

var builder = WebApplication.CreateBuilder(args);

string connectionString;
try
{
    connectionString = await DatabaseStartup.ResolveConnectionStringAsync(builder);
}
catch (PostgresNotFoundException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

builder.Services.AddRegistryApi(connectionString);

var app = builder.Build();
await DatabaseStartup.InitializeAsync(app);
app.UseRegistryApi();
await app.RunAsync();
return 0;

/// <summary>The entry point, public so that integration tests can host the API.</summary>
public partial class Program;
