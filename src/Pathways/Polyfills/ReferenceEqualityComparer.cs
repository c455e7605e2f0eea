#if NETSTANDARD2_0
using System.Runtime.CompilerServices;

namespace System.Collections.Generic;

/// <summary>
/// netstandard2.0 lacks <c>ReferenceEqualityComparer</c> (.NET 5 and later); this internal copy lets the shared code
/// use the same name on every target.
/// </summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object?>
{
    private ReferenceEqualityComparer()
    {
    }

    public static ReferenceEqualityComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object? obj) => obj is null ? 0 : RuntimeHelpers.GetHashCode(obj);
}
#endif
