using IldRegistry.Domain.Auditing;

namespace IldRegistry.Api.Features.Changes;

/// <summary>One page of the change feed.</summary>
/// <param name="Items">The committed changes after the cursor, oldest first (at most <c>limit</c>).</param>
/// <param name="Next">The cursor to ask with next (<c>?after=</c>); the same cursor when nothing new has committed yet.</param>
/// <param name="HasMore">Whether more changes are ready now (ask again at once); when false, wait <c>Retry-After</c> seconds.</param>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeItem> Items, string Next, bool HasMore);

/// <summary>One committed change of one record.</summary>
/// <param name="Cursor">This change's place in the feed: asking with <c>?after=</c> this value answers the changes after it.</param>
/// <param name="Type">The record's collection, as in the export's sections (<c>departments</c>).</param>
/// <param name="Id">The record's id.</param>
/// <param name="Action">Created, Updated, Deleted or Restored (an import's writes are creates and updates).</param>
/// <param name="Version">
/// The row version this change wrote: the part of the record's <c>ETag</c> before the dash (<c>"742-…"</c>). A GET of
/// <c>href</c> that answers a higher version has changed again since, and that change follows in the feed.
/// </param>
/// <param name="At">When the change was made.</param>
/// <param name="Actor">The name of the API key that made it, or <c>system</c>.</param>
/// <param name="Href">The record's URL (410 Gone after a delete).</param>
public sealed record ChangeItem(string Cursor, string Type, Guid Id, AuditAction Action, uint Version, DateTimeOffset At, string Actor, string Href);
