using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Pathways.Tests.Packaging;

/// <summary>
/// Packs src/Pathways with <c>dotnet pack --no-build</c> from this test run's configuration into a temporary
/// folder, once per test run. It needs the whole solution built in that configuration first (all three targets),
/// as <c>dotnet test Pathways.sln -c Release</c> and CI do; otherwise it fails and says so.
/// </summary>
internal static class PackageFixture
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static readonly Lazy<Packed> Lazy = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Packed Package => Lazy.Value;

    /// <summary>Deletes the temporary folder, if a test packed at all.</summary>
    public static void Cleanup()
    {
        if (Lazy.IsValueCreated) Directory.Delete(Path.GetDirectoryName(Lazy.Value.Nupkg)!, recursive: true);
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The one version, from Directory.Build.props.</summary>
    public static string Version { get; } =
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props")).Descendants("Version").Single().Value;

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathways.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Pathways.sln was not found above the test directory.");
    }

    private static Packed Pack()
    {
        var output = Path.Combine(Path.GetTempPath(), "pathways-pack-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var a in new[] { "pack", Path.Combine("src", "Pathways", "Pathways.csproj"), "-c", Configuration, "--no-build", "-o", output, "-nologo" })
            start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test host's MSBuild variables would point the child build at the test run's own settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"dotnet pack --no-build -c {Configuration} failed (exit {process.ExitCode}); build Pathways.sln in {Configuration} first " +
                $"so that every target of src/Pathways exists.{Environment.NewLine}{stdout.Result}{stderr}");
        }

        return new Packed(
            Path.Combine(output, $"Pathways.{Version}.nupkg"),
            Path.Combine(output, $"Pathways.{Version}.snupkg"));
    }

    internal sealed record Packed(string Nupkg, string Snupkg)
    {
        public IReadOnlyList<string> Entries(string path)
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Select(e => e.FullName).OrderBy(n => n, StringComparer.Ordinal).ToList();
        }

        public byte[] Read(string path, string entry)
        {
            using var zip = ZipFile.OpenRead(path);
            var e = zip.GetEntry(entry) ?? throw new FileNotFoundException($"{entry} is not in {Path.GetFileName(path)}.");
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }

        public XElement Metadata()
        {
            var nuspec = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Read(Nupkg, "Pathways.nuspec")).TrimStart('\uFEFF'));
            return nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        }
    }
}

/// <summary>Removes the packed files after the last test of this namespace.</summary>
[SetUpFixture]
public sealed class PackageFixtureCleanup
{
    [OneTimeTearDown]
    public void TearDown() => PackageFixture.Cleanup();
}
