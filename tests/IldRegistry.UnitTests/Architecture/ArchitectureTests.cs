using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IldRegistry.Api.Common;
using IldRegistry.Data;
using IldRegistry.Domain.Common;
using NetArchTest.Rules;

namespace IldRegistry.UnitTests.Architecture;

/// <summary>
/// The layering the compiler does not check by itself: Api → Data → Domain, never back; Domain on the BCL alone; and
/// features that use each other only through their contracts.
/// </summary>
public sealed class ArchitectureTests
{
    private const string FeaturesNamespace = "IldRegistry.Api.Features";

    private static readonly Assembly Domain = typeof(Entity).Assembly;
    private static readonly Assembly Data = typeof(RegistryDbContext).Assembly;
    private static readonly Assembly Api = typeof(DatabaseStartup).Assembly;

    [Fact]
    public void Domain_references_nothing_but_the_base_class_library()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var foreign = Domain.GetReferencedAssemblies()
            .Where(a => !File.Exists(Path.Combine(runtime, a.Name + ".dll")))
            .Select(a => a.Name);

        Assert.Empty(foreign);
    }

    [Fact]
    public void Data_references_neither_the_api_nor_asp_net_core_nor_the_dev_tooling()
    {
        string[] forbidden = ["IldRegistry.Api", "IldRegistry.LocalPostgres", "Microsoft.AspNetCore"];

        Assert.DoesNotContain(Data.GetReferencedAssemblies(), a => forbidden.Any(f => a.Name!.StartsWith(f, StringComparison.Ordinal)));
        AssertSuccess(Types.InAssembly(Data).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), "Data depends on");
    }

    [Fact]
    public void Only_database_startup_uses_the_dev_tooling_which_a_release_build_does_not_have()
    {
        var result = Types.InAssembly(Api)
            .That().DoNotHaveName(nameof(DatabaseStartup))
            .ShouldNot().HaveDependencyOnAny("IldRegistry.LocalPostgres")
            .GetResult();

        AssertSuccess(result, "outside DatabaseStartup (behind LOCAL_POSTGRES), Api uses IldRegistry.LocalPostgres in");
    }

    /// <summary>
    /// A feature may use another feature's contracts (its records and enums: requests, responses, refs, list queries)
    /// but not its classes (services, validators, controllers, query and mapping helpers): those are its internals.
    /// </summary>
    [Fact]
    public void A_feature_uses_another_feature_only_through_its_contracts()
    {
        var found = Violations().Select(v => $"{v.From} -> {v.To}").Order(StringComparer.Ordinal).ToList();

        var added = found.Except(KnownViolations.Today, StringComparer.Ordinal).ToList();
        Assert.True(added.Count == 0, "A feature uses another's internals: " + string.Join(", ", added));
        Assert.True(
            KnownViolations.Today.All(found.Contains),
            "Gone, so remove them from KnownViolations: " + string.Join(", ", KnownViolations.Today.Except(found, StringComparer.Ordinal)));
    }

    /// <summary>Every (feature, other feature's internal type) pair where the first depends on the second.</summary>
    internal static IEnumerable<(string From, string To)> Violations()
    {
        var types = Types.InAssembly(Api);
        foreach (var feature in Features())
        {
            foreach (var other in Internals().Where(t => Feature(t) != feature))
            {
                var result = types.That().ResideInNamespace($"{FeaturesNamespace}.{feature}")
                    .ShouldNot().HaveDependencyOnAny(other.FullName!)
                    .GetResult();
                if (!result.IsSuccessful)
                {
                    yield return (feature, $"{Feature(other)}.{other.Name}");
                }
            }
        }
    }

    private static IEnumerable<string> Features() => Api.GetTypes()
        .Where(t => t.Namespace?.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) == true)
        .Select(Feature)
        .Distinct()
        .Order(StringComparer.Ordinal);

    private static IEnumerable<Type> Internals() => Api.GetTypes().Where(t =>
        t.Namespace?.StartsWith(FeaturesNamespace + ".", StringComparison.Ordinal) == true
        && !t.IsNested
        && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null
        && t is { IsClass: true }
        && !IsRecord(t));

    private static bool IsRecord(Type type) => type.GetMethod("<Clone>$") is not null || type.GetProperty("EqualityContract", BindingFlags.NonPublic | BindingFlags.Instance) is not null;

    private static string Feature(Type type) => type.Namespace![(FeaturesNamespace.Length + 1)..].Split('.')[0];

    private static void AssertSuccess(NetArchTest.Rules.TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what}: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
}
