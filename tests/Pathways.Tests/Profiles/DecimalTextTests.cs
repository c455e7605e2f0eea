using System.Globalization;

namespace Pathways.Tests.Profiles;

/// <summary>Danish numbers in reasons are written as the da-DK culture writes them, without loading that culture at start.</summary>
public class DecimalTextTests
{
    [TestCase(0d)]
    [TestCase(0.5)]
    [TestCase(2.25)]
    [TestCase(12.345)]
    [TestCase(80d)]
    [TestCase(1e-7)]
    [TestCase(-2.25)]
    [TestCase(-0.004)]
    [TestCase(1234567.891)]
    [TestCase(123456789012.5)]
    public void ADecimal_IsWrittenAsTheDanishAndInvariantCulturesWriteIt(double value)
    {
        Assert.That(FactTable.DecimalText(value, english: false), Is.EqualTo(value.ToString("0.##", CultureInfo.GetCultureInfo("da-DK"))));
        Assert.That(FactTable.DecimalText(value, english: true), Is.EqualTo(value.ToString("0.##", CultureInfo.InvariantCulture)));
    }
}
