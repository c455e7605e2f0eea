namespace Pathways.Server.Tests;

/// <summary>A fixture with one server (own SQLite file) for all its tests.</summary>
public abstract class ServerTest
{
    private ServerFactory? _server;

    internal ServerFactory Server => _server ?? throw new InvalidOperationException("The server has not started.");

    internal HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = new ServerFactory();
        Client = _server.CreateClient();
    }

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();
}
