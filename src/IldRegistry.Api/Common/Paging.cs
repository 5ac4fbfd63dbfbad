using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.WebUtilities;

namespace IldRegistry.Api.Common;

/// <summary>Paging parameters shared by every list.</summary>
public sealed record PageQuery
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 200;

    /// <summary>1-based page number.</summary>
    [Range(1, 1_000_000)]
    public int Page { get; init; } = 1;

    /// <summary>Items per page, 1 to 200.</summary>
    [Range(1, MaxPageSize)]
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>
    /// Keyset paging: the id of the last record you received; the answer continues right after it in the same sort
    /// (deep pages cost what the first does). Use with the same filters and sort, without <c>page</c>.
    /// </summary>
    public Guid? After { get; init; }

    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    [System.Text.Json.Serialization.JsonIgnore]
    public int Skip => (Page - 1) * PageSize;
}

/// <summary>One page of a list.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

internal static class PagingHttpExtensions
{
    /// <summary>Adds an RFC 8288 <c>Link</c> header with first, prev, next and last.</summary>
    public static void AddPageLinks<T>(this HttpResponse response, PagedResult<T> page)
    {
        var request = response.HttpContext.Request;
        var lastPage = Math.Max(1, (int)Math.Ceiling(page.TotalCount / (double)page.PageSize));
        var links = new List<string> { Link(request, 1, page.PageSize, "first") };
        if (page.Page > 1)
        {
            links.Add(Link(request, Math.Min(page.Page - 1, lastPage), page.PageSize, "prev"));
        }

        if (page.Page < lastPage)
        {
            links.Add(Link(request, page.Page + 1, page.PageSize, "next"));
        }

        links.Add(Link(request, lastPage, page.PageSize, "last"));
        response.Headers.Link = string.Join(", ", links);
    }

    private static string Link(HttpRequest request, int page, int pageSize, string rel)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !p.Key.Equals("page", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("pageSize", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var url = QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", query);
        return $"<{url}>; rel=\"{rel}\"";
    }
}
