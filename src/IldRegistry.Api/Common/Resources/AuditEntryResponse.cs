using System.Text.Json;
using IldRegistry.Domain.Auditing;

namespace IldRegistry.Api.Common.Resources;

/// <summary>One change to one record.</summary>
/// <param name="Id">The entry's sequence number (later changes have larger numbers).</param>
/// <param name="EntityType">The kind of record (<c>Department</c>).</param>
/// <param name="EntityId">The record's id.</param>
/// <param name="Action">Created, Updated, Deleted or Restored.</param>
/// <param name="Actor">The name of the API key that made the change, or <c>system</c>.</param>
/// <param name="At">When the change was made.</param>
/// <param name="Before">The changed fields before the change (null for a creation).</param>
/// <param name="After">The changed fields after the change.</param>
public sealed record AuditEntryResponse(
    long Id,
    string EntityType,
    Guid EntityId,
    AuditAction Action,
    string Actor,
    DateTimeOffset At,
    JsonElement? Before,
    JsonElement? After);
