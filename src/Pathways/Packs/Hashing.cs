using System.Security.Cryptography;
using System.Text;

namespace Pathways;

/// <summary>SHA-256 as <c>sha256:</c> and lower-case hex, as pack and rule set hashes are written.</summary>
internal static class Hashing
{
    public static string Sha256Hex(string text) => "sha256:" + Hex(Encoding.UTF8.GetBytes(text));

    private static string Hex(byte[] data)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(data);
        var sb = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) sb.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
