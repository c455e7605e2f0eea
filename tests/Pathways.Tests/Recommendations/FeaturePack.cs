namespace Pathways.Tests;

/// <summary>
/// A test pack that uses what the built-in pack does not: nested rules two levels deep (And, AndAlso, Or,
/// OrElse), LocalParams (one reading another, one on a parent read by its children), workflow GlobalParams,
/// pack parameters (whole and decimal), <c>!=</c> and <c>??</c> on unknown facts, a ternary, arithmetic, an
/// expression that throws on unknown facts, a disabled rule, and caveat and exclusion roles.
/// </summary>
internal static class FeaturePack
{
    public const string Json = """
    {
      "name": "features",
      "version": "1.0.0",
      "parameters": [
        { "name": "caseloadLimit", "value": 50, "description": { "da": "Test.", "en": "Test." } },
        { "name": "hoursLimit", "value": 15.5, "description": { "da": "Test.", "en": "Test." } }
      ],
      "citations": [ { "key": "test-2025", "authors": "Test", "year": 2025, "publisher": "Test", "finding": { "da": "Fund.", "en": "Finding." } } ],
      "interventions": [
        { "id": "alpha", "kind": "intervention", "title": { "da": "Alfa", "en": "Alpha" } },
        { "id": "beta", "kind": "intervention", "title": { "da": "Beta", "en": "Beta" } },
        { "id": "gamma", "kind": "practice", "title": { "da": "Gamma", "en": "Gamma" } }
      ],
      "workflows": [
        {
          "WorkflowName": "features",
          "GlobalParams": [
            { "Name": "adultAge", "Expression": "18" },
            { "Name": "isAdult", "Expression": "profile.Age >= adultAge" }
          ],
          "Rules": [
            { "RuleName": "NotKnownIll", "SuccessEvent": "alpha", "Expression": "profile.MentalIllness != true",
              "Properties": { "citations": ["test-2025"], "evidence": "limited", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "AdultOnFlexTrack", "SuccessEvent": "alpha", "Operator": "AndAlso",
              "Rules": [
                { "RuleName": "AdultOnFlexTrack_Adult", "Expression": "isAdult" },
                { "RuleName": "AdultOnFlexTrack_Track", "Operator": "OrElse", "Rules": [
                  { "RuleName": "AdultOnFlexTrack_Benefit", "Expression": "profile.Benefit == Benefit.FlexJob" },
                  { "RuleName": "AdultOnFlexTrack_Approved", "Expression": "profile.FlexJobApproved == true" },
                  { "RuleName": "AdultOnFlexTrack_Never", "Expression": "false", "Enabled": false }
                ] }
              ],
              "Properties": { "citations": ["test-2025"], "evidence": "strong", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "FewHoursNotJobReady", "SuccessEvent": "beta",
              "LocalParams": [
                { "Name": "hours", "Expression": "profile.WeeklyPaidHours ?? 0" },
                { "Name": "few", "Expression": "hours <= hoursLimit" }
              ],
              "Expression": "few && profile.Readiness != Readiness.JobReady",
              "Properties": { "citations": ["test-2025"], "evidence": "moderate", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "LongTermThrowsWhenUnknown", "SuccessEvent": "beta", "Expression": "profile.MonthsOnBenefits.Value > 12",
              "Properties": { "citations": ["test-2025"], "evidence": "mixed", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "ThrowsAtAge30", "SuccessEvent": "beta", "Expression": "100 / (profile.Age - 30) > 2",
              "Properties": { "citations": ["test-2025"], "evidence": "limited", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "BusyOrBoom", "SuccessEvent": "gamma", "Expression": "context.CaseworkerCaseload * 2 > caseloadLimit * 2 || context.BusinessCycle == BusinessCycle.Boom",
              "Properties": { "citations": ["test-2025"], "evidence": "moderate", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "YoungWithoutChildren", "SuccessEvent": "gamma", "Operator": "And",
              "LocalParams": [ { "Name": "young", "Expression": "profile.Age < 30" } ],
              "Rules": [
                { "RuleName": "YoungWithoutChildren_Young", "Expression": "young" },
                { "RuleName": "YoungWithoutChildren_NoChildren", "Operator": "Or", "Rules": [
                  { "RuleName": "YoungWithoutChildren_Children", "Expression": "profile.HasChildrenAged5To14 == false" },
                  { "RuleName": "YoungWithoutChildren_NotTreated", "Expression": "profile.InMentalHealthTreatment != true && young" }
                ] }
              ],
              "Properties": { "citations": ["test-2025"], "evidence": "limited", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "OlderActivityReady", "SuccessEvent": "gamma", "Expression": "(profile.Readiness == Readiness.ActivityReady ? profile.Age : 0) >= 30",
              "Properties": { "citations": ["test-2025"], "evidence": "strong", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "Disabled", "SuccessEvent": "gamma", "Expression": "true", "Enabled": false,
              "Properties": { "citations": ["test-2025"], "evidence": "strong", "reason": { "da": "R.", "en": "R." } } },
            { "RuleName": "AlphaRecessionCaveat", "SuccessEvent": "alpha", "Expression": "context.BusinessCycle == BusinessCycle.Recession",
              "Properties": { "role": "caveat", "citations": ["test-2025"], "caveat": { "da": "C.", "en": "C." } } },
            { "RuleName": "BetaExcludedWhenExpected", "SuccessEvent": "beta", "Expression": "context.CaseworkerExpectsJob == true || profile.Age > 64",
              "Properties": { "role": "exclude", "citations": ["test-2025"], "reason": { "da": "X.", "en": "X." } } }
          ]
        }
      ]
    }
    """;

    public static PathwayRecommender Create() => PathwayRecommender.Create(o =>
    {
        o.IncludeBuiltInPack = false;
        o.AddPackFromStream("features.json", () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Json)));
    });
}
