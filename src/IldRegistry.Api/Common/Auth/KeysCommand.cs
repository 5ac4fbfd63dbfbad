using IldRegistry.Data;
using IldRegistry.Domain.Auth;
using Microsoft.EntityFrameworkCore;

namespace IldRegistry.Api.Common.Auth;

/// <summary>
/// <c>keys create --name N --role Editor|Admin</c>, <c>keys list</c>, <c>keys revoke --name N</c>: key management
/// from the command line of the API itself, against the database it is configured for.
/// </summary>
internal static class KeysCommand
{
    public const string Usage =
        "usage: keys create --name NAME --role Editor|Admin | keys list | keys revoke --name NAME";

    public static bool IsKeysCommand(string[] args) => args.Length > 0 && args[0] == "keys";

    public static async Task<int> RunAsync(string[] args, RegistryDbContext db, TimeProvider clock, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var verb = args.Length > 1 ? args[1] : null;
        var name = Option(args, "--name");
        switch (verb)
        {
            case "create" when name is not null && Enum.TryParse<ApiKeyRole>(Option(args, "--role"), ignoreCase: true, out var role):
                if (await db.ApiKeys.AnyAsync(k => k.Name == name, ct))
                {
                    await error.WriteLineAsync($"A key named '{name}' already exists.");
                    return 1;
                }

                var key = ApiKeys.Generate();
                db.ApiKeys.Add(new ApiKey { Name = name, Role = role, Hash = ApiKeys.Hash(key), CreatedAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                await output.WriteLineAsync($"Created {role} key '{name}'. It is shown only this once:");
                await output.WriteLineAsync(key);
                return 0;
            case "list":
                foreach (var k in await db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync(ct))
                {
                    await output.WriteLineAsync($"{k.Name}\t{k.Role}\tcreated {k.CreatedAt:u}\t{(k.RevokedAt is { } at ? $"revoked {at:u}" : "active")}");
                }

                return 0;
            case "revoke" when name is not null:
                var stored = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == name, ct);
                if (stored is null)
                {
                    await error.WriteLineAsync($"No key named '{name}'.");
                    return 1;
                }

                stored.RevokedAt ??= clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                await output.WriteLineAsync($"Revoked '{name}'.");
                return 0;
            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? Option(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
