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

    /// <summary>
    /// The writing transaction's id (PostgreSQL's <c>pg_current_xact_id()</c>, set by the database): the change feed's
    /// order, and, in its low 32 bits, the row version (<c>xmin</c>) the change wrote.
    /// </summary>
    public long TransactionId { get; set; }

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
