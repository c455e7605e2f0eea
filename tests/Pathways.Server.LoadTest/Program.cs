using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

// A bounded loopback load test of a running Pathways.Server (not a CI test): N clients post one profile to
// /v1/recommend in a loop for a fixed time, then the tool prints requests/s, latency percentiles and the errors.
//   dotnet run -c Release --project tests/Pathways.Server.LoadTest -- [--url http://127.0.0.1:5080] [--clients 8] [--seconds 20] [--profile file.json] [--query "lang=da"]
var url = "http://127.0.0.1:5080";
var clients = 8;
var seconds = 20;
string? profilePath = null;
var query = string.Empty;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--url": url = args[i + 1].TrimEnd('/'); break;
        case "--clients": clients = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--seconds": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--profile": profilePath = args[i + 1]; break;
        case "--query": query = "?" + args[i + 1]; break;
        default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 1;
    }
}

if (clients is < 1 or > 256 || seconds is < 1 or > 600)
{
    Console.Error.WriteLine("--clients must be 1–256 and --seconds 1–600.");
    return 1;
}

var profile = profilePath is null
    ? """{"id": "load-1", "age": 41, "readiness": "activity-ready", "benefit": "social-assistance", "mentalIllness": false, "monthsOnBenefits": 60, "weeklyPaidHours": 0, "hasChildrenAged5To14": true, "context": {"businessCycle": "normal", "caseworkerCaseload": 45, "caseworkerExpectsJob": true}}"""
    : File.ReadAllText(profilePath);
var body = Encoding.UTF8.GetBytes(profile);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseProxy = false }) { BaseAddress = new Uri(url) };
var target = "/v1/recommend" + query;

async Task<bool> SendAsync()
{
    using var content = new ByteArrayContent(body);
    content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    using var response = await http.PostAsync(target, content);
    await response.Content.ReadAsByteArrayAsync();
    return response.StatusCode == HttpStatusCode.OK;
}

// Warm-up: connections, JIT and the server's first requests are not measured.
for (var i = 0; i < 200; i++) await SendAsync();

var latencies = new List<double>[clients];
var errors = new long[clients];
var clock = Stopwatch.StartNew();
var end = TimeSpan.FromSeconds(seconds);
await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
{
    var mine = latencies[c] = new List<double>(1 << 16);
    while (clock.Elapsed < end)
    {
        var start = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            ok = await SendAsync();
        }
        catch (HttpRequestException)
        {
            ok = false;
        }

        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (!ok) errors[c]++;
    }
})));
var elapsed = clock.Elapsed.TotalSeconds;

var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"POST {target}: {clients} clients × {seconds} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests: {all.Length}, errors: {errors.Sum()}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput: {all.Length / elapsed:0} requests/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency ms: p50 {Percentile(50):0.00}, p90 {Percentile(90):0.00}, p99 {Percentile(99):0.00}, max {all[^1]:0.00}"));
return errors.Sum() == 0 ? 0 : 2;
