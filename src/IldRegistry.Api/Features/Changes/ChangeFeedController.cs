using System.Globalization;
using IldRegistry.Api.Common;
using Microsoft.AspNetCore.Mvc;

namespace IldRegistry.Api.Features.Changes;

/// <summary>The change feed: every committed change, for mirrors and scripts that follow the registry.</summary>
[ApiController]
[OwnValidators]
[Route("api/v1/changes")]
public sealed class ChangeFeedController(ChangeFeedService feed) : ControllerBase
{
    /// <summary>How long a reader that is up to date waits before asking again.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Every committed change (create, update, delete, restore, import), oldest first, after a cursor.</summary>
    /// <remarks>
    /// Start without <c>after</c> (or with <c>after=0</c>), then ask with the page's <c>next</c>. Each item names the
    /// record (<c>type</c>, <c>id</c>, <c>href</c>), what happened and the row version it wrote. The feed never skips
    /// a committed change behind a cursor it handed out, even when transactions commit in another order than they
    /// began, and never shows one that rolled back: a change appears once every transaction that began before it has
    /// ended. When <c>hasMore</c> is false the reader is up to date: the answer carries <c>Retry-After: 1</c>, and
    /// <c>next</c> is where to go on from. Answers are never cached (<c>Cache-Control: no-store</c>).
    /// <para>Example: <c>GET /api/v1/changes?after=7421-318&amp;limit=2</c> answers
    /// <c>{"items":[{"cursor":"7422-319","type":"departments","id":"…","action":"Updated","version":7422,
    /// "href":"/api/v1/departments/…",…}],"next":"7422-319","hasMore":false}</c>.</para>
    /// </remarks>
    /// <param name="after">A cursor from an earlier answer (an item's <c>cursor</c> or the page's <c>next</c>); empty or <c>0</c>: from the first change.</param>
    /// <param name="limit">At most this many items (1 to 1000, default 100).</param>
    /// <param name="ct">Aborts the read.</param>
    [HttpGet]
    [ProducesResponseType<ChangeFeedPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<ActionResult<ChangeFeedPage>> Read([FromQuery] string? after, [FromQuery] int? limit, CancellationToken ct)
    {
        var page = await feed.ReadAsync(after, limit, ct);
        Response.Headers.CacheControl = "no-store";
        if (!page.HasMore)
        {
            Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }

        Response.Headers.Link = $"<{Request.PathBase}{Request.Path}?after={Uri.EscapeDataString(page.Next)}>; rel=\"next\"";
        return page;
    }
}
