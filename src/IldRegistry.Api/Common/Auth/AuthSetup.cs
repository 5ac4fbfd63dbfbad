using IldRegistry.Data.Auditing;
using IldRegistry.Domain.Auth;
using Microsoft.AspNetCore.Authorization;

namespace IldRegistry.Api.Common.Auth;

/// <summary>Policies: reads are anonymous; Editor may create, update, delete and restore; Admin may also import and manage keys.</summary>
public static class Policies
{
    public const string Editor = nameof(Editor);
    public const string Admin = nameof(Admin);
}

internal static class AuthSetup
{
    public static IServiceCollection AddRegistryAuth(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActor, HttpAuditActor>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, policy => policy.RequireRole(nameof(ApiKeyRole.Editor), nameof(ApiKeyRole.Admin)))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(nameof(ApiKeyRole.Admin)));
        return services;
    }

    /// <summary>The audit log's actor: the API key's name during a request, <c>system</c> otherwise.</summary>
    private sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
    {
        public string Name => http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "system";
    }
}

/// <summary>Marks a write: needs an Editor or Admin key.</summary>
public sealed class EditorAttribute : AuthorizeAttribute
{
    public EditorAttribute() => Policy = Policies.Editor;
}

/// <summary>Marks an Admin-only operation.</summary>
public sealed class AdminAttribute : AuthorizeAttribute
{
    public AdminAttribute() => Policy = Policies.Admin;
}
