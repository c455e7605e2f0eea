using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pathways.Server.Tests;

/// <summary><c>POST /v1/batch</c>: the lines of <c>pathways batch</c>, streamed in both directions.</summary>
public sealed class BatchTests : ServerTest
{
    [TestCase(null)]
    [TestCase("false")]
    public async Task Batch_AnswersTheLinesOfTheLibraryBatch_WithAnErrorLineForABadProfile(string? explain)
    {
        var input = File.ReadAllText(Path.Combine(Repo.Profiles, "batch.ndjson")).TrimEnd('\n') + "\n{\"age\": 3, \"readiness\": \"job-ready\"}\n\n";
        var response = await Client.PostAsync("/v1/batch" + (explain is null ? string.Empty : "?explain=" + explain), Http.Ndjson(input));

        var expected = new StringWriter { NewLine = "\n" };
        await NdjsonBatch.RunAsync(new StringReader(input), expected, PathwayRecommender.Create(), new RecommendOptions { Explain = explain != "false" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.MediaType(), Is.EqualTo("application/x-ndjson"));
        Assert.That(body, Is.EqualTo(expected.ToString()));
        Assert.That(body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(), Does.StartWith("{\"line\":"));
    }

    [Test]
    public async Task Batch_AnswersTheFirstLines_BeforeTheRequestBodyHasEnded()
    {
        // 3,000 lines are sent and the chunked body is then held open: the first results must arrive while the
        // server still waits for the rest, which a server that read the whole body first could never do. A raw
        // socket, because HttpClient sends the whole body of an HTTP/1.1 request before it reads the answer.
        using var kestrel = new ServerFactory();
        var address = kestrel.StartKestrel();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        var line = Repo.Profile("job-ready-boom").ReplaceLineEndings(" ") + "\n";
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 3000)));
        var head = "POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + chunk.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(chunk);
        await stream.WriteAsync("\r\n"u8.ToArray());
        await stream.FlushAsync();

        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (!received.ToString().Contains("{\"id\":\"job-ready-boom\"", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, wait.Token);
                Assert.That(n, Is.GreaterThan(0), "The server closed the connection before answering.");
                received.Append(Encoding.UTF8.GetString(buffer, 0, n));
            }
        }

        Assert.That(received.ToString(), Does.StartWith("HTTP/1.1 200"));
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        Assert.That(CountOf(received.ToString(), "{\"id\":\"job-ready-boom\""), Is.EqualTo(3000));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
