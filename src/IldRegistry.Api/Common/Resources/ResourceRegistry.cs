namespace IldRegistry.Api.Common.Resources;

/// <summary>
/// Every resource definition of the API, found once by reflection, in <see cref="IResourceDefinition.Order"/>: a new
/// resource is registered by writing its definition, and nothing that loops over the resources names it.
/// </summary>
public sealed class ResourceRegistry
{
    private readonly Dictionary<Type, IResourceDefinition> _byEntity;

    private ResourceRegistry(IEnumerable<IResourceDefinition> definitions)
    {
        All = [.. definitions.OrderBy(d => d.Order)];
        _byEntity = All.ToDictionary(d => d.EntityType);
    }

    public static ResourceRegistry Instance { get; } = new(
        typeof(ResourceRegistry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IResourceDefinition).IsAssignableFrom(t))
            .Select(t => (IResourceDefinition)Activator.CreateInstance(t)!));

    public IReadOnlyList<IResourceDefinition> All { get; }

    public IResourceDefinition For(Type entityType) => _byEntity[entityType];

    /// <summary>Every declared reference that points at records of <paramref name="target"/>.</summary>
    public IEnumerable<IReference> ReferencesTo(Type target) => All.SelectMany(d => d.References).Where(r => r.Target == target);
}
