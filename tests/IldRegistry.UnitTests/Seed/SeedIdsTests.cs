using IldRegistry.Data.Seed;

namespace IldRegistry.UnitTests.Seed;

public sealed class SeedIdsTests
{
    [Fact]
    public void CreateMatchesTheRfcVersion5Algorithm()
    {
        // uuid5(NAMESPACE_DNS, "www.example.com"), as Python's uuid module computes it.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"), SeedIds.Create(dns, "www.example.com"));
    }

    [Fact]
    public void ForIsDeterministicVersion5AndDistinguishesKeys()
    {
        var id = SeedIds.For("person:lu-kang");

        Assert.Equal(id, SeedIds.For("person:lu-kang"));
        Assert.NotEqual(id, SeedIds.For("person:ma-hui"));
        Assert.Equal(5, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
    }
}
