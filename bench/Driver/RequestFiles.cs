using System.Data.Common;

namespace KooGate.Bench;

/// <summary>
/// Pre-signed requests for wrk (bench/signed.lua): one file per wrk thread, <c>FILE.0</c>, <c>FILE.1</c>…, each line
/// <c>path-and-query TAB body</c>. Every line has its own nonce, so the files must be used within the 60 s window.
/// </summary>
internal static class RequestFiles
{
    public static int WriteNewInstance(Options options)
    {
        var key = options.Text("key");
        var prefix = options.Text("prefix");
        Write(options, i => SignedRequest.NewInstanceBody(prefix, i), key);
        return 0;
    }

    /// <summary>Queries of instances that exist, chosen at random from the database the server uses.</summary>
    public static async Task<int> WriteQueryInstanceAsync(Options options)
    {
        var ids = new List<string>();
        await using (var connection = BenchDatabase.Open(options.Text("db")))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """SELECT "InstanceId" FROM "Instances" WHERE "State" = 'Active' AND NOT "IsTest" ORDER BY random() LIMIT 20000""";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetString(0));
            }
        }

        if (ids.Count == 0)
        {
            Console.Error.WriteLine("no active instance to query");
            return 1;
        }

        Write(options, i => SignedRequest.QueryInstanceBody(ids[(int)(i % ids.Count)]), options.Text("key"));
        return 0;
    }

    private static void Write(Options options, Func<long, string> body, string key)
    {
        var count = options.Number("count");
        var threads = options.Number("threads");
        var writers = Enumerable.Range(0, threads).Select(t => new StreamWriter($"{options.Text("out")}.{t}")).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (long i = 0; i < count; i++)
        {
            var text = body(i);
            writers[i % threads].Write($"{SignedRequest.PathAndQuery(key, text, now)}\t{text}\n");
        }

        foreach (var writer in writers)
        {
            writer.Dispose();
        }
    }
}
