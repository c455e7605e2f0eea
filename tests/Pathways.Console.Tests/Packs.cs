namespace Pathways.Console.Tests;

/// <summary>Small packs written by the tests.</summary>
internal static class Packs
{
    /// <summary>The line of the rule's Expression in <see cref="WithExpression"/>, where the library points expression problems.</summary>
    public const int ExpressionLine = 11;

    /// <summary>A one-rule pack (rule <c>R</c> in workflow <c>w</c>) that recommends the built-in <c>ips</c> when <paramref name="expression"/> holds.</summary>
    public static string WithExpression(string expression, string name = "test-pack", string citation = "christensen-eplov-2018", string rule = "R") => $$"""
        {
          "name": "{{name}}",
          "version": "1.0.0",
          "workflows": [
            {
              "WorkflowName": "w",
              "Rules": [
                {
                  "RuleName": "{{rule}}",
                  "SuccessEvent": "ips",
                  "Expression": "{{expression}}",
                  "Properties": { "citations": ["{{citation}}"], "evidence": "limited", "reason": { "da": "Test.", "en": "Test." } }
                }
              ]
            }
          ]
        }
        """;
}
