using System.Diagnostics;
using System.Globalization;
using IldRegistry.Domain.Common;
using Npgsql;

namespace IldRegistry.Bench.DataGen;

/// <summary>
/// Fills a migrated and seeded registry database with synthetic departments so that it holds about S times the seed:
/// the seed is department 1, and every synthetic department gets 50 people, 100 leader posts, 20 bureaus in a tree,
/// 10 institutions and 200 events, all with sources and other names. Rows go in with binary COPY.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string? connectionString = null;
        var scale = 1;
        var seed = 42;
        for (var i = 0; i < args.Length - 1; i += 2)
        {
            switch (args[i])
            {
                case "--connection":
                    connectionString = args[i + 1];
                    break;
                case "--scale":
                    scale = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--seed":
                    seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}");
                    return 2;
            }
        }

        if (connectionString is null || scale < 1)
        {
            await Console.Error.WriteLineAsync("usage: DataGen --connection <npgsql connection string> --scale <S ≥ 1> [--seed <n>]");
            return 2;
        }

        if (scale == 1)
        {
            Console.WriteLine("S=1: the seed alone, nothing to add.");
            return 0;
        }

        var stopwatch = Stopwatch.StartNew();
        // Row triggers off while copying (the search vocabulary's trigger would run once per row, 280,000 times at
        // S=1000); the vocabulary is then rebuilt in one statement. Needs a superuser, as run.sh's cluster has.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c session_replication_role=replica" };
        await using (var dataSource = NpgsqlDataSource.Create(builder.ConnectionString))
        {
            var generator = new Generator(dataSource, scale - 1, seed);
            await generator.RunAsync();
        }

        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        await using (var refill = dataSource.CreateCommand("SELECT ild_search_terms_refill()"))
        {
            await refill.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded S={scale} in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
}
