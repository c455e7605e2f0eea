using Pathways.Server.Cards;

namespace Pathways.Server.Tests;

/// <summary>The CDS Hooks service: discovery and one card per recommendation.</summary>
public sealed class CdsTests : ServerTest
{
    [Test]
    public async Task Discovery_NamesTheCitizenViewHookAndThePathwaysService()
    {
        var response = await Client.GetAsync("/cds-services");
        var service = (await response.ReadJsonAsync()).GetProperty("services").EnumerateArray().Single();
        Assert.That(service.GetProperty("hook").GetString(), Is.EqualTo("citizen-view"));
        Assert.That(service.GetProperty("id").GetString(), Is.EqualTo("pathways"));
        Assert.That(service.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(service.GetProperty("description").GetString(), Is.Not.Empty);
    }

    [TestCase("long-term-activity-ready-parent", "da")]
    [TestCase("activity-ready-recession", "en")]
    [TestCase("young-activity-ready-mental-illness-not-in-treatment", "da")]
    [TestCase("high-caseload-caseworker-doubts-job", "en")]
    public async Task Cards_AreOnePerRecommendation_InTheResultsOrder_WithEveryPart(string profile, string lang)
    {
        var text = Repo.Profile(profile);
        var cards = await Client.CardsAsync(text, "?lang=" + lang);

        var citizen = ProfileJson.Read(text);
        var language = lang == "en" ? Language.En : Language.Da;
        var result = PathwayRecommender.Create().Recommend(citizen.Profile, citizen.Context, new RecommendOptions { Language = language });
        Assert.That(cards.Select(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString()), Is.EqualTo(result.Recommendations.Select(r => r.InterventionId)));
        Assert.That(cards.Select(c => c.GetProperty("uuid").GetString()).Distinct().Count(), Is.EqualTo(cards.Length));
        for (var i = 0; i < cards.Length; i++)
        {
            var card = cards[i];
            var r = result.Recommendations[i];
            Assert.That(Guid.TryParse(card.GetProperty("uuid").GetString(), out _), Is.True);
            var summary = card.GetProperty("summary").GetString()!;
            Assert.That(summary.Length, Is.LessThanOrEqualTo(140));
            Assert.That(summary, Does.StartWith(r.Title).And.Contain(lang == "en" ? "evidence" : "evidens"));
            Assert.That(card.GetProperty("indicator").GetString(), Is.EqualTo(r.Caveats.Count > 0 ? "warning" : "info"));
            var detail = card.GetProperty("detail").GetString()!;
            Assert.That(detail, Does.Contain(lang == "en" ? "**Why**" : "**Hvorfor**").And.Contain(lang == "en" ? "**Sources**" : "**Kilder**"));
            foreach (var c in r.Citations) Assert.That(detail, Does.Contain("(`" + c.Key + "`)"));
            if (r.Caveats.Count > 0) Assert.That(detail, Does.Contain(lang == "en" ? "**Keep in mind**" : "**Vær opmærksom på**"));
            Assert.That(card.GetProperty("source").GetProperty("label").GetString(), Does.Contain("»Hvad virker for at få borgere længere fra arbejdsmarkedet i job?«"));
            var reasons = card.GetProperty("overrideReasons").EnumerateArray().Select(o => o.GetProperty("code").GetString()).ToArray();
            Assert.That(reasons, Is.EqualTo(new[] { "citizen-declines", "not-available-locally", "caseworker-judgement" }));
            Assert.That(card.GetProperty("extension").GetProperty("pathways").GetProperty("evidence").GetString(), Is.EqualTo(r.Evidence.ToString().ToLowerInvariant()));
        }
    }

    [Test]
    public async Task Cards_FromAPackWithoutAConclusion_NameThePacksCitation()
    {
        using var withPack = new ServerFactory(settings: new Dictionary<string, string?> { ["Pathways:Packs:0"] = Path.Combine(Repo.Packs, "kommune-mentor.json") });
        var cards = await withPack.CreateClient().CardsAsync("""{"age": 40, "readiness": "activity-ready", "monthsOnBenefits": 36, "weeklyPaidHours": 0}""");
        var mentor = cards.Single(c => c.GetProperty("source").GetProperty("topic").GetProperty("code").GetString() == "mentor-support");
        Assert.That(mentor.GetProperty("source").GetProperty("label").GetString(), Does.Contain("Eksempel Kommune"));
    }

    [Test]
    public void Summary_OfALongTitle_IsShortenedTo140Characters()
    {
        var r = new Recommendation
        {
            InterventionId = "x",
            Kind = InterventionKind.Intervention,
            Title = new string('a', 300),
            Evidence = EvidenceGrade.Limited,
            Conclusion = 3,
            Reasons = Array.Empty<string>(),
            Caveats = Array.Empty<string>(),
            Citations = new[] { new Citation("k", "t", "f") },
        };
        var summary = CardBuilder.Summary(r, CardTexts.Da);
        Assert.That(summary, Has.Length.EqualTo(140).And.EndWith("– evidens: begrænset (notatets konklusion 3)"));
        Assert.That(summary, Does.Contain("…"));
    }

    [TestCase("a *b* _c_ `d` [e](f) <g> #h", "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\#h")]
    [TestCase("plain text, 59,5 %", "plain text, 59,5 %")]
    public void Detail_EscapesMarkdownInPackTexts(string text, string expected) => Assert.That(CardBuilder.Escape(text), Is.EqualTo(expected));
}
