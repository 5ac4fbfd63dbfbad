namespace IldRegistry.Domain.Auth;

public enum ApiKeyRole
{
    Editor,
    Admin,
}

/// <summary>A credential for writes. Only the key's hash is kept.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string Name { get; set; } = string.Empty;

    public ApiKeyRole Role { get; set; }

    public string Hash { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
