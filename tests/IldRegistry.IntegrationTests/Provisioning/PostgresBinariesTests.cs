using IldRegistry.LocalPostgres;

namespace IldRegistry.IntegrationTests.Provisioning;

public sealed class PostgresBinariesTests : IDisposable
{
    private const string MachineBin = "/usr/lib/postgresql/15/bin";

    private readonly string _root = Directory.CreateTempSubdirectory("ildregistry-pgbin-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FindReturnsNullWhenNoBinariesAreAnywhere()
    {
        var emptyPathDirectory = CreateDirectory("empty-path");

        var found = PostgresBinaries.Find(
            pgBin: null, pathVariable: emptyPathDirectory, usrLibPostgresql: Path.Combine(_root, "does-not-exist"));

        Assert.Null(found);
    }

    [Fact]
    public void FindPrefersPgBinOverPathAndUsrLib()
    {
        var pgBin = CreateFakeBinDirectory("pg-bin");
        var onPath = CreateFakeBinDirectory("on-path");
        var usrLib = CreateDirectory("usr-lib");
        CreateFakeBinDirectory(Path.Combine("usr-lib", "16", "bin"));

        Assert.Equal(pgBin, PostgresBinaries.Find(pgBin, onPath, usrLib));
    }

    [Fact]
    public void FindIgnoresAPgBinWithoutTheBinaries()
    {
        var incomplete = CreateDirectory("incomplete");
        File.WriteAllText(Path.Combine(incomplete, "initdb"), string.Empty);
        var onPath = CreateFakeBinDirectory("on-path");

        Assert.Equal(onPath, PostgresBinaries.Find(incomplete, onPath, Path.Combine(_root, "does-not-exist")));
    }

    [Fact]
    public void FindFollowsAPathSymlinkToTheRealBinaryDirectory()
    {
        var real = CreateFakeBinDirectory("real-bin");
        var links = CreateDirectory("links");
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.CreateSymbolicLink(Path.Combine(links, tool), Path.Combine(real, tool));
        }

        var path = string.Join(Path.PathSeparator, CreateDirectory("nothing-here"), links);

        Assert.Equal(real, PostgresBinaries.Find(null, path, Path.Combine(_root, "does-not-exist")));
    }

    [Fact]
    public void FindTakesTheNewestUsrLibVersionByNumber()
    {
        var usrLib = CreateDirectory("usr-lib");
        CreateFakeBinDirectory(Path.Combine("usr-lib", "9.6", "bin"));
        var ten = CreateFakeBinDirectory(Path.Combine("usr-lib", "10", "bin"));
        CreateDirectory(Path.Combine("usr-lib", "11", "bin")); // no binaries: skipped
        CreateFakeBinDirectory(Path.Combine("usr-lib", "not-a-version", "bin"));

        Assert.Equal(ten, PostgresBinaries.Find(null, CreateDirectory("empty-path"), usrLib));
    }

    [Fact]
    public void FindFallsBackToUsrLibPostgresqlOnThisMachine()
    {
        Assert.SkipUnless(PostgresBinaries.ContainsServerBinaries(MachineBin), $"{MachineBin} is not installed here.");

        Assert.Equal(MachineBin, PostgresBinaries.Find(null, CreateDirectory("empty-path")));
    }

    [Fact]
    public void FindWithTheProcessEnvironmentFindsTheMachineBinaries()
    {
        Assert.SkipUnless(PostgresBinaries.ContainsServerBinaries(MachineBin), $"{MachineBin} is not installed here.");

        var found = PostgresBinaries.Find();

        Assert.NotNull(found);
        Assert.True(PostgresBinaries.ContainsServerBinaries(found));
    }

    [Fact]
    public void FindLetsPgBinWinOverTheMachineBinaries()
    {
        var pgBin = CreateFakeBinDirectory("pg-bin");

        Assert.Equal(pgBin, PostgresBinaries.Find(pgBin, Environment.GetEnvironmentVariable("PATH")));
    }

    private string CreateDirectory(string relative) => Directory.CreateDirectory(Path.Combine(_root, relative)).FullName;

    private string CreateFakeBinDirectory(string relative)
    {
        var directory = CreateDirectory(relative);
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.WriteAllText(Path.Combine(directory, tool), string.Empty);
        }

        return directory;
    }
}
