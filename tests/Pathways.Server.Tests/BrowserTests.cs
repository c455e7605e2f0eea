using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Pathways.Server.Tests;

/// <summary>
/// The page in a real browser: Debian's headless Chromium driven by Debian's chromedriver (nothing is downloaded).
/// A caseworker fills in the form, reads the cards, overrides one with a reason, and the reason is stored.
/// </summary>
[NonParallelizable]
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [Test]
    public async Task Caseworker_FillsTheForm_ReadsTheCards_AndOverridesOneWithAReason()
    {
        using var server = new ServerFactory();
        using var driver = OpenPage(server, out var wait);
        Assert.That(driver.FindElement(By.CssSelector("label[for='field-age']")).Text, Does.StartWith("Alder"));

        driver.FindElement(By.Id("field-age")).SendKeys("41");
        new SelectElement(driver.FindElement(By.Id("field-readiness"))).SelectByValue("activity-ready");
        new SelectElement(driver.FindElement(By.Id("field-benefit"))).SelectByValue("social-assistance");
        new SelectElement(driver.FindElement(By.Id("field-hasChildrenAged5To14"))).SelectByValue("true");
        driver.FindElement(By.Id("field-monthsOnBenefits")).SendKeys("60");
        driver.FindElement(By.Id("field-weeklyPaidHours")).SendKeys("0");
        new SelectElement(driver.FindElement(By.Id("field-context-businessCycle"))).SelectByValue("recession");
        driver.FindElement(By.Id("submit")).Click();

        var cards = wait.Until(d => d.FindElements(By.CssSelector(".card")) is { Count: > 0 } found ? found : null)!;
        var first = cards[0];
        Assert.That(first.FindElement(By.TagName("h3")).Text, Does.Contain("evidens"));
        Assert.That(first.FindElement(By.CssSelector(".badge")).Text, Does.StartWith("Evidens:"));
        Assert.That(first.Text, Does.Contain("Hvorfor").And.Contain("Kilder").And.Contain("Kilde: STARs baggrundsnotat"));
        Assert.That(driver.FindElements(By.CssSelector(".card.warning h4.caveats")), Is.Not.Empty, "a recession gives private wage subsidy a caveat");
        Assert.That(driver.FindElements(By.CssSelector(".card li.citation")), Is.Not.Empty);

        var intervention = first.GetAttribute("data-intervention");
        first.FindElement(By.CssSelector("button.override")).Click();
        new SelectElement(first.FindElement(By.CssSelector("select.override-reason"))).SelectByValue("not-available-locally");
        first.FindElement(By.CssSelector("button.send-override")).Click();
        wait.Until(_ => first.FindElement(By.CssSelector(".feedback-status")).Text.Length > 0);
        Assert.That(first.FindElement(By.CssSelector(".feedback-status")).Text, Is.EqualTo("Tilbagemelding gemt: tilsidesat (Indsatsen findes ikke lokalt)."));

        var stored = FeedbackTests.Rows(server.DatabasePath, "SELECT intervention_id || ' ' || outcome || ' ' || override_reason FROM feedback");
        Assert.That(stored, Is.EqualTo(new[] { $"{intervention} overridden not-available-locally" }));
        var summary = await server.CreateClient().SummaryAsync();
        Assert.That(summary.GetProperty("overridden").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public void InvalidInput_IsShownAtTheField()
    {
        using var server = new ServerFactory();
        using var driver = OpenPage(server, out var wait);

        driver.FindElement(By.Id("field-age")).SendKeys("12");
        driver.FindElement(By.Id("submit")).Click();

        var ageError = wait.Until(d => d.FindElement(By.Id("field-age-error")) is { Text.Length: > 0 } e ? e : null)!;
        Assert.That(ageError.Text, Does.Contain("15–100"));
        Assert.That(driver.FindElement(By.Id("field-readiness-error")).Text, Does.Contain("readiness"));
        Assert.That(driver.FindElement(By.Id("field-age")).GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(driver.FindElements(By.CssSelector(".card")), Is.Empty);
    }

    /// <summary>Starts the server on Kestrel and opens its page once the form is built; skips only when Chromium is missing.</summary>
    private static ChromeDriver OpenPage(ServerFactory server, out WebDriverWait wait)
    {
        if (!File.Exists(Chromium)) Assert.Ignore($"{Chromium} is not installed (apt-get install chromium chromium-driver).");
        var address = server.StartKestrel();
        var driver = StartBrowser();
        wait = new WebDriverWait(driver, TimeSpan.FromSeconds(30));
        driver.Navigate().GoToUrl(address);
        wait.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true");
        return driver;
    }

    private static ChromeDriver StartBrowser()
    {
        // The driver's path is given, so Selenium Manager is never asked to find (or download) one.
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1600");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
