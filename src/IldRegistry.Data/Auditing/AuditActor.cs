namespace IldRegistry.Data.Auditing;

/// <summary>Who is making the current change: the API key's name, or <c>system</c> for seeding and tools.</summary>
public interface IAuditActor
{
    string Name { get; }
}

/// <summary>The actor outside any request.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    public string Name => "system";
}
