using System.Security.Claims;
using System.Text.Encodings.Web;
using IldRegistry.Data;
using IldRegistry.Domain.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IldRegistry.Api.Common.Auth;

/// <summary>Reads an API key from <c>Authorization: Bearer …</c> or <c>X-Api-Key</c>. The key itself is never logged.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<Settings.AuthSettings> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string BootstrapName = "bootstrap-admin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = ReadKey(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiKeys.Hash(key);
        var bootstrap = auth.CurrentValue.BootstrapAdminKey;
        if (!string.IsNullOrEmpty(bootstrap) && ApiKeys.HashesEqual(hash, ApiKeys.Hash(bootstrap)))
        {
            return Success(BootstrapName, ApiKeyRole.Admin);
        }

        // Resolved only when a key was sent: anonymous reads never touch the database here.
        var db = Context.RequestServices.GetRequiredService<RegistryDbContext>();
        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Name, k.Role, k.Hash })
            .FirstOrDefaultAsync(Context.RequestAborted);
        return stored is not null && ApiKeys.HashesEqual(stored.Hash, hash)
            ? Success(stored.Name, stored.Role)
            : AuthenticateResult.Fail("The API key is not valid or has been revoked.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"ildregistry\", {HeaderName}";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"This operation needs an API key: send it as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "Your API key's role may not do this.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        return Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static AuthenticateResult Success(string name, ApiKeyRole role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
        {
            return header.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
