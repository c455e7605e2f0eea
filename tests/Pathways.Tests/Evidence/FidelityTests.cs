using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using static Pathways.Tests.Packs.PackTestKit;

namespace Pathways.Tests.Evidence;

/// <summary>
/// The pack says what the note says, with the note's attribution and hedging: one row per finding of a careful
/// reading of the note against the built-in pack (issue 14).
/// </summary>
public class FidelityTests
{
    private static readonly string[] CompanyOriented = { "private-wage-subsidy", "public-wage-subsidy", "company-internship", "company-centre", "ips", "ips-plus" };

    private static IEnumerable<string> DanishTexts() => JToken.Parse(BuiltInPack.Json).SelectTokens("$..da").Select(t => (string)t!);

    private static IEnumerable<string> Sentences(string text) => Regex.Split(text, @"(?<=[.!?])\s+(?=[A-ZÆØÅ»])");

    // 1. IPS and IPS+ with treatment unknown: the card says the note's condition (treatment and support) is not established.
    [TestCase("mental=true age=40", "ips", true)]
    [TestCase("mental=true age=40", "ips-plus", true)]
    [TestCase("mental=true treatment=true age=40", "ips", false)]
    [TestCase("mental=true treatment=true age=40", "ips-plus", false)]
    [TestCase("mental=true treatment=false age=40", "ips", false)]
    public void TreatmentUnknown_TheCardSaysTheNotesConditionIsNotEstablished(string spec, string id, bool shown)
    {
        var rec = TestProfiles.Recommend(spec).Find(id)!;

        Assert.That(rec.Caveats.Any(c => c.Contains("notatets betingelse er ikke fastslået")), Is.EqualTo(shown));
        Assert.That(rec.Reasons[0], Does.Contain("når det kombineres med behandling og støtte"));
    }

    [Test]
    public void IfUnknown_IsPartOfTheExplanation_NotOfAQuickResult()
    {
        var (p, c) = TestProfiles.Parse("mental=true age=40");
        var quick = TestProfiles.BuiltIn.Recommend(p, c, new RecommendOptions { Explain = false });

        Assert.That(quick.Recommendations.Single(r => r.InterventionId == "ips").Caveats, Has.None.Contains("ikke oplyst"));
    }

    [TestCase("recommend")]
    [TestCase("exclude")]
    public void IfUnknown_OnARuleThatIsNotACaveat_RefusesThePack(string role)
    {
        var pack = Probe("profile.Age > 18").Replace("\"citations\":", $"\"role\": \"{role}\", \"ifUnknown\": {{ \"da\": \"Ukendt.\" }}, \"citations\":");

        var problems = Refusal(pack);

        Assert.That(problems, Has.Some.Matches<PackProblem>(x => x != null && x.Rule == "Probe" && x.Message.Contains("'ifUnknown' is for caveat rules only")));
    }

    // 3. Private wage subsidy rests on evidence »blandt aktivitetsparate borgere«: not for job-ready citizens in a boom.
    [TestCase("readiness=job cycle=boom", false)]
    [TestCase("readiness=education cycle=boom", false)]
    [TestCase("readiness=activity cycle=boom", true)]
    public void PrivateWageSubsidy_InABoom_OnlyForActivityReady(string spec, bool recommended) =>
        Assert.That(TestProfiles.Recommend(spec).Ids(), recommended ? Does.Contain("private-wage-subsidy") : Does.Not.Contain("private-wage-subsidy"));

    // 3. »Pakken foreslår virksomhedsrettede indsatser til borgeren« stands exactly where the pack suggests one.
    [TestCase("readiness=job mental=true age=40", true)]
    [TestCase("readiness=education mental=true age=30", true)]
    [TestCase("readiness=job mental=true age=70", false)]
    [TestCase("readiness=job mental=false cycle=boom", false)]
    [TestCase("readiness=job flex=true", true)]
    [TestCase("readiness=activity", true)]
    public void CoordinatedEffort_StandsWhereACompanyOrientedInterventionIsSuggested(string spec, bool expected)
    {
        var ids = TestProfiles.Recommend(spec).Ids();

        Assert.That(ids.Intersect(CompanyOriented).Any(), Is.EqualTo(expected));
        Assert.That(ids.Contains("coordinated-effort"), Is.EqualTo(expected));
    }

    [Test]
    public void CoordinatedEffort_StandsWhereACompanyOrientedInterventionIsSuggested_ForRandomCitizens()
    {
        var rng = new Random(14);
        for (var i = 0; i < 2000; i++)
        {
            var (p, c) = TestProfiles.Random(rng);
            var ids = TestProfiles.BuiltIn.Recommend(p, c).Ids();
            Assert.That(ids.Contains("coordinated-effort"), Is.EqualTo(ids.Intersect(CompanyOriented).Any()), string.Join(",", ids));
        }
    }

