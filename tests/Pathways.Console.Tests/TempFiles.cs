namespace Pathways.Console.Tests;

/// <summary>A fresh folder per test for the files a test writes.</summary>
public abstract class TempFiles
{
    protected string Dir { get; private set; } = string.Empty;

    [SetUp]
    public void MakeDir()
    {
        Dir = Path.Combine(Path.GetTempPath(), "pathways-console-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void RemoveDir()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }

    protected string Write(string name, string content)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
