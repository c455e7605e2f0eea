using System.Text;
using System.Text.RegularExpressions;

namespace Pathways.Tests.Packs;

/// <summary>
/// docs/rules.md cannot drift from the built-in pack: its catalogue, its lists of who can receive what and its rule counts are
/// generated from the pack between marker comments, and every rule the pack has is in its rule table.
/// </summary>
public class RulesDocTests
{
    /// <summary>Set to 1 to rewrite the generated parts of docs/rules.md instead of failing.</summary>
    private const string UpdateVariable = "PATHWAYS_UPDATE_DOCS";

    private const string UpdateCommand = "PATHWAYS_UPDATE_DOCS=1 dotnet test tests/Pathways.Tests -c Release --filter FullyQualifiedName~RulesDocTests";

    private static readonly (Readiness Value, string Name)[] Readinesses =
    {
        (Readiness.JobReady, "job-ready (jobparat)"),
        (Readiness.ActivityReady, "activity-ready (aktivitetsparat)"),
        (Readiness.EducationReady, "education-ready (uddannelsesparat)"),
        (Readiness.Unknown, "readiness unknown"),
    };

    private static string DocPath => Path.Combine(BuiltInPackTests.RepoRoot(), "docs", "rules.md");

    [TestCase("who-can-receive")]
    [TestCase("rule-counts")]
    [TestCase("catalogue")]
    public void GeneratedPart_IsUpToDate(string part)
    {
        var doc = File.ReadAllText(DocPath);
        var expected = part switch { "who-can-receive" => WhoCanReceive(), "catalogue" => Catalogue(), _ => RuleCounts() };
        var (begin, end) = ($"<!-- BEGIN generated:{part} -->", $"<!-- END generated:{part} -->");
        var start = doc.IndexOf(begin, StringComparison.Ordinal);
        var stop = doc.IndexOf(end, StringComparison.Ordinal);
        Assert.That(start >= 0 && stop > start, Is.True, $"docs/rules.md lacks the markers {begin} … {end}");

        var current = doc.Substring(start + begin.Length, stop - start - begin.Length).Trim('\n');
        if (current == expected.Trim('\n')) return;
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(DocPath, doc.Substring(0, start + begin.Length) + "\n" + expected.Trim('\n') + "\n" + doc.Substring(stop));
            Assert.Pass("docs/rules.md updated");
        }

        Assert.Fail($"docs/rules.md's generated part '{part}' differs from the built-in pack. Run `{UpdateCommand}` to update it, then review and commit the change.\nExpected:\n{expected}");
    }

    [Test]
    public void RuleTable_ListsEveryRuleOfThePack_AndNoOther()
    {
        var doc = File.ReadAllText(DocPath);
        var inTable = Regex.Matches(doc, @"^\| conclusion-\d-[a-z-]+ \| `(\w+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();

        Assert.That(inTable, Is.EqualTo(TestProfiles.BuiltIn.Compiled.Rules.Select(r => r.Name).ToList()), "the rule table in docs/rules.md ('Every rule') lists the pack's rules in the pack's order");
    }

    /// <summary>
    /// For each readiness, which catalogue entries some citizen with that readiness receives: every combination of
    /// the other facts (unknown, and values on both sides of every threshold the pack uses) is tried.
    /// </summary>
    internal static string WhoCanReceive()
    {
        var set = TestProfiles.BuiltIn.Compiled;
        var received = Readinesses.ToDictionary(r => r.Value, _ => new HashSet<string>(StringComparer.Ordinal));
        var quick = new RecommendOptions { Explain = false };
        bool?[] tristate = { null, true, false };
        Benefit?[] benefits = new Benefit?[] { null }.Concat(Enum.GetValues(typeof(Benefit)).Cast<Benefit?>()).ToArray();
        BusinessCycle?[] cycles = { null, BusinessCycle.Boom, BusinessCycle.Normal, BusinessCycle.Recession };
        int?[] months = { null, 0, 240 };
        double?[] hours = { null, 0, 79 };
        int?[] caseloads = { null, 1, 1000 };
        var contexts = (from cycle in cycles from caseload in caseloads from expects in tristate
                        select new AssessmentContext { BusinessCycle = cycle, CaseworkerCaseload = caseload, CaseworkerExpectsJob = expects }).ToArray();
        foreach (var (readiness, _) in Readinesses)
        {
            foreach (var age in new[] { 15, 17, 18, 29, 30, 64, 65, 100 })
            foreach (var benefit in benefits)
            foreach (var mental in tristate)
            foreach (var treatment in tristate)
            foreach (var m in months)
            foreach (var h in hours)
            foreach (var children in tristate)
            foreach (var flex in tristate)
            {
                var profile = new CitizenProfile
                {
                    Age = age, Readiness = readiness, Benefit = benefit, MentalIllness = mental, InMentalHealthTreatment = treatment,
                    MonthsOnBenefits = m, WeeklyPaidHours = h, HasChildrenAged5To14 = children, FlexJobApproved = flex,
                };
                foreach (var context in contexts)
                {
                    foreach (var r in TestProfiles.BuiltIn.Recommend(profile, context, quick).Recommendations) received[readiness].Add(r.InterventionId);
                }
            }
        }

        var sb = new StringBuilder();
        sb.Append("| catalogue entry | kind | ").Append(string.Join(" | ", Readinesses.Select(r => r.Name))).Append(" |\n");
        sb.Append("|---|---|").Append(string.Concat(Readinesses.Select(_ => "---|"))).Append('\n');
        foreach (var entry in set.Catalogue.OrderBy(e => e.Conclusion).ThenBy(e => e.Id, StringComparer.Ordinal))
        {
            sb.Append("| `").Append(entry.Id).Append("` ").Append(entry.Title.Da).Append(" | ").Append(entry.Kind == InterventionKind.Practice ? "practice" : "intervention").Append(" | ");
            sb.Append(string.Join(" | ", Readinesses.Select(r => received[r.Value].Contains(entry.Id) ? "yes" : "–"))).Append(" |\n");
        }

        foreach (var (readiness, name) in Readinesses)
        {
            var ids = set.Catalogue.Where(e => received[readiness].Contains(e.Id)).Select(e => "`" + e.Id + "`").ToList();
            sb.Append('\n').Append("- ").Append(name).Append(": ").Append(ids.Count == 0 ? "nothing" : string.Join(", ", ids)).Append('.');
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>The built-in pack's catalogue, in the pack's order.</summary>
    internal static string Catalogue()
    {
        var sb = new StringBuilder("| id | kind | conclusion | Danish title |\n|---|---|---|---|\n");
        foreach (var e in Newtonsoft.Json.Linq.JToken.Parse(BuiltInPack.Json)["interventions"]!)
            sb.Append("| `").Append((string)e["id"]!).Append("` | ").Append((string)e["kind"]!).Append(" | ").Append((int?)e["conclusion"]).Append(" | ").Append((string)e["title"]!["da"]!).Append(" |\n");
        return sb.ToString();
    }

    internal static string RuleCounts()
    {
        var rules = TestProfiles.BuiltIn.Compiled.Rules;
        var perWorkflow = rules.GroupBy(r => r.Def.Workflow).Select(g => $"`{g.Key}` {g.Count()}");
        int Count(RuleRole role) => rules.Count(r => r.Def.Role == role);
        return $"Rules per workflow: {string.Join(", ", perWorkflow)} ({rules.Count} in all: {Count(RuleRole.Recommend)} recommend, {Count(RuleRole.Caveat)} caveat, {Count(RuleRole.Exclude)} exclude).\n";
    }
}