    // 4. »mindre entydige« is STAR's own summary; Ekspertgruppen »peger på en tendens til fastholdelse«.
    [Test]
    public void MindreEntydige_IsNotCreditedToEkspertgruppen()
    {
        var credited = DanishTexts().SelectMany(Sentences).Where(s => s.Contains("mindre entydige") && s.Contains("Ekspertgruppen")).ToList();

        Assert.That(credited, Is.Empty);
    }

    [TestCase("der er en tendens til fastholdelse")]
    [TestCase("mindre entydige end for privat")]
    [TestCase("mindre entydige end ved privat")]
    public void PublicWageSubsidy_KeepsTheNotesHedging(string hardened) =>
        Assert.That(DanishTexts().Where(t => t.Contains(hardened, StringComparison.OrdinalIgnoreCase)), Is.Empty);

    // 5. The IPS age band is the trial's population; excluding other ages is the pack's choice and says so.
    [TestCase("mental=true age=70", "ips")]
    [TestCase("mental=true age=16", "ips-plus")]
    [TestCase("mental=false age=40", "ips")]
    [TestCase("mental=false age=40", "ips-plus")]
    public void IpsAgeBand_IsThePacksChoice(string spec, string id)
    {
        var reasons = TestProfiles.Recommend(spec).NotRecommended.Single(n => n.InterventionId == id).Reasons;

        Assert.That(reasons, Has.Some.Contains("pakkens valg, ikke en grænse i notatet"));
    }

    // 6. What the note says that the pack did not carry.
    [TestCase("private-wage-subsidy")]
    [TestCase("public-wage-subsidy")]
    [TestCase("company-internship")]
    public void CompanyOrientedCards_SayTheEffectsVaryWithCycleAndTargetGroup(string id) =>
        Assert.That(TestProfiles.Recommend("readiness=activity").Find(id)!.Caveats, Has.Some.Contains("Effekterne varierer dog med konjunkturer og målgruppe."));

    [Test]
    public void EveryCard_SaysTheSelectionRestsOnStarsJudgement_AndMayDifferFromJobeffekter()
    {
        var result = TestProfiles.Recommend("readiness=activity");

        Assert.That(result.Advisory, Does.Contain("kan i visse tilfælde afvige fra konklusioner på Jobeffekter.dk og andre systematiske reviews"));
        Assert.That(TestProfiles.BuiltIn.Compiled.Citations["star-baggrundsnotat"].Finding.Da, Does.Contain("afvige fra konklusioner på Jobeffekter.dk"));
    }

    [TestCase("ips")]
    [TestCase("ips-plus")]
    public void IpsAndIpsPlusCards_CarryTheFasterAttachment(string id) =>
        Assert.That(TestProfiles.Recommend("mental=true treatment=true age=40").Find(id)!.Reasons, Has.Some.Contains("hurtigere tilknytning til arbejdsmarkedet"));

    // 7. De Økonomiske Råd find positive internship effects »i både lav- og højkonjunktur«: the finding holds in every cycle.
    [TestCase("readiness=activity cycle=normal")]
    [TestCase("readiness=activity cycle=boom")]
    [TestCase("readiness=activity")]
    public void CompanyInternship_CitesDeOkonomiskeRaad_WhateverTheCycle(string spec) =>
        Assert.That(TestProfiles.Recommend(spec).Find("company-internship")!.Citations.Select(c => c.Key), Does.Contain("dor-2012"));

    [Test]
    public void CompanyInternship_WhyNot_DoesNotGiveTheCycleAsTheReason()
    {
        var reasons = TestProfiles.Recommend("readiness=job cycle=normal").NotRecommended.Single(n => n.InterventionId == "company-internship").Reasons;

        Assert.That(reasons, Has.None.Contains("konjunktur"));
    }

    // 10. Danish: »mens« for »whereas«; findings open with a sentence, not a fragment.
    [TestCase("– hvor effekten")]
    public void Danish_UsesMensForWhereas(string wrong) =>
        Assert.That(DanishTexts().Where(t => t.Contains(wrong)), Is.Empty);

    [TestCase("vaksthuset-au-2017", "Et effektstudie af beskæftigelsesindsatser for udsatte borgere peger på, at")]
    [TestCase("ramboll-metrica-2018", "Evalueringen af det randomiserede kontrollerede forsøg JobFirst, som blev gennemført i 15 kommuner i perioden 2016–2017, dokumenterer, at")]
    [TestCase("christensen-eplov-2018", "Et dansk randomiseret kontrolleret forsøg har undersøgt effekten af IPS for personer i alderen 18 til 64 år;")]
    public void Finding_OpensWithASentence(string key, string opening) =>
        Assert.That(TestProfiles.BuiltIn.Compiled.Citations[key].Finding.Da, Does.StartWith(opening));
}
