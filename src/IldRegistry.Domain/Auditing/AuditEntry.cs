namespace IldRegistry.Domain.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    Restored,
}

/// <summary>One change to one record, written in the same transaction as the change.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public string EntityType { get; set; } = string.Empty;

    public Guid EntityId { get; set; }

    public AuditAction Action { get; set; }

    public string Actor { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    /// <summary>The changed fields before the change, as JSON.</summary>
    public string? Before { get; set; }

    /// <summary>The changed fields after the change, as JSON.</summary>
    public string? After { get; set; }
}
