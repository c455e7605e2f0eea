using System.Diagnostics;

namespace Pathways.Console.Tests;

/// <summary>One run of the console: exit code and what it wrote.</summary>
internal sealed record ConsoleRun(int Exit, string Out, string Err)
{
    /// <summary>The console in-process, plain (no colour, no progress), as a script with redirected output sees it.</summary>
    public static ConsoleRun InProcess(params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, stdout, stderr);
        return new ConsoleRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>In-process with standard input and terminal capabilities of the test's choosing.</summary>
    public static ConsoleRun InProcess(TextReader stdin, bool colour, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exit = Program.Run(args, stdout, stderr, stdin, new ConsoleEnvironment(colour, Progress: false));
        return new ConsoleRun(exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The console as a real process: <c>dotnet Pathways.Console.dll …</c>, output redirected.</summary>
    public static ConsoleRun AsProcess(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Repo.ConsoleDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var err = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ConsoleRun(process.ExitCode, output, err.GetAwaiter().GetResult());
    }

    /// <summary>Standard error as its lines.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Where the repository's samples and the built console are.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Profiles => Path.Combine(Root, "samples", "profiles");

    public static string Packs => Path.Combine(Root, "samples", "packs");

    public static string Profile(string name) => Path.Combine(Profiles, name + ".json");

    /// <summary>The console's example extension pack (by file: other examples may share its folder).</summary>
    public static string ExamplePack => Path.Combine(Packs, "eksempelkommune-virksomhedskonsulent.json");

    /// <summary>The console assembly that the build copied next to the tests, with its runtime configuration.</summary>
    public static string ConsoleDll
    {
        get
        {
            var here = Path.Combine(TestContext.CurrentContext.TestDirectory, "Pathways.Console.dll");
            if (File.Exists(Path.ChangeExtension(here, ".runtimeconfig.json"))) return here;
            var configuration = new DirectoryInfo(TestContext.CurrentContext.TestDirectory).Parent!.Name;
            return Path.Combine(Root, "samples", "Pathways.Console", "bin", configuration, "net10.0", "Pathways.Console.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pathways.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Pathways.sln not found above the test directory.");
    }
}
