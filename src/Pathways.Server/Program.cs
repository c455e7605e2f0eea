namespace Pathways.Server;

/// <summary>
/// The entry point of <c>dotnet run --project src/Pathways.Server</c>: listens on http://127.0.0.1:5080 unless
/// <c>--urls</c> (or <c>ASPNETCORE_URLS</c>) says otherwise.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Builds the server from the command line and configuration, and runs it until stopped.</summary>
    /// <param name="args">Command-line arguments, for example <c>--urls http://0.0.0.0:8080</c> or <c>--Pathways:Packs:0=rules/local.json</c>.</param>
    public static void Main(string[] args) => PathwaysServer.Build(args).Run();
}
