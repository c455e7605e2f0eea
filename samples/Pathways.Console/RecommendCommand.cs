namespace Pathways.Console;

/// <summary><c>pathways recommend &lt;profile.json&gt;</c>: one profile in, one result out as text cards or JSON.</summary>
internal static class RecommendCommand
{
    public static int Run(ConsoleIo io, string profilePath, IReadOnlyList<string> rules, bool json, Language language)
    {
        var text = Inputs.ReadText(io, profilePath, "profile", out var label);
        if (text is null) return ExitCodes.InvalidProfile;

        CitizenCase citizen;
        try
        {
            citizen = ProfileJson.Read(text, source: label);
        }
        catch (ProfileValidationException e)
        {
            // When the packs load, read again against them, so that problems with declared facts are listed too.
            Inputs.ReportProfileProblems(io, label, Inputs.RereadWithPacks(text, label, rules) ?? e);
            return ExitCodes.InvalidProfile;
        }

        var recommender = Inputs.OpenRecommender(io, rules, language, out var exitCode);
        if (recommender is null) return exitCode;

        RecommendationResult result;
        try
        {
            // Read again against the loaded packs, so that the declared facts are checked with everything else at once.
            citizen = recommender.ReadProfile(text, source: label);
            result = recommender.Recommend(citizen.Profile, citizen.Context, new RecommendOptions { Language = language, Explain = true });
        }
        catch (ProfileValidationException e)
        {
            Inputs.ReportProfileProblems(io, label, e);
            return ExitCodes.InvalidProfile;
        }

        if (json)
        {
            io.Out.Write(RecommendationJson.Serialize(result));
            io.Out.Write('\n');
        }
        else
        {
            new TextReport(io.Out, language, io.Environment.Colour).Write(result);
        }

        return ExitCodes.Success;
    }
}
