using System.Linq.Expressions;
using IldRegistry.Api.Common.Resources;
using IldRegistry.Data.Seed;
using IldRegistry.Domain.Common;
using IldRegistry.Domain.Sources;

namespace IldRegistry.Api.Features.Sources;

/// <summary>Sources: what the registry knows about the resource (see <see cref="IResourceDefinition"/>).</summary>
internal sealed class SourceResource : ResourceDefinition<SourceDocument, SourceRequest>
{
    /// <summary>The collection: route segment, table, export section.</summary>
    public const string Name = "sources";

    public const string Route = "api/v1/" + Name;

    // First in the export and the import: every other resource's citations point at sources.
    public SourceResource()
        : base(order: -1, singular: "source", collection: Name)
    {
    }

    public override Entity Example => Seeded(ArticleSource.Id);

    public override SearchColumns Search => new("Source", "title", null, "notes");

    public override Expression<Func<SourceDocument, string>> Label => s => s.Title;

    public override Expression<Func<SourceDocument, SourceRequest>> ToRequest => s => new SourceRequest
    {
        Title = s.Title,
        Url = s.Url,
        Publisher = s.Publisher,
        Published = s.Published,
        Language = s.Language,
        Weight = s.Weight,
        Notes = s.Notes,
    };

    public override void Apply(SourceRequest request, SourceDocument source)
    {
        source.Title = request.Title;
        source.Url = request.Url;
        source.Publisher = request.Publisher;
        source.Published = request.Published;
        source.Language = request.Language;
        source.Weight = request.Weight;
        source.Notes = request.Notes;
    }
}
