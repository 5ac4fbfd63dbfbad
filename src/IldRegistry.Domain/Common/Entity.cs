namespace IldRegistry.Domain.Common;

/// <summary>What every registry record has: an id, timestamps, soft delete, a concurrency token and sources.</summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the record is soft-deleted; a global query filter hides such records.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>PostgreSQL's <c>xmin</c>: changes on every update; exposed as the ETag.</summary>
    public uint Version { get; set; }

    public List<Source> Sources { get; set; } = [];

    /// <summary>Values claimed for the record's fields, each with its citations, one preferred per field (see <see cref="Claim"/>).</summary>
    public List<Claim> Claims { get; set; } = [];
}
