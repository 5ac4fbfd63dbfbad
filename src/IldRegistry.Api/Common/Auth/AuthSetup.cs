using IldRegistry.Data.Auditing;
using IldRegistry.Domain.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

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

/// <summary>A write: needs an Editor or Admin key (what <see cref="WritesNeedEditorConvention"/> gives every write).</summary>
public sealed class EditorAttribute : AuthorizeAttribute
{
    public EditorAttribute() => Policy = Policies.Editor;
}

/// <summary>Marks an Admin-only operation.</summary>
public sealed class AdminAttribute : AuthorizeAttribute
{
    public AdminAttribute() => Policy = Policies.Admin;
}

/// <summary>
/// Every write needs an Editor key unless the action says otherwise ([Admin], or [AllowAnonymous]): an action that
/// answers POST, PUT, PATCH or DELETE without an authorization attribute of its own gets the Editor policy, so a new
/// write endpoint is protected without anyone remembering an attribute. Reads stay anonymous.
/// </summary>
internal sealed class WritesNeedEditorConvention : IActionModelConvention
{
    private static readonly string[] Writes = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public void Apply(ActionModel action)
    {
        var declared = action.Attributes.Concat(action.Controller.Attributes);
        if (declared.Any(a => a is IAuthorizeData or IAllowAnonymous))
        {
            return;
        }

        foreach (var selector in action.Selectors)
        {
            var methods = selector.EndpointMetadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods);
            if (methods.Any(m => Writes.Contains(m, StringComparer.OrdinalIgnoreCase)))
            {
                selector.EndpointMetadata.Add(new EditorAttribute());
            }
        }
    }
}
